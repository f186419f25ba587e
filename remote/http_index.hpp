// `HttpIndex`: a `PackageSource` over one or more simple-API indexes (PEP 503/691), fetched lazily.
// The encoder asks `find(name)` as the universe grows; each call fetches that project's page (from
// the cache when it is still fresh: revalidated with ETag / Last-Modified) and then, in parallel,
// the PEP 658 core-metadata files of its releases, each checked against its advertised sha256.
//
// Several sources: by default a package comes only from the FIRST index that has it (so a public
// index cannot shadow a private package: dependency confusion); `IndexStrategy::Merge` takes the
// union of the versions of every index, the earlier index winning a version both have. A package
// pinned to a source (Pipfile `index = "name"`) is looked up in that source alone.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "index/index.hpp"
#include "packaging/version.hpp"
#include "remote/disk_cache.hpp"
#include "remote/http_client.hpp"
#include "remote/simple_api.hpp"

namespace thoth::remote {

struct IndexSource {
  std::string name;  // the [[source]] name recorded in the lock
  std::string url;   // ${VAR} already expanded
  bool verify_ssl = true;
};

enum class IndexStrategy { FirstIndex, Merge };

struct HttpIndexOptions {
  std::vector<IndexSource> sources;
  std::map<std::string, std::string, std::less<>> pinned;  // canonical package name -> source name
  IndexStrategy strategy = IndexStrategy::FirstIndex;
  std::filesystem::path cache_dir;
  bool offline = false;  // answer from the cache alone; a page not cached is an error
  HttpSettings http;
  // When set, releases whose Requires-Python excludes this version are listed without fetching
  // their metadata (they can never be candidates).
  std::optional<packaging::Version> python;
  std::function<void(const std::string&)> warn;  // one-line warnings (cli prints them on stderr)
};

struct HttpIndexStatistics {
  std::size_t pages_downloaded = 0;   // 200 answers
  std::size_t pages_revalidated = 0;  // 304 answers: the cached page was still current
  std::size_t pages_offline = 0;      // answered from the cache without asking (--offline)
  std::size_t metadata_downloaded = 0;
  std::size_t metadata_cached = 0;    // immutable and verified: never asked again
  std::size_t releases_without_metadata = 0;  // skipped: no PEP 658 file (docs/indexes.md)
  std::size_t skipped_versions = 0;
  std::size_t skipped_requirements = 0;
};

class HttpIndex : public index::PackageSource {
 public:
  explicit HttpIndex(HttpIndexOptions options);
  ~HttpIndex() override;

  // Throws InputError naming the URL for 4xx (other than 404/410, which mean "not here"), TLS
  // failures, 5xx and timeouts that outlast the retries, damaged pages and metadata hash mismatches.
  [[nodiscard]] const index::Project* find(std::string_view canonical_name) override;
  [[nodiscard]] std::string describe() const override;

  [[nodiscard]] index::LoadStatistics load_statistics() const;
  [[nodiscard]] const HttpIndexStatistics& statistics() const { return m_stats; }
  [[nodiscard]] const HttpStatistics& http_statistics() const { return m_client.statistics(); }
  [[nodiscard]] const CacheStatistics& cache_statistics() const { return m_cache.statistics(); }

 private:
  struct MetadataJob;
  std::vector<std::optional<ProjectPage>> fetch_pages(const std::string& name, const std::vector<const IndexSource*>& sources);
  std::optional<ProjectPage> page_from_outcome(const std::string& url, const HttpOutcome& outcome,
                                               std::optional<CacheEntry>& cached);
  index::Project build_project(const std::string& name,
                               const std::vector<std::pair<const IndexSource*, ProjectPage>>& pages);
  void fetch_metadata(std::vector<MetadataJob>& jobs, const std::string& bundle_key);
  void parse_metadata(MetadataJob& job);
  [[nodiscard]] std::vector<const IndexSource*> sources_for(const std::string& name) const;
  void warn(const std::string& message) const;

  HttpIndexOptions m_options;
  HttpClient m_client;
  DiskCache m_cache;
  std::map<std::string, std::optional<index::Project>, std::less<>> m_projects;  // nullopt: no index has it
  HttpIndexStatistics m_stats;
};

// "first-index" / "merge"; nullopt otherwise.
[[nodiscard]] std::optional<IndexStrategy> parse_index_strategy(std::string_view text);

}  // namespace thoth::remote
