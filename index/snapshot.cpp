// Index snapshots: a JSON object `name -> version -> release` (docs/fixtures.md). Real PyPI data
// holds legacy versions and requirements that are not PEP 440/508; those items are skipped and
// counted, never fatal. Only a file that is not JSON, or not shaped like a snapshot, is an error.
// load_snapshot reads lazily: it scans the file once (index/snapshot_scan.cpp) and parses a project,
// with the same functions as snapshot_from_json, when find() first asks for it.
#include "index/snapshot.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/json_guard.hpp"
#include "index/snapshot_scan.hpp"
#include "packaging/name.hpp"

namespace thoth::index {
namespace {

using nlohmann::json;

std::string where(std::string_view origin, const std::string& name, const std::string& version) {
  return std::string(origin) + ": package `" + name + "`" + (version.empty() ? "" : ", version `" + version + "`");
}

void read_yanked(const json& value, Release& release, const std::string& location) {
  if (value.is_boolean()) {
    release.yanked = value.get<bool>();
  } else if (value.is_string()) {
    release.yanked = true;
    release.yanked_reason = value.get<std::string>();
  } else if (!value.is_null()) {
    throw InputError("expected `yanked` to be false or a reason string", location);
  }
}

// A file's `requires` map (cuda, cudnn, cpu_flags, abi) and its `abi` list of needed ELF symbol
// versions, merged. Both are thoth's own snapshot fields, so a malformed value is an input error.
env::ArtifactRequirements read_file_requirements(const json& entry, const std::string& location) {
  env::ArtifactRequirements requirements;
  if (auto it = entry.find("requires"); it != entry.end()) {
    auto parsed = env::parse_artifact_requirements(*it);
    if (!parsed) throw InputError(parsed.error().message, location, parsed.error().hint);
    requirements = std::move(*parsed);
  }
  if (auto it = entry.find("abi"); it != entry.end() && !it->is_null()) {
    auto parsed = env::parse_artifact_requirements(json{{"abi", *it}});
    if (!parsed) throw InputError(parsed.error().message, location, parsed.error().hint);
    requirements.abi.insert(requirements.abi.end(), parsed->abi.begin(), parsed->abi.end());
  }
  std::sort(requirements.abi.begin(), requirements.abi.end());
  requirements.abi.erase(std::unique(requirements.abi.begin(), requirements.abi.end()), requirements.abi.end());
  return requirements;
}

std::vector<DistFile> read_files(const json& value, const std::string& location) {
  if (!value.is_array()) throw InputError("expected `files` to be a list", location);
  std::vector<DistFile> files;
  for (const json& entry : value) {
    if (!entry.is_object() || !entry.contains("filename") || !entry["filename"].is_string())
      throw InputError("expected each file to be an object with a `filename`", location);
    DistFile file{entry["filename"].get<std::string>(), {}, {}};
    if (auto hashes = entry.find("hashes"); hashes != entry.end() && hashes->is_object())
      for (const auto& [algorithm, digest] : hashes->items())
        if (digest.is_string()) file.hashes[algorithm] = digest.get<std::string>();
    file.requirements = read_file_requirements(entry, location + ", file `" + file.filename + "`");
    files.push_back(std::move(file));
  }
  return files;
}

std::vector<std::string> read_string_list(const json& value, const char* key, const std::string& location) {
  if (!value.is_array()) throw InputError(std::string("expected `") + key + "` to be a list of strings", location);
  std::vector<std::string> items;
  for (const json& item : value) {
    if (!item.is_string()) throw InputError(std::string("expected `") + key + "` to be a list of strings", location);
    items.push_back(item.get<std::string>());
  }
  return items;
}

// The releases of a project repeat the same requirement texts: each text is parsed once per project
// and copied, and the copies share one marker tree, which the resolver then reads from one place
// in memory instead of hundreds.
class RequirementCache {
 public:
  const std::optional<packaging::Requirement>& parse(const std::string& text) {
    auto [it, inserted] = m_parsed.try_emplace(text);
    if (inserted) {
      auto requirement = packaging::Requirement::parse(text);
      if (requirement) it->second = std::move(*requirement);
    }
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::optional<packaging::Requirement>> m_parsed;
};

// Fills `release` from one version object; skipped items are counted in `stats`.
void read_release(const json& body, Release& release, LoadStatistics& stats, RequirementCache& requirements,
                  const std::string& location) {
  if (!body.is_object()) throw InputError("expected a release object", location);
  // Some real snapshots write an empty `{}` for "no requirements": accept it as an empty list.
  if (auto it = body.find("requires_dist"); it != body.end() && !it->is_null() && !(it->is_object() && it->empty())) {
    for (const std::string& text : read_string_list(*it, "requires_dist", location)) {
      const auto& requirement = requirements.parse(text);
      if (requirement) release.requires_dist.push_back(*requirement);
      else ++stats.skipped_requirements;
    }
  }
  if (auto it = body.find("requires_python"); it != body.end() && it->is_string() && !it->get<std::string>().empty()) {
    auto specifier = packaging::SpecifierSet::parse(it->get<std::string>());
    if (specifier) release.requires_python = std::move(*specifier);
    else ++stats.skipped_requires_python;
  }
  if (auto it = body.find("yanked"); it != body.end()) read_yanked(*it, release, location);
  if (auto it = body.find("provides_extra"); it != body.end() && !it->is_null())
    release.provides_extra = read_string_list(*it, "provides_extra", location);
  if (auto it = body.find("files"); it != body.end() && !it->is_null()) release.files = read_files(*it, location);
}

Project read_project(const std::string& name, const json& versions, LoadStatistics& stats, std::string_view origin) {
  if (!versions.is_object()) throw InputError("expected an object mapping versions to releases", where(origin, name, ""));
  Project project{packaging::canonicalize_name(name), {}};
  RequirementCache requirements;
  for (const auto& [version_text, body] : versions.items()) {
    auto version = packaging::Version::parse(version_text);
    if (!version) {
      ++stats.skipped_versions;
      continue;
    }
    Release release{*version, version_text, {}, {}, false, {}, {}, {}, {}};
    read_release(body, release, stats, requirements, where(origin, name, version_text));
    project.releases.push_back(std::move(release));
  }
  std::stable_sort(project.releases.begin(), project.releases.end(),
                   [](const Release& a, const Release& b) { return a.version < b.version; });
  // Two spellings of one version ("1.0" and "1.0.0"): keep the first, count the rest.
  auto duplicate = std::unique(project.releases.begin(), project.releases.end(),
                               [](const Release& a, const Release& b) { return a.version == b.version; });
  stats.skipped_versions += static_cast<std::size_t>(project.releases.end() - duplicate);
  project.releases.erase(duplicate, project.releases.end());
  return project;
}

void merge_into(std::map<std::string, Project, std::less<>>& projects, Project project) {
  auto [it, inserted] = projects.try_emplace(project.name, std::move(project));
  if (inserted) return;
  // Names differing only by case or separators: merge their releases, first one wins per version.
  for (Release& release : project.releases) {
    auto& releases = it->second.releases;
    auto pos = std::lower_bound(releases.begin(), releases.end(), release,
                                [](const Release& a, const Release& b) { return a.version < b.version; });
    if (pos == releases.end() || !(pos->version == release.version)) releases.insert(pos, std::move(release));
  }
}

}  // namespace

InMemoryIndex snapshot_from_json(const json& document, std::string_view origin) {
  if (!document.is_object())
    throw InputError("expected a JSON object mapping package names to versions", std::string(origin),
                     "an index snapshot looks like {\"name\": {\"1.0\": {\"requires_dist\": []}}}");
  LoadStatistics stats;
  std::map<std::string, Project, std::less<>> projects;
  for (const auto& [name, versions] : document.items()) {
    Project project = read_project(name, versions, stats, origin);
    stats.releases += project.releases.size();
    merge_into(projects, std::move(project));
  }
  stats.projects = projects.size();
  return InMemoryIndex(std::move(projects), stats, std::string(origin));
}

InMemoryIndex load_snapshot(const std::filesystem::path& path) {
  std::string text = read_file(path);
  PendingProjects pending = scan_snapshot(text, path.string());
  return InMemoryIndex(std::move(text), std::move(pending), path.string());
}

InMemoryIndex::InMemoryIndex(std::map<std::string, Project, std::less<>> projects, LoadStatistics stats,
                             std::string origin)
    : m_projects(std::move(projects)), m_stats(stats), m_origin(std::move(origin)) {
  m_stats.projects_read = m_stats.projects;
}

InMemoryIndex::InMemoryIndex(std::string text, PendingProjects pending, std::string origin)
    : m_origin(std::move(origin)), m_text(std::move(text)), m_pending(std::move(pending)) {
  m_stats.projects = m_pending.size();
}

const Project* InMemoryIndex::find(std::string_view canonical_name) {
  if (auto pending = m_pending.find(canonical_name); pending != m_pending.end()) read_pending(pending);
  auto it = m_projects.find(canonical_name);
  return it == m_projects.end() ? nullptr : &it->second;
}

const std::map<std::string, Project, std::less<>>& InMemoryIndex::projects() {
  read_all();
  return m_projects;
}

void InMemoryIndex::read_all() {
  while (!m_pending.empty()) read_pending(m_pending.begin());
}

// Parses every spelling of one project, exactly as snapshot_from_json would, and merges them.
void InMemoryIndex::read_pending(PendingProjects::iterator pending) {
  auto started = std::chrono::steady_clock::now();
  for (const PendingProject& spelling : pending->second) {
    std::string origin = m_origin + ": package `" + spelling.name + "`";
    json versions = json::parse(m_text.data() + spelling.begin, m_text.data() + spelling.end, JsonGuard<json>(origin));
    Project project = read_project(spelling.name, versions, m_stats, m_origin);
    m_stats.releases += project.releases.size();
    merge_into(m_projects, std::move(project));
  }
  m_pending.erase(pending);
  ++m_stats.projects_read;
  if (m_pending.empty()) std::string().swap(m_text);
  m_stats.read_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace thoth::index
