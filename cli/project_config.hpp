// The `.thoth.yaml` a command reads, parsed once: advise takes the target environment, the
// recommendation type, the advisory and scorecard folders and the prescription folders and facts
// from the same reading, and audit its defaults.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "env/environment.hpp"
#include "env/thoth_config.hpp"

namespace thoth::cli {

struct ProjectConfig {
  std::filesystem::path path;                      // where the file was looked for
  std::optional<env::ThothConfig> config;          // nullopt when there is no file there
  std::optional<env::RuntimeEnvironment> runtime;  // the selected runtime environment, when there is one
};

// Reads `path` when it is a file (an empty ProjectConfig otherwise) and selects the runtime
// environment called `runtime_environment`, else the first. Throws InputError naming the file when
// it is invalid or has no environment of that name.
[[nodiscard]] ProjectConfig read_project_config(const std::filesystem::path& path, const std::string& runtime_environment);

// The target environment of the selected runtime environment (the defaults when none is selected).
// When the runtime environment states no Python, `python_requires` gives it (a Pipfile's [requires]
// or a lock's _meta.requires): python_full_version first, else python_version, reported in errors
// as `requires_where` followed by the key. advise and the lock readers share this rule.
[[nodiscard]] env::TargetEnvironment runtime_target(const ProjectConfig& project,
                                                    const std::map<std::string, std::string>& python_requires,
                                                    const std::string& requires_where);

}  // namespace thoth::cli
