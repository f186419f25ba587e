// Pipfile.lock (pipfile-spec 6), written exactly as pipenv writes it: sorted keys, 4-space indent,
// ASCII-escaped, trailing newline; replaced atomically.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "project/pipfile.hpp"

namespace thoth::project {

struct LockedPackage {
  std::string version;              // "1.2.3" (written as "==1.2.3")
  std::vector<std::string> hashes;  // "sha256:<hex>", sorted, unique
  std::string markers;              // empty when none
  std::string index;                // source name, empty when none
  std::vector<std::string> extras;  // written sorted, omitted when empty
};

// Lock section ("default", "develop", custom) -> canonical package name -> pin.
using LockSections = std::map<std::string, std::map<std::string, LockedPackage>>;

[[nodiscard]] nlohmann::json lockfile_json(const Pipfile& pipfile, const LockSections& sections);
[[nodiscard]] std::string render_lockfile(const Pipfile& pipfile, const LockSections& sections);

// Reads an existing Pipfile.lock; throws InputError naming the file and position on bad JSON.
[[nodiscard]] nlohmann::json load_lockfile(const std::filesystem::path& path);
// The same from text already read; `origin` names the file in messages.
[[nodiscard]] nlohmann::json parse_lockfile(std::string_view text, const std::string& origin);

}  // namespace thoth::project
