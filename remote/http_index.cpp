// Lazy project loading over HTTP: page fetch with cache revalidation, release grouping, parallel
// core-metadata fetch with sha256 checks. Error policy (docs/indexes.md): 404/410 mean "this index
// does not have the project"; any other failure stops the resolution with the URL named, and
// nothing unverified is ever written to the cache.
#include "remote/http_index.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "packaging/requirement.hpp"
#include "remote/digest.hpp"

namespace thoth::remote {
namespace {

constexpr const char* kAbsentMarker = "application/x-thoth-absent";  // a cached 404: "not on this index"

std::string attempts_text(const HttpOutcome& outcome) {
  return outcome.attempts > 1 ? " after " + std::to_string(outcome.attempts) + " attempts" : "";
}

[[noreturn]] void fail_transport(const std::string& url, const HttpOutcome& outcome) {
  if (outcome.tls_failure)
    throw InputError("TLS failure: " + outcome.failure, redact_url(url),
                     "the index's certificate is not trusted here: install its CA (SSL_CERT_FILE), or set "
                     "verify_ssl = false on this [[source]] if you trust the network");
  throw InputError("cannot fetch: " + outcome.failure + attempts_text(outcome), redact_url(url),
                   "check the index URL and the network (proxies come from http_proxy/https_proxy); "
                   "--offline resolves from the cache alone");
}

[[noreturn]] void fail_status(const std::string& url, const HttpOutcome& outcome) {
  long status = outcome.response->status;
  std::string hint = status == 401 || status == 403
                         ? "the index wants credentials: put them in the [[source]] url as ${USER}:${PASSWORD}@host"
                     : status >= 500 ? "the index is failing; try again later, or --offline to use the cache"
                                     : "check the index URL";
  throw InputError("HTTP " + std::to_string(status) + attempts_text(outcome), redact_url(url), hint);
}

ProjectPage parse_page(const std::string& url, const std::string& content_type, const std::string& body) {
  if (content_type == kJsonMediaType || content_type == "application/json") return parse_json_page(body, url);
  if (content_type == kHtmlMediaType || content_type == "text/html" || content_type.empty())
    return parse_html_page(body, url);
  throw InputError("unexpected media type `" + content_type + "` for a project page", redact_url(url),
                   "the URL should be a simple-API root such as https://pypi.org/simple");
}

// The file whose metadata stands for the release: a pure-Python wheel, any wheel, then an sdist.
const IndexFile* metadata_file(const std::vector<const IndexFile*>& files) {
  auto rank = [](const IndexFile& file) {
    if (!file.has_metadata) return 9;
    bool wheel = file.filename.size() > 4 && file.filename.ends_with(".whl");
    if (wheel && file.filename.find("-none-any.whl") != std::string::npos) return 0;
    return wheel ? 1 : 2;
  };
  const IndexFile* best = nullptr;
  for (const IndexFile* file : files)
    if (rank(*file) < 9 && (best == nullptr || rank(*file) < rank(*best))) best = file;
  return best;
}

struct ReleaseFiles {
  std::string version_text;
  std::vector<const IndexFile*> files;
};

}  // namespace

struct HttpIndex::MetadataJob {
  std::string url;
  std::string expected_sha256;  // empty when the index advertised none
  index::Release* release = nullptr;
  std::string body;
};

HttpIndex::HttpIndex(HttpIndexOptions options)
    : m_options(std::move(options)), m_client(m_options.http), m_cache(m_options.cache_dir) {}

HttpIndex::~HttpIndex() = default;

std::string HttpIndex::describe() const {
  std::string text;
  for (const IndexSource& source : m_options.sources) text += (text.empty() ? "" : ", ") + redact_url(source.url);
  return text;
}

void HttpIndex::warn(const std::string& message) const {
  if (m_options.warn) m_options.warn(message);
}

std::vector<const IndexSource*> HttpIndex::sources_for(const std::string& name) const {
  std::vector<const IndexSource*> sources;
  if (auto pin = m_options.pinned.find(name); pin != m_options.pinned.end()) {
    for (const IndexSource& source : m_options.sources)
      if (source.name == pin->second) sources.push_back(&source);
    if (sources.empty())
      throw InputError("package `" + name + "` names the index `" + pin->second + "`, which no [[source]] declares",
                       "Pipfile", "add a [[source]] with name = \"" + pin->second + "\" or remove `index`");
    return sources;
  }
  for (const IndexSource& source : m_options.sources) sources.push_back(&source);
  return sources;
}

const index::Project* HttpIndex::find(std::string_view canonical_name) {
  if (auto it = m_projects.find(canonical_name); it != m_projects.end()) return it->second ? &*it->second : nullptr;
  std::string name(canonical_name);
  std::vector<std::pair<const IndexSource*, ProjectPage>> pages;
  std::vector<const IndexSource*> sources = sources_for(name);
  if (m_options.strategy == IndexStrategy::Merge) {
    auto found = fetch_pages(name, sources);
    for (std::size_t i = 0; i < sources.size(); ++i)
      if (found[i]) pages.emplace_back(sources[i], std::move(*found[i]));
  } else {
    for (const IndexSource* source : sources) {  // first index that has the project wins
      auto found = fetch_pages(name, {source});
      if (found[0]) {
        pages.emplace_back(source, std::move(*found[0]));
        break;
      }
    }
  }
  auto& slot = m_projects[name];
  if (!pages.empty()) slot = build_project(name, pages);
  return slot ? &*slot : nullptr;
}

std::vector<std::optional<ProjectPage>> HttpIndex::fetch_pages(const std::string& name,
                                                               const std::vector<const IndexSource*>& sources) {
  std::vector<std::string> urls;
  std::vector<std::optional<CacheEntry>> cached;
  for (const IndexSource* source : sources) {
    urls.push_back(with_trailing_slash(source->url) + name + "/");
    cached.push_back(m_cache.load(urls.back()));
  }
  std::vector<std::optional<ProjectPage>> pages(sources.size());
  if (m_options.offline) {
    for (std::size_t i = 0; i < sources.size(); ++i) {
      if (!cached[i])
        throw InputError("not in the cache, and --offline forbids fetching it", redact_url(urls[i]),
                         "run once without --offline to fill the cache (" + m_cache.root().string() + ")");
      ++m_stats.pages_offline;
      if (cached[i]->content_type != kAbsentMarker) pages[i] = parse_page(urls[i], cached[i]->content_type, cached[i]->body);
    }
    return pages;
  }
  std::vector<HttpRequest> requests;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    HttpRequest request{urls[i], {kAcceptHeader}, sources[i]->verify_ssl};
    if (cached[i] && !cached[i]->etag.empty()) request.headers.push_back("If-None-Match: " + cached[i]->etag);
    if (cached[i] && !cached[i]->last_modified.empty())
      request.headers.push_back("If-Modified-Since: " + cached[i]->last_modified);
    requests.push_back(std::move(request));
  }
  std::vector<HttpOutcome> outcomes = m_client.fetch_all(requests);
  for (std::size_t i = 0; i < sources.size(); ++i) pages[i] = page_from_outcome(urls[i], outcomes[i], cached[i]);
  return pages;
}

