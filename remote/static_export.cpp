// Export of a snapshot as a static simple-API tree (layout in static_export.hpp, docs/indexes.md).
// The snapshot JSON is read directly (not through InMemoryIndex) so requirement texts are written
// exactly as recorded. Output is deterministic: projects, versions and files in sorted order.
#include "remote/static_export.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <nlohmann/json.hpp>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "packaging/name.hpp"
#include "packaging/version.hpp"
#include "remote/digest.hpp"
#include "remote/wheel_archive.hpp"

namespace thoth::remote {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct ExportFile {
  std::string filename;
  std::string sha256;
  std::size_t size = 0;
  std::string metadata_sha256;  // empty: no metadata file for this one
  std::string requires_python;
  json yanked = false;          // false or the reason string
};

struct ExportRelease {
  std::string version_text;
  const json* body = nullptr;
};

struct ExportProject {
  std::string display_name;   // the snapshot's key: names the pages
  std::string metadata_name;  // the `Name:` of the core metadata: the spelling requirers use most
  std::map<packaging::Version, ExportRelease> releases;
};

std::string escape_html(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

void write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  write_file_atomically(path, content, /*durable=*/false);
}

std::vector<std::string> strings_of(const json& body, const char* key) {
  std::vector<std::string> out;
  auto it = body.find(key);
  if (it == body.end() || !it->is_array()) return out;
  for (const json& item : *it)
    if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

std::string core_metadata(const std::string& name, const std::string& version, const json& body) {
  std::string text = "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n";
  if (auto it = body.find("requires_python"); it != body.end() && it->is_string() && !it->get<std::string>().empty())
    text += "Requires-Python: " + it->get<std::string>() + "\n";
  for (const std::string& extra : strings_of(body, "provides_extra")) text += "Provides-Extra: " + extra + "\n";
  for (const std::string& requirement : strings_of(body, "requires_dist")) text += "Requires-Dist: " + requirement + "\n";
  return text;
}

json yanked_of(const json& body) {
  auto it = body.find("yanked");
  if (it == body.end() || it->is_null()) return false;
  if (it->is_string()) return it->get<std::string>();
  return it->is_boolean() && it->get<bool>();
}

std::string file_name_form(std::string text) {
  std::replace(text.begin(), text.end(), '-', '_');
  return text;
}

// Writes the distribution files and metadata of one release; returns what the pages list. A release
// without listed files gets one small valid wheel whose METADATA is the PEP 658 file's exact bytes.
std::vector<ExportFile> export_release(const fs::path& files_dir, const ExportProject& project,
                                       const ExportRelease& release) {
  const json& body = *release.body;
  std::string metadata = core_metadata(project.metadata_name, release.version_text, body);
  std::string requires_python = body.contains("requires_python") && body["requires_python"].is_string()
                                    ? body["requires_python"].get<std::string>() : "";
  std::vector<ExportFile> files;
  if (auto listed = body.find("files"); listed != body.end() && listed->is_array() && !listed->empty()) {
    for (const json& entry : *listed) {
      if (!entry.is_object() || !entry.contains("filename")) continue;
      ExportFile file{entry["filename"].get<std::string>(), {}, 0, {}, requires_python, yanked_of(body)};
      if (entry.contains("hashes") && entry["hashes"].contains("sha256")) file.sha256 = entry["hashes"]["sha256"];
      files.push_back(std::move(file));
    }
  } else {
    WheelContents contents{file_name_form(packaging::canonicalize_name(project.display_name)),
                           file_name_form(release.version_text), metadata};
    std::string filename = contents.distribution + "-" + contents.version + "-py3-none-any.whl";
    std::string wheel = build_wheel(contents);
    write(files_dir / filename, wheel);
    files.push_back({filename, sha256_hex(wheel), wheel.size(), {}, requires_python, yanked_of(body)});
  }
  if (files.empty()) return files;
  write(files_dir / (files.front().filename + ".metadata"), metadata);
  files.front().metadata_sha256 = sha256_hex(metadata);
  return files;
}

std::string html_page(const std::string& name, const std::vector<ExportFile>& files, const std::string& canonical) {
  std::string html = "<!DOCTYPE html>\n<html>\n<head>\n<meta name=\"pypi:repository-version\" content=\"1.1\">\n<title>Links for " +
                     escape_html(name) + "</title>\n</head>\n<body>\n<h1>Links for " + escape_html(name) + "</h1>\n";
  for (const ExportFile& file : files) {
    html += "<a href=\"../../files/" + canonical + "/" + escape_html(file.filename);
    if (!file.sha256.empty()) html += "#sha256=" + file.sha256;
    html += "\"";
    if (!file.requires_python.empty()) html += " data-requires-python=\"" + escape_html(file.requires_python) + "\"";
    if (!file.metadata_sha256.empty())
      html += " data-core-metadata=\"sha256=" + file.metadata_sha256 + "\" data-dist-info-metadata=\"sha256=" +
              file.metadata_sha256 + "\"";
    if (file.yanked.is_string()) html += " data-yanked=\"" + escape_html(file.yanked.get<std::string>()) + "\"";
    else if (file.yanked.get<bool>()) html += " data-yanked=\"\"";
    html += ">" + escape_html(file.filename) + "</a><br>\n";
  }
  return html + "</body>\n</html>\n";
}

json json_page(const std::string& name, const std::vector<std::string>& versions, const std::vector<ExportFile>& files,
               const std::string& canonical) {
  json page = {{"meta", {{"api-version", "1.1"}}}, {"name", name}, {"versions", versions}, {"files", json::array()}};
  for (const ExportFile& file : files) {
    json entry = {{"filename", file.filename},
                  {"url", "../../files/" + canonical + "/" + file.filename},
                  {"hashes", file.sha256.empty() ? json::object() : json{{"sha256", file.sha256}}},
                  {"yanked", file.yanked}};
    if (!file.requires_python.empty()) entry["requires-python"] = file.requires_python;
    if (file.size > 0) entry["size"] = file.size;
    if (!file.metadata_sha256.empty()) {
      entry["core-metadata"] = {{"sha256", file.metadata_sha256}};
      entry["dist-info-metadata"] = {{"sha256", file.metadata_sha256}};
    } else {
      entry["core-metadata"] = false;
    }
    page["files"].push_back(std::move(entry));
  }
  return page;
}

// The project name at the start of a PEP 508 requirement, as written ("" when there is none).
std::string_view requirement_name(std::string_view requirement) {
  std::size_t start = requirement.find_first_not_of(" \t");
  if (start == std::string_view::npos) return {};
  std::size_t end = start;
  while (end < requirement.size() && (std::isalnum(static_cast<unsigned char>(requirement[end])) ||
                                      requirement[end] == '.' || requirement[end] == '_' || requirement[end] == '-'))
    ++end;
  return requirement.substr(start, end - start);
}

// For each canonical name, how often each spelling appears in the snapshot's Requires-Dist.
using SpellingCounts = std::map<std::string, std::map<std::string, std::size_t>>;

SpellingCounts count_spellings(const json& document) {
  SpellingCounts counts;
  for (const auto& [name, versions] : document.items()) {
    if (!versions.is_object()) continue;
    for (const auto& [version_text, body] : versions.items())
      if (body.is_object())
        for (const std::string& requirement : strings_of(body, "requires_dist"))
          if (std::string_view spelling = requirement_name(requirement); !spelling.empty())
            ++counts[packaging::canonicalize_name(std::string(spelling))][std::string(spelling)];
  }
  return counts;
}

// The most used spelling (ties: the first in byte order), else the snapshot's key. pip 23.0 compares the
// metadata's `Name:` with the requirement's spelling without normalizing (docs/indexes.md).
std::string metadata_name_of(const SpellingCounts& counts, const std::string& canonical, const std::string& key) {
  auto it = counts.find(canonical);
  if (it == counts.end()) return key;
  const std::pair<const std::string, std::size_t>* best = nullptr;
  for (const auto& entry : it->second)
    if (best == nullptr || entry.second > best->second) best = &entry;
  return best->first;
}

std::map<std::string, ExportProject> group_projects(const json& document, const fs::path& snapshot, ExportSummary& summary) {
  if (!document.is_object())
    throw InputError("expected a JSON object mapping package names to versions", snapshot.string());
  std::map<std::string, ExportProject> projects;
  const SpellingCounts spellings = count_spellings(document);
  for (const auto& [name, versions] : document.items()) {
    if (!versions.is_object())
      throw InputError("expected an object mapping versions to releases", snapshot.string() + ": package `" + name + "`");
    ExportProject& project = projects[packaging::canonicalize_name(name)];
    if (project.display_name.empty()) {
      project.display_name = name;
      project.metadata_name = metadata_name_of(spellings, packaging::canonicalize_name(name), name);
    }
    for (const auto& [version_text, body] : versions.items()) {
      auto version = packaging::Version::parse(version_text);
      if (!version || !body.is_object()) {
        ++summary.skipped_versions;
        continue;
      }
      project.releases.try_emplace(*version, ExportRelease{version_text, &body});
    }
  }
  return projects;
}

}  // namespace

ExportSummary export_static_index(const fs::path& snapshot, const fs::path& out_dir) {
  json document = json::parse(read_file(snapshot), nullptr, false);
  if (document.is_discarded())
    throw InputError("not valid JSON", snapshot.string(), "check the snapshot file; it must be one JSON object");
  ExportSummary summary;
  auto projects = group_projects(document, snapshot, summary);
  std::string root_html = "<!DOCTYPE html>\n<html>\n<head>\n<meta name=\"pypi:repository-version\" content=\"1.1\">\n"
                          "<title>Simple index</title>\n</head>\n<body>\n";
  json root = {{"meta", {{"api-version", "1.1"}}}, {"projects", json::array()}};
  for (const auto& [canonical, project] : projects) {
    std::vector<ExportFile> files;
    std::vector<std::string> versions;
    for (const auto& [version, release] : project.releases) {
      auto written = export_release(out_dir / "files" / canonical, project, release);
      files.insert(files.end(), written.begin(), written.end());
      versions.push_back(release.version_text);
      ++summary.releases;
    }
    summary.files += files.size();
    ++summary.projects;
    fs::path page_dir = out_dir / "simple" / canonical;
    write(page_dir / "index.html", html_page(project.display_name, files, canonical));
    write(page_dir / "index.json", json_page(project.display_name, versions, files, canonical).dump(1) + "\n");
    root_html += "<a href=\"" + canonical + "/\">" + escape_html(project.display_name) + "</a><br>\n";
    root["projects"].push_back({{"name", project.display_name}});
  }
  write(out_dir / "simple" / "index.html", root_html + "</body>\n</html>\n");
  write(out_dir / "simple" / "index.json", root.dump(1) + "\n");
  return summary;
}

}  // namespace thoth::remote
