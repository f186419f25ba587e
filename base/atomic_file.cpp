// Atomic replacement of output files (Pipfile.lock, caches) by write-to-temp + fsync + rename(2),
// so that a crash, a full disk or a kill mid-write never leaves a truncated file behind.
#include "base/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "base/limits.hpp"

namespace thoth {
namespace {

std::string errno_text() { return std::strerror(errno); }

// Writes all of `content` to `fd`; false on failure (errno set).
bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    content.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

void write_file_atomically(const std::filesystem::path& target, std::string_view content, bool durable) {
  std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
  std::string pattern = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw InputError("cannot create a temporary file: " + errno_text(), target.string());
  bool ok = write_all(fd, content) && (!durable || ::fsync(fd) == 0);
  std::string reason = ok ? "" : errno_text();
  ok = (::close(fd) == 0) && ok;
  if (ok) ::chmod(pattern.c_str(), 0644);
  if (!ok || ::rename(pattern.c_str(), target.c_str()) != 0) {
    if (reason.empty()) reason = errno_text();
    ::unlink(pattern.c_str());
    throw InputError("cannot write the file (" + reason + "); it was left unchanged", target.string());
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read the file: " + errno_text(), path.string());
  std::error_code ignored;
  std::uintmax_t size = std::filesystem::file_size(path, ignored);  // 0 for procfs: read anyway
  std::uintmax_t limit = input_limits().max_file_bytes;
  if (!ignored && size > limit) {
    throw InputError("the file is " + std::to_string(size) + " bytes, over the input limit of " +
                         std::to_string(limit) + " bytes",
                     path.string(), "raise the limit with --max-input-mb N");
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace thoth