std::optional<ProjectPage> HttpIndex::page_from_outcome(const std::string& url, const HttpOutcome& outcome,
                                                        std::optional<CacheEntry>& cached) {
  if (!outcome.response) fail_transport(url, outcome);
  const HttpResponse& response = *outcome.response;
  if (response.status == 304 && cached && cached->content_type != kAbsentMarker) {
    ++m_stats.pages_revalidated;
    return parse_page(url, cached->content_type, cached->body);
  }
  if (response.status == 404 || response.status == 410) {
    m_cache.store(url, CacheEntry{url, {}, {}, kAbsentMarker, {}});
    return std::nullopt;
  }
  if (response.status != 200) fail_status(url, outcome);
  ++m_stats.pages_downloaded;
  ProjectPage page = parse_page(url, response.content_type, response.body);  // parse before caching
  m_cache.store(url, CacheEntry{url, response.etag, response.last_modified, response.content_type, response.body});
  return page;
}

index::Project HttpIndex::build_project(const std::string& name,
                                        const std::vector<std::pair<const IndexSource*, ProjectPage>>& pages) {
  index::Project project{name, {}};
  std::vector<MetadataJob> jobs;
  std::size_t without_metadata = 0;
  std::map<packaging::Version, ReleaseFiles> taken;  // across sources: the earlier source wins a version
  for (const auto& [source, page] : pages) {
    std::map<packaging::Version, ReleaseFiles> here;
    for (const IndexFile& file : page.files) {
      auto version_text = version_from_filename(file.filename, name);
      if (!version_text) continue;  // eggs, installers, other projects' files
      auto version = packaging::Version::parse(*version_text);
      if (!version) {
        ++m_stats.skipped_versions;
        continue;
      }
      if (taken.count(*version)) continue;
      auto& group = here[*version];
      if (group.version_text.empty()) group.version_text = *version_text;
      group.files.push_back(&file);
    }
    for (auto& [version, group] : here) {
      index::Release release{version, group.version_text, {}, {}, true, {}, {}, {}, source->name};
      for (const IndexFile* file : group.files) {
        release.files.push_back(index::DistFile{file->filename, file->hashes, {}});
        if (!file->yanked) release.yanked = false;  // PEP 592: a release is yanked when all its files are
        if (!release.requires_python && !file->requires_python.empty())
          if (auto spec = packaging::SpecifierSet::parse(file->requires_python)) release.requires_python = *spec;
      }
      if (release.yanked) release.yanked_reason = group.files.front()->yanked_reason;
      const IndexFile* with_metadata = metadata_file(group.files);
      bool python_excluded = m_options.python && release.requires_python &&
                             !release.requires_python->contains(*m_options.python, true);
      if (with_metadata == nullptr && !python_excluded) {
        ++without_metadata;
        continue;
      }
      project.releases.push_back(std::move(release));
      if (!python_excluded) jobs.push_back({with_metadata->url + ".metadata", with_metadata->metadata_sha256, nullptr, {}});
      else jobs.push_back({});
    }
    for (auto& [version, group] : here) taken.emplace(version, std::move(group));
  }
  // Pair jobs with their releases only now: project.releases no longer reallocates.
  for (std::size_t i = 0; i < jobs.size(); ++i) jobs[i].release = &project.releases[i];
  std::erase_if(jobs, [](const MetadataJob& job) { return job.url.empty(); });
  std::string bundle_key = "thoth-metadata-bundle:";
  for (const auto& [source, page] : pages) bundle_key += " " + with_trailing_slash(source->url) + name + "/";
  fetch_metadata(jobs, bundle_key);
  std::sort(project.releases.begin(), project.releases.end(),
            [](const index::Release& a, const index::Release& b) { return a.version < b.version; });
  if (without_metadata > 0) {
    m_stats.releases_without_metadata += without_metadata;
    warn(name + ": " + std::to_string(without_metadata) +
         " release(s) have no core-metadata file (PEP 658) and are not candidates");
  }
  return project;
}

