// Parsing of PEP 691 JSON project pages (nlohmann-json), of core-metadata files, and the rules that
// map a distribution file name to its version. The PEP 503 HTML reader is in simple_html.cpp.
#include "remote/simple_api.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "packaging/name.hpp"
#include "remote/digest.hpp"

namespace thoth::remote {
namespace {

using nlohmann::json;

void read_metadata_flag(const json& value, IndexFile& file) {
  if (value.is_boolean()) {
    file.has_metadata = value.get<bool>();
  } else if (value.is_object()) {
    file.has_metadata = true;
    if (auto it = value.find("sha256"); it != value.end() && it->is_string()) file.metadata_sha256 = it->get<std::string>();
  }
}

IndexFile read_json_file(const json& entry, const std::string& page_url) {
  if (!entry.is_object() || !entry.contains("filename") || !entry["filename"].is_string() || !entry.contains("url") ||
      !entry["url"].is_string())
    throw InputError("expected every file to have a `filename` and a `url`", page_url);
  IndexFile file;
  file.filename = entry["filename"].get<std::string>();
  file.url = resolve_url(page_url, entry["url"].get<std::string>());
  if (auto it = entry.find("hashes"); it != entry.end() && it->is_object())
    for (const auto& [algorithm, digest] : it->items())
      if (digest.is_string()) file.hashes[algorithm] = digest.get<std::string>();
  if (auto it = entry.find("requires-python"); it != entry.end() && it->is_string())
    file.requires_python = it->get<std::string>();
  if (auto it = entry.find("yanked"); it != entry.end()) {
    if (it->is_boolean()) file.yanked = it->get<bool>();
    if (it->is_string()) {
      file.yanked = true;
      file.yanked_reason = it->get<std::string>();
    }
  }
  // PEP 714: `core-metadata` is the name; `dist-info-metadata` the legacy spelling still served.
  if (auto it = entry.find("core-metadata"); it != entry.end()) read_metadata_flag(*it, file);
  else if (auto legacy = entry.find("dist-info-metadata"); legacy != entry.end()) read_metadata_flag(*legacy, file);
  if (auto it = entry.find("size"); it != entry.end() && it->is_number_unsigned()) file.size = it->get<std::uint64_t>();
  if (auto it = entry.find("upload-time"); it != entry.end() && it->is_string()) file.upload_time = it->get<std::string>();
  return file;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

ProjectPage parse_json_page(std::string_view body, const std::string& page_url) {
  json document = json::parse(body, nullptr, false);
  if (!document.is_object() || !document.contains("files") || !document["files"].is_array())
    throw InputError("expected a PEP 691 project page (a JSON object with `files`)", redact_url(page_url),
                     "the index answered with JSON that is not a simple-API project page");
  ProjectPage page;
  // Only strings are read: value() would throw a type error on `"name": []` (found by fuzzing).
  if (auto name = document.find("name"); name != document.end() && name->is_string()) page.name = name->get<std::string>();
  if (auto meta = document.find("meta"); meta != document.end() && meta->is_object())
    if (auto version = meta->find("api-version"); version != meta->end() && version->is_string())
      page.api_version = version->get<std::string>();
  if (!page.api_version.empty() && page.api_version.rfind("1.", 0) != 0)
    throw InputError("unsupported simple API version " + page.api_version + " (thoth reads 1.x)", redact_url(page_url));
  if (auto versions = document.find("versions"); versions != document.end() && versions->is_array())
    for (const json& version : *versions)
      if (version.is_string()) page.versions.push_back(version.get<std::string>());
  for (const json& entry : document["files"]) page.files.push_back(read_json_file(entry, page_url));
  return page;
}

std::optional<std::string> version_from_filename(std::string_view filename, std::string_view canonical_name) {
  if (ends_with(filename, ".whl")) {
    std::string_view stem = filename.substr(0, filename.size() - 4);
    auto dash = stem.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    auto next = stem.find('-', dash + 1);
    if (next == std::string_view::npos) return std::nullopt;
    if (packaging::canonicalize_name(std::string(stem.substr(0, dash))) != canonical_name) return std::nullopt;
    return std::string(stem.substr(dash + 1, next - dash - 1));
  }
  static constexpr std::array<std::string_view, 6> kSdist = {".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tar"};
  for (std::string_view extension : kSdist) {
    if (!ends_with(filename, extension)) continue;
    std::string_view stem = filename.substr(0, filename.size() - extension.size());
    // The name may itself contain dashes: the version follows the dash after which the prefix is the name.
    for (auto dash = stem.find('-'); dash != std::string_view::npos; dash = stem.find('-', dash + 1))
      if (packaging::canonicalize_name(std::string(stem.substr(0, dash))) == canonical_name)
        return std::string(stem.substr(dash + 1));
    return std::nullopt;
  }
  return std::nullopt;
}

CoreMetadata parse_core_metadata(std::string_view text) {
  CoreMetadata metadata;
  std::string key;
  std::string value;
  auto flush = [&] {
    if (key.empty()) return;
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r')) value.pop_back();
    if (key == "name") metadata.name = value;
    else if (key == "version") metadata.version = value;
    else if (key == "requires-python") metadata.requires_python = value;
    else if (key == "requires-dist") metadata.requires_dist.push_back(value);
    else if (key == "provides-extra") metadata.provides_extra.push_back(value);
    key.clear();
    value.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // the headers end at the first blank line; the description follows
    if (line.front() == ' ' || line.front() == '\t') {
      // A continuation line; one of only blanks adds nothing (it crashed the parser, found by fuzzing).
      if (auto first = line.find_first_not_of(" \t"); first != std::string_view::npos) value += " " + std::string(line.substr(first));
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
      flush();
      key = std::string(line.substr(0, colon));
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string_view rest = line.substr(colon + 1);
      auto first = rest.find_first_not_of(" \t");
      value = first == std::string_view::npos ? "" : std::string(rest.substr(first));
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  flush();
  return metadata;
}

}  // namespace thoth::remote
