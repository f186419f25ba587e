// The target environment of `thoth advise`: thoth's defaults, then the Pipfile's [requires], then
// the runtime environment picked from .thoth.yaml (-r NAME, default the first), then single-field
// flags (--python-version, --platform, --libc, --cuda-version, --only-binary, ...). docs/cli.md.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/advise_options.hpp"
#include "cli/project_config.hpp"
#include "env/environment.hpp"
#include "project/pipfile.hpp"

namespace thoth::cli {

struct ResolvedEnvironment {
  env::TargetEnvironment environment;
  std::string name;                    // the runtime environment's name; empty without .thoth.yaml
  std::filesystem::path config;        // the .thoth.yaml read; empty when none
  std::vector<std::string> notes;      // e.g. a Pipfile [requires] the runtime environment overrides

  // One line: "runtime environment `rhel8` (.thoth.yaml): CPython 3.8.0 on linux-x86_64, glibc 2.28".
  [[nodiscard]] std::string describe() const;
};

// The .thoth.yaml advise reads: --thoth-config, else the one beside the Pipfile, else (with
// --requirement) the one in the current folder. It may not exist.
[[nodiscard]] std::filesystem::path thoth_config_path(const AdviseOptions& options, const project::Pipfile* pipfile);

// Throws InputError (exit 2) for an invalid .thoth.yaml, an unknown -r name, -r or --thoth-config
// without a file, and malformed flag values.
// `project` is the .thoth.yaml at thoth_config_path, read once by the caller.
[[nodiscard]] ResolvedEnvironment resolve_environment(const AdviseOptions& options, const project::Pipfile* pipfile,
                                                      const ProjectConfig& project);

}  // namespace thoth::cli
