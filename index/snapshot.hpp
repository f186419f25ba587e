// Index snapshots: JSON files mapping name -> version -> release (format in docs/fixtures.md).
#pragma once

#include <filesystem>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "index/index.hpp"

namespace thoth::index {

// Throws InputError naming the file when it cannot be read or is not a JSON object of objects.
// Items that do not parse (versions, requirements) are skipped and counted in statistics().
[[nodiscard]] InMemoryIndex load_snapshot(const std::filesystem::path& path);

// Same, from JSON already parsed; `origin` names it in messages.
[[nodiscard]] InMemoryIndex snapshot_from_json(const nlohmann::json& document, std::string_view origin);

}  // namespace thoth::index
