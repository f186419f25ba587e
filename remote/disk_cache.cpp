// Reading, checking and atomically writing cache entries (format in disk_cache.hpp and docs/indexes.md).
#include "remote/disk_cache.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/atomic_file.hpp"
#include "remote/digest.hpp"

namespace thoth::remote {
namespace {

std::optional<std::string> read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The entry in `text`, or nullopt when its record is damaged or the body does not match it.
std::optional<CacheEntry> parse_entry(const std::string& text, const std::string& url) {
  auto newline = text.find('\n');
  if (newline == std::string::npos) return std::nullopt;
  nlohmann::json record = nlohmann::json::parse(text.substr(0, newline), nullptr, false);
  if (!record.is_object() || !record.contains("sha256") || !record.contains("size")) return std::nullopt;
  CacheEntry entry;
  entry.body = text.substr(newline + 1);
  if (!record["size"].is_number_unsigned() || record["size"].get<std::size_t>() != entry.body.size()) return std::nullopt;
  if (!record["sha256"].is_string() || record["sha256"].get<std::string>() != sha256_hex(entry.body)) return std::nullopt;
  entry.url = record.value("url", "");
  if (entry.url != redact_url(url)) return std::nullopt;
  entry.etag = record.value("etag", "");
  entry.last_modified = record.value("last_modified", "");
  entry.content_type = record.value("content_type", "");
  return entry;
}

}  // namespace

DiskCache::DiskCache(std::filesystem::path root) : m_root(std::move(root)) {}

std::filesystem::path DiskCache::path_for(const std::string& url) const {
  std::string key = sha256_hex(url);
  return m_root / "http-v1" / key.substr(0, 2) / (key.substr(2) + ".entry");
}

std::optional<CacheEntry> DiskCache::load(const std::string& url) {
  auto path = path_for(url);
  auto text = read_whole(path);
  if (!text) {
    ++m_stats.misses;
    return std::nullopt;
  }
  auto entry = parse_entry(*text, url);
  if (!entry) {
    ++m_stats.corrupt;
    ++m_stats.misses;
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return std::nullopt;
  }
  ++m_stats.hits;
  return entry;
}

void DiskCache::store(const std::string& url, const CacheEntry& entry) {
  nlohmann::json record = {{"url", redact_url(url)},          {"etag", entry.etag},
                           {"last_modified", entry.last_modified}, {"content_type", entry.content_type},
                           {"size", entry.body.size()},        {"sha256", sha256_hex(entry.body)}};
  auto path = path_for(url);
  std::error_code ignored;
  std::filesystem::create_directories(path.parent_path(), ignored);
  write_file_atomically(path, record.dump() + "\n" + entry.body, /*durable=*/false);
  ++m_stats.stored;
}

void DiskCache::remove(const std::string& url) {
  std::error_code ignored;
  std::filesystem::remove(path_for(url), ignored);
}

std::filesystem::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') return std::filesystem::path(xdg) / "thoth";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return std::filesystem::path(home) / ".cache" / "thoth";
  return ".thoth-cache";
}

}  // namespace thoth::remote
