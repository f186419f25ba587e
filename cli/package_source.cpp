// Which index `thoth advise` reads: --index / $THOTH_INDEX name a snapshot; otherwise the sources are
// the Pipfile's [[source]] tables (PyPI when it declares none, or with --requirement), with
// --index-url replacing the first URL and --extra-index-url appending more (docs/indexes.md).
#include "cli/package_source.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "base/error.hpp"
#include "cli/terminal.hpp"
#include "index/snapshot.hpp"
#include "packaging/name.hpp"
#include "remote/http_index.hpp"

namespace thoth::cli {
namespace {

std::string snapshot_path(const AdviseOptions& options) {
  if (!options.index.empty()) return options.index;
  if (const char* env = std::getenv("THOTH_INDEX"); env != nullptr && *env != '\0') return env;
  return {};
}

std::vector<remote::IndexSource> http_sources(const AdviseOptions& options, const project::Pipfile* pipfile) {
  std::vector<project::Source> declared =
      pipfile != nullptr ? pipfile->sources : std::vector<project::Source>{{"pypi", "https://pypi.org/simple", true}};
  std::vector<remote::IndexSource> sources;
  for (const project::Source& source : declared)
    sources.push_back({source.name, project::expand_source_url(source), source.verify_ssl});
  if (!options.index_url.empty()) sources.front().url = options.index_url;
  for (const std::string& url : options.extra_index_urls)
    sources.push_back({project::default_source_name(url), url, true});
  return sources;
}

std::map<std::string, std::string, std::less<>> pinned_packages(const project::Pipfile* pipfile) {
  std::map<std::string, std::string, std::less<>> pinned;
  if (pipfile == nullptr) return pinned;
  for (const auto& [category, entries] : pipfile->categories)
    for (const project::PipfileEntry& entry : entries)
      if (!entry.index.empty()) pinned[packaging::canonicalize_name(entry.name)] = entry.index;
  return pinned;
}

std::unique_ptr<remote::HttpIndex> open_http(const AdviseOptions& options, const project::Pipfile* pipfile,
                                             const env::TargetEnvironment& environment) {
  remote::HttpIndexOptions http;
  http.sources = http_sources(options, pipfile);
  http.pinned = pinned_packages(pipfile);
  http.strategy = *remote::parse_index_strategy(options.index_strategy);
  http.cache_dir = options.cache_dir ? *options.cache_dir : remote::default_cache_dir();
  http.offline = options.offline;
  http.python = environment.python();
  http.http.progress = ::isatty(STDERR_FILENO) != 0 && terminal_settings().verbosity != Verbosity::Quiet;
  http.warn = [](const std::string& message) { std::cerr << "warning: " << message << "\n"; };
  return std::make_unique<remote::HttpIndex>(std::move(http));
}

}  // namespace

OpenedSource::OpenedSource(std::unique_ptr<index::InMemoryIndex> snapshot, std::unique_ptr<remote::HttpIndex> http)
    : m_snapshot(std::move(snapshot)), m_http(std::move(http)) {}
OpenedSource::OpenedSource(OpenedSource&&) noexcept = default;
OpenedSource::~OpenedSource() = default;

index::PackageSource& OpenedSource::source() {
  if (m_http) return *m_http;
  return *m_snapshot;
}

index::LoadStatistics OpenedSource::statistics() const {
  return m_http ? m_http->load_statistics() : m_snapshot->statistics();
}

nlohmann::json OpenedSource::fetch_statistics() const {
  if (!m_http) return nullptr;
  const auto& index = m_http->statistics();
  const auto& http = m_http->http_statistics();
  const auto& cache = m_http->cache_statistics();
  return {{"requests", http.requests},
          {"retries", http.retries},
          {"bytes", http.bytes},
          {"pages_downloaded", index.pages_downloaded},
          {"pages_revalidated", index.pages_revalidated},
          {"pages_offline", index.pages_offline},
          {"metadata_downloaded", index.metadata_downloaded},
          {"metadata_cached", index.metadata_cached},
          {"releases_without_metadata", index.releases_without_metadata},
          {"cache_corrupt_entries", cache.corrupt}};
}

OpenedSource open_package_source(const AdviseOptions& options, const project::Pipfile* pipfile,
                                 const env::TargetEnvironment& environment) {
  std::string snapshot = snapshot_path(options);
  bool wants_http = !options.index_url.empty() || !options.extra_index_urls.empty();
  if (!options.index.empty() && wants_http)
    throw InputError("--index (a snapshot file) and --index-url/--extra-index-url exclude each other", "thoth advise");
  if (!snapshot.empty() && !wants_http)
    return OpenedSource(std::make_unique<index::InMemoryIndex>(index::load_snapshot(snapshot)), nullptr);
  return OpenedSource(nullptr, open_http(options, pipfile, environment));
}

}  // namespace thoth::cli
