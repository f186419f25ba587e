// Replace a file atomically: write a temporary file in the same folder, fsync it, rename it
// over the target. On any failure the target is left exactly as it was.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace thoth {

// Throws InputError naming `target` when the temporary file cannot be written or renamed.
// `durable = false` skips the fsync (caches whose entries carry their own checksum): the rename
// is still atomic, but a power loss may lose the entry.
void write_file_atomically(const std::filesystem::path& target, std::string_view content, bool durable = true);

// Reads a whole file; throws InputError naming `path` when it cannot be read.
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

}  // namespace thoth
