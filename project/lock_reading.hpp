// Reading an existing Pipfile.lock into typed sections, for `thoth export`, `thoth graph` and
// `thoth why`. Every shape error names the file and the JSON path of the offending value.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "project/lockfile.hpp"
#include "project/pipfile.hpp"

namespace thoth::project {

struct ReadLock {
  std::filesystem::path path;
  LockSections sections;                       // "default", "develop", custom -> name -> pin
  std::vector<Source> sources;                 // _meta.sources
  std::map<std::string, std::string> requires_;  // _meta.requires (python_version, python_full_version)
  std::string pipfile_hash;                    // _meta.hash.sha256
};

// Throws InputError naming `path` and the JSON path ("default.requests.version") on bad shapes.
[[nodiscard]] ReadLock read_lock(const nlohmann::json& document, const std::filesystem::path& path);
[[nodiscard]] ReadLock load_lock(const std::filesystem::path& path);

}  // namespace thoth::project
