// Fuzz target: `.thoth.yaml`. Properties: reading answers a config or an error, never a crash nor an
// exception; each runtime environment read converts to a target or a clean InputError; merging a
// detected environment into any accepted file gives YAML that reads back.
#include "env/thoth_config.hpp"
#include "fuzz/fuzz_support.hpp"

THOTH_FUZZ_TARGET(thoth_config) {
  auto text = thoth::fuzz::as_text(data, size);
  auto config = thoth::env::parse_thoth_config(text, ".thoth.yaml");
  if (!config) return 0;
  for (const auto& runtime : config->runtime_environments)
    thoth::fuzz::expect_only_input_errors([&] { (void)thoth::env::to_target_environment(runtime); });
  thoth::env::RuntimeEnvironment detected;
  detected.python_version = "3.11";
  detected.platform = "linux-x86_64";
  auto merged = thoth::env::merge_into_existing(text, detected);
  if (merged) THOTH_FUZZ_CHECK(thoth::env::parse_thoth_config(*merged, ".thoth.yaml").has_value(), *merged);
  return 0;
}
