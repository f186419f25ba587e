// Fuzz target: pip requirements files. Property: reading never crashes nor throws anything but
// InputError.
#include "fuzz/fuzz_support.hpp"
#include "project/manifest.hpp"

THOTH_FUZZ_TARGET(requirements_file) {
  thoth::fuzz::expect_only_input_errors(
      [&] { (void)thoth::project::parse_requirements_file(thoth::fuzz::as_text(data, size), "requirements.txt"); });
  return 0;
}
