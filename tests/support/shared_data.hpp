// Locating the read-only shared data (../shared beside the checkout, or $THOTH_SHARED_DIR).
// Tests that need it call shared_data_dir() and skip with a one-line notice when it is missing.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace thoth::testing {

// The shared folder, or nullopt when absent.
[[nodiscard]] std::optional<std::filesystem::path> shared_data_dir();

// A file or folder below shared/ (e.g. "data/pep-vectors"); nullopt, after printing
// "skipped: <what> (shared data not found)", when it is absent.
[[nodiscard]] std::optional<std::filesystem::path> shared_path(const std::string& relative, const std::string& what);

// The repository's own source folder (fixtures/, examples/).
[[nodiscard]] std::filesystem::path source_dir();

}  // namespace thoth::testing
