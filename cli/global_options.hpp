// Options every command accepts, anywhere on the command line: the resource limits of
// base/limits.hpp (--max-input-mb, --max-nesting, --max-universe). Taken out of the arguments
// before the command parses the rest.
#pragma once

#include <string>
#include <vector>

namespace thoth::cli {

// Removes the global options from `args` and applies them; throws InputError (exit 2) on a bad value.
void apply_global_options(std::vector<std::string>& args);

}  // namespace thoth::cli
