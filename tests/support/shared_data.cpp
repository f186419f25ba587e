// Finds ../shared (or $THOTH_SHARED_DIR) for tests; see shared_data.hpp.
#include "support/shared_data.hpp"

#include <cstdlib>
#include <iostream>

namespace thoth::testing {

std::filesystem::path source_dir() { return THOTH_SOURCE_DIR; }

std::optional<std::filesystem::path> shared_data_dir() {
  if (const char* dir = std::getenv("THOTH_SHARED_DIR"); dir != nullptr && *dir != '\0') {
    if (std::filesystem::is_directory(dir)) return std::filesystem::path(dir);
    return std::nullopt;
  }
  auto beside = source_dir().parent_path() / "shared";
  if (std::filesystem::is_directory(beside)) return beside;
  return std::nullopt;
}

std::optional<std::filesystem::path> shared_path(const std::string& relative, const std::string& what) {
  auto dir = shared_data_dir();
  if (dir && std::filesystem::exists(*dir / relative)) return *dir / relative;
  std::cout << "skipped: " << what << " (shared data " << relative << " not found; set THOTH_SHARED_DIR)\n";
  return std::nullopt;
}

}  // namespace thoth::testing
