// The on-disk HTTP cache of index pages and core-metadata files. One file per URL, named by the
// SHA-256 of the URL; it starts with a one-line JSON record (URL without credentials, ETag,
// Last-Modified, media type, body size and SHA-256) followed by the body. Entries are replaced
// atomically (temporary file + rename), so several thoth processes may share one cache; an entry
// whose body does not match its recorded checksum is treated as absent, removed and fetched again.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace thoth::remote {

struct CacheEntry {
  std::string url;  // redacted (no credentials)
  std::string etag;
  std::string last_modified;
  std::string content_type;
  std::string body;
};

struct CacheStatistics {
  std::size_t hits = 0;
  std::size_t misses = 0;
  std::size_t corrupt = 0;  // entries found damaged and removed
  std::size_t stored = 0;
};

class DiskCache {
 public:
  explicit DiskCache(std::filesystem::path root);

  [[nodiscard]] std::optional<CacheEntry> load(const std::string& url);
  // Throws InputError naming the cache file when it cannot be written.
  void store(const std::string& url, const CacheEntry& entry);
  void remove(const std::string& url);

  [[nodiscard]] std::filesystem::path path_for(const std::string& url) const;
  [[nodiscard]] const std::filesystem::path& root() const { return m_root; }
  [[nodiscard]] const CacheStatistics& statistics() const { return m_stats; }

 private:
  std::filesystem::path m_root;
  CacheStatistics m_stats;
};

// $XDG_CACHE_HOME/thoth, else $HOME/.cache/thoth, else .thoth-cache in the working folder.
[[nodiscard]] std::filesystem::path default_cache_dir();

}  // namespace thoth::remote
