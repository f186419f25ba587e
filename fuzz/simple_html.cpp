// Fuzz target: PEP 503 HTML project pages of the simple API. Properties: parsing answers a page or
// an InputError, never a crash nor another exception; every file of an accepted page has a name and
// an absolute URL.
#include "fuzz/fuzz_support.hpp"
#include "remote/simple_api.hpp"

THOTH_FUZZ_TARGET(simple_html) {
  thoth::fuzz::expect_only_input_errors([&] {
    auto page = thoth::remote::parse_html_page(thoth::fuzz::as_text(data, size), "https://index.example/simple/demo/");
    for (const auto& file : page.files) {
      THOTH_FUZZ_CHECK(!file.filename.empty(), file.url);
      THOTH_FUZZ_CHECK(file.url.find("://") != std::string::npos, file.url);
    }
  });
  return 0;
}
