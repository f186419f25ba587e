// Fuzz target: PEP 440 versions. Properties: parse never crashes; a parsed version prints in a
// normalised form that parses back to an equal version and prints identically.
#include "fuzz/fuzz_support.hpp"
#include "packaging/version.hpp"

THOTH_FUZZ_TARGET(version) {
  auto text = thoth::fuzz::as_text(data, size);
  auto version = thoth::packaging::Version::parse(text);
  if (!version) return 0;
  std::string printed = version->to_string();
  auto again = thoth::packaging::Version::parse(printed);
  THOTH_FUZZ_CHECK(again.has_value(), printed);
  THOTH_FUZZ_CHECK(*again == *version, printed);
  THOTH_FUZZ_CHECK(again->to_string() == printed, printed);
  (void)version->public_version().to_string();
  (void)version->base_version().to_string();
  return 0;
}
