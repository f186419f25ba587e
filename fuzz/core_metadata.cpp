// Fuzz target: core-metadata files (METADATA, PEP 658). Properties: parsing never crashes nor throws
// anything but InputError; the fields it returns hold no line break (continuation lines are folded).
#include "fuzz/fuzz_support.hpp"
#include "remote/simple_api.hpp"

THOTH_FUZZ_TARGET(core_metadata) {
  thoth::fuzz::expect_only_input_errors([&] {
    auto metadata = thoth::remote::parse_core_metadata(thoth::fuzz::as_text(data, size));
    THOTH_FUZZ_CHECK(metadata.name.find('\n') == std::string::npos, metadata.name);
    THOTH_FUZZ_CHECK(metadata.version.find('\n') == std::string::npos, metadata.version);
  });
  return 0;
}
