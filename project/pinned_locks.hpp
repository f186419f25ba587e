// The pins of the locks thoth writes besides Pipfile.lock, read back for `thoth audit`: a pip
// requirements file of `name==version` lines (requirements.txt with --hash lines) and a PEP 751
// pylock.toml ([[packages]] name and version).
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace thoth::project {

// canonical name -> version. By file name: *.toml is read as pylock.toml, anything else as a
// requirements file. Throws InputError naming the file and line for a requirement that is not an
// exact `==V` pin, and for a pylock package without a name or version.
[[nodiscard]] std::map<std::string, std::string> read_lock_pins(const std::filesystem::path& path);

}  // namespace thoth::project
