// Settings from THOTH_* environment variables, between .thoth.yaml and the flags in precedence
// (flags > THOTH_* > .thoth.yaml > built-in defaults; docs/configuration.md has the one table).
// Boost.Program_options' parse_environment maps THOTH_PYTHON_VERSION to --python-version; `store`
// keeps a value the command line already gave, so a flag always wins over its variable.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace thoth::cli {

// The options a THOTH_* variable may set (the variable is THOTH_ + the option upper-cased, - as _).
[[nodiscard]] const std::vector<std::string>& environment_settable_options();

// Stores the THOTH_* variables of options present in `description` into `values` (after the command
// line was stored). A malformed value throws InputError naming the variable (exit code 2).
void store_environment_options(const boost::program_options::options_description& description,
                               boost::program_options::variables_map& values);

// The user's configuration, $XDG_CONFIG_HOME/thoth/thoth.yaml (else ~/.config/thoth/thoth.yaml), when it
// exists: the .thoth.yaml read when the project folder has none and no --thoth-config/THOTH_CONFIG.
[[nodiscard]] std::optional<std::filesystem::path> user_config_file();
void use_user_config_unless_project_has_one(std::optional<std::filesystem::path>& thoth_config,
                                            const std::filesystem::path& project_folder);

}  // namespace thoth::cli
