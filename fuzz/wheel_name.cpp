// Fuzz target: wheel and sdist file names (PEP 427 / PEP 625) and their tags. Properties: parsing
// never crashes; a parsed wheel has at least one tag of each kind and a canonical name.
#include "env/wheel.hpp"
#include "fuzz/fuzz_support.hpp"

THOTH_FUZZ_TARGET(wheel_name) {
  auto text = thoth::fuzz::as_text(data, size);
  if (auto wheel = thoth::env::parse_wheel_name(text)) {
    THOTH_FUZZ_CHECK(!wheel->python_tags.empty() && !wheel->abi_tags.empty() && !wheel->platform_tags.empty(), text);
    THOTH_FUZZ_CHECK(!wheel->name.empty(), text);
    (void)wheel->tags();
    static const thoth::env::TagPriorities supported({"cp311-cp311-manylinux_2_17_x86_64", "py3-none-any"});
    (void)thoth::env::file_priority(text, supported);
  }
  (void)thoth::env::parse_sdist_name(text);
  return 0;
}
