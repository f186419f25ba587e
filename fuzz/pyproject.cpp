// Fuzz target: pyproject.toml (PEP 621 dependencies, PEP 735 groups). Property: reading never crashes
// nor throws anything but InputError.
#include "fuzz/fuzz_support.hpp"
#include "project/manifest.hpp"

THOTH_FUZZ_TARGET(pyproject) {
  thoth::fuzz::expect_only_input_errors(
      [&] { (void)thoth::project::parse_pyproject(thoth::fuzz::as_text(data, size), "pyproject.toml"); });
  return 0;
}