// The metadata files of one project are cached together in one "bundle" entry (a JSON object
// url -> body) rather than one file per release: thousands of small files cost more in the
// filesystem than the resolution itself. Each body is still checked against its advertised sha256.
void HttpIndex::fetch_metadata(std::vector<MetadataJob>& jobs, const std::string& bundle_key) {
  nlohmann::json bundle = nlohmann::json::object();
  if (auto cached = m_cache.load(bundle_key)) {
    bundle = nlohmann::json::parse(cached->body, nullptr, false);
    if (!bundle.is_object()) bundle = nlohmann::json::object();
  }
  std::vector<std::size_t> to_fetch;
  std::vector<HttpRequest> requests;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    MetadataJob& job = jobs[i];
    if (auto it = bundle.find(job.url); it != bundle.end() && it->is_string() &&
        (job.expected_sha256.empty() || sha256_hex(it->get_ref<const std::string&>()) == job.expected_sha256)) {
      ++m_stats.metadata_cached;  // a file's metadata never changes: no revalidation needed
      job.body = it->get<std::string>();
      continue;
    }
    if (m_options.offline)
      throw InputError("core metadata not in the cache, and --offline forbids fetching it", redact_url(job.url),
                       "run once without --offline to fill the cache (" + m_cache.root().string() + ")");
    to_fetch.push_back(i);
    bool verify = true;
    for (const IndexSource& source : m_options.sources)
      if (source.name == job.release->index_name) verify = source.verify_ssl;
    requests.push_back(HttpRequest{job.url, {}, verify});
  }
  std::vector<HttpOutcome> outcomes = m_client.fetch_all(requests);
  for (std::size_t k = 0; k < to_fetch.size(); ++k) {
    MetadataJob& job = jobs[to_fetch[k]];
    const HttpOutcome& outcome = outcomes[k];
    if (!outcome.response) fail_transport(job.url, outcome);
    if (outcome.response->status != 200) fail_status(job.url, outcome);
    std::string actual = sha256_hex(outcome.response->body);
    if (!job.expected_sha256.empty() && actual != job.expected_sha256)
      throw InputError("core metadata does not match the sha256 the index advertises (expected " + job.expected_sha256 +
                           ", got " + actual + ")",
                       redact_url(job.url), "the index or a proxy served a damaged file; nothing was cached");
    ++m_stats.metadata_downloaded;
    job.body = outcome.response->body;
  }
  if (!to_fetch.empty()) {  // only verified bodies reach the cache
    nlohmann::json updated = nlohmann::json::object();
    for (const MetadataJob& job : jobs) updated[job.url] = job.body;
    m_cache.store(bundle_key, CacheEntry{bundle_key, {}, {}, "application/json", updated.dump()});
  }
  for (MetadataJob& job : jobs) parse_metadata(job);
}

void HttpIndex::parse_metadata(MetadataJob& job) {
  CoreMetadata metadata = parse_core_metadata(job.body);
  index::Release& release = *job.release;
  for (const std::string& text : metadata.requires_dist) {
    if (auto requirement = packaging::Requirement::parse(text)) release.requires_dist.push_back(std::move(*requirement));
    else ++m_stats.skipped_requirements;
  }
  if (!metadata.requires_python.empty())
    if (auto spec = packaging::SpecifierSet::parse(metadata.requires_python)) release.requires_python = *spec;
  release.provides_extra = metadata.provides_extra;
}

index::LoadStatistics HttpIndex::load_statistics() const {
  index::LoadStatistics stats;
  for (const auto& [name, project] : m_projects) {
    if (!project) continue;
    ++stats.projects;
    stats.releases += project->releases.size();
  }
  stats.skipped_versions = m_stats.skipped_versions;
  stats.skipped_requirements = m_stats.skipped_requirements;
  return stats;
}

std::optional<IndexStrategy> parse_index_strategy(std::string_view text) {
  if (text == "first-index") return IndexStrategy::FirstIndex;
  if (text == "merge") return IndexStrategy::Merge;
  return std::nullopt;
}

}  // namespace thoth::remote
