// Fuzz target: PEP 691 JSON project pages of the simple API. Properties: parsing answers a page or
// an InputError, never a crash nor another exception; every file of an accepted page has a name and
// an absolute URL (relative ones are resolved against the page's).
#include "fuzz/fuzz_support.hpp"
#include "remote/simple_api.hpp"

THOTH_FUZZ_TARGET(simple_json) {
  thoth::fuzz::expect_only_input_errors([&] {
    auto page = thoth::remote::parse_json_page(thoth::fuzz::as_text(data, size), "https://index.example/simple/demo/");
    for (const auto& file : page.files) {
      THOTH_FUZZ_CHECK(!file.filename.empty(), file.url);
      THOTH_FUZZ_CHECK(file.url.find("://") != std::string::npos, file.url);
    }
  });
  return 0;
}
