// Fuzz target: Pipfile TOML. Properties: reading never crashes nor throws anything but InputError;
// an accepted Pipfile hashes, and each entry becomes a requirement or a clean InputError.
#include "fuzz/fuzz_support.hpp"
#include "project/pipfile.hpp"

THOTH_FUZZ_TARGET(pipfile) {
  thoth::fuzz::expect_only_input_errors([&] {
    auto pipfile = thoth::project::parse_pipfile(thoth::fuzz::as_text(data, size), "Pipfile");
    (void)thoth::project::pipfile_hash(pipfile);
    (void)thoth::project::pipfile_hash(pipfile, thoth::project::HashVariant::Legacy);
    for (const auto& [category, entries] : pipfile.categories)
      for (const auto& entry : entries) thoth::fuzz::expect_only_input_errors([&] { (void)entry.to_requirement(); });
  });
  return 0;
}
