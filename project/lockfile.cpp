// Pipfile.lock (pipfile-spec 6) as pipenv writes it (pipenv project.py _LockFileEncoder,
// utils/lockfile.py, plette lockfiles.py): `_meta` with the Pipfile hash, the spec version, the
// Pipfile's [requires] and its sources passed through populate_source; "default" and "develop"
// always present; one object per pinned package with version "==X", sorted hashes, and index,
// markers, extras only when set. The text is json.dumps(indent=4, separators=(",", ": "),
// sort_keys=True, ensure_ascii=True) plus "\n" (project/python_json.hpp).
#include "project/lockfile.hpp"

#include <algorithm>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/json_guard.hpp"
#include "project/python_json.hpp"

namespace thoth::project {
namespace {

constexpr int kPipfileSpec = 6;

std::vector<std::string> sorted_unique(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return items;
}

// pipenv's populate_source: name defaults to the URL's host, verify_ssl to "https://" in url,
// and a non-boolean verify_ssl becomes str(value).lower() == "true".
nlohmann::json populated_source(nlohmann::json source, const Source& parsed) {
  if (!source.contains("name")) source["name"] = parsed.name;
  if (!source.contains("verify_ssl")) {
    source["verify_ssl"] = parsed.url.find("https://") != std::string::npos;
  } else if (!source["verify_ssl"].is_boolean()) {
    source["verify_ssl"] = source["verify_ssl"].is_string() && parsed.verify_ssl;
  }
  return source;
}

nlohmann::json source_json(const Source& source) {
  return {{"name", source.name}, {"url", source.url}, {"verify_ssl", source.verify_ssl}};
}

// The [[source]] tables as written (extra keys kept), populated; parsed sources when there are none
// in the document (the reader put the default PyPI source there).
nlohmann::json meta_sources(const Pipfile& pipfile) {
  nlohmann::json sources = nlohmann::json::array();
  const nlohmann::json& document = pipfile.document;
  bool written = document.is_object() && document.contains("source") && document.at("source").is_array() &&
                 document.at("source").size() == pipfile.sources.size();
  for (std::size_t i = 0; i < pipfile.sources.size(); ++i) {
    const Source& parsed = pipfile.sources[i];
    sources.push_back(written ? populated_source(document.at("source")[i], parsed) : source_json(parsed));
  }
  return sources;
}

nlohmann::json meta_requires(const Pipfile& pipfile) {
  const nlohmann::json& document = pipfile.document;
  if (document.is_object() && document.contains("requires")) return document.at("requires");
  nlohmann::json requires_ = nlohmann::json::object();
  for (const auto& [key, value] : pipfile.requires_) requires_[key] = value;
  return requires_;
}

nlohmann::json package_json(const LockedPackage& package) {
  nlohmann::json entry = nlohmann::json::object();
  entry["version"] = package.version.rfind("==", 0) == 0 ? package.version : "==" + package.version;
  entry["hashes"] = sorted_unique(package.hashes);
  if (!package.index.empty()) entry["index"] = package.index;
  if (!package.markers.empty()) entry["markers"] = package.markers;
  if (!package.extras.empty()) entry["extras"] = sorted_unique(package.extras);
  return entry;
}

// "line:column" of a 1-based byte position in `text` (nlohmann's parse_error::byte).
std::string line_and_column(std::string_view text, std::size_t byte) {
  std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
  std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + end, '\n'));
  std::size_t line_start = text.rfind('\n', end == 0 ? 0 : end - 1);
  std::size_t column = line_start == std::string_view::npos || end == 0 ? end + 1 : end - line_start;
  return std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace

nlohmann::json lockfile_json(const Pipfile& pipfile, const LockSections& sections) {
  nlohmann::json lock = nlohmann::json::object();
  lock["_meta"] = {{"hash", {{"sha256", pipfile_hash(pipfile, HashVariant::Canonical)}}},
                   {"pipfile-spec", kPipfileSpec},
                   {"requires", meta_requires(pipfile)},
                   {"sources", meta_sources(pipfile)}};
  lock["default"] = nlohmann::json::object();
  lock["develop"] = nlohmann::json::object();
  for (const auto& [section, packages] : sections) {
    THOTH_ASSERT(section != "_meta", "a lock section cannot be called _meta");
    nlohmann::json& out = lock[section];
    out = nlohmann::json::object();
    for (const auto& [name, package] : packages) out[name] = package_json(package);
  }
  return lock;
}

std::string render_lockfile(const Pipfile& pipfile, const LockSections& sections) {
  return python_json_dumps(lockfile_json(pipfile, sections), 4) + "\n";
}

nlohmann::json load_lockfile(const std::filesystem::path& path) {
  return parse_lockfile(read_file(path), path.string());
}

nlohmann::json parse_lockfile(std::string_view text, const std::string& origin) {
  nlohmann::json lock;
  try {
    lock = nlohmann::json::parse(text, JsonGuard<nlohmann::json>(origin));  // bounded nesting, no duplicate keys
  } catch (const nlohmann::json::parse_error& error) {
    std::string what = error.what();
    std::size_t detail = what.find("error while parsing");
    std::string reason = detail == std::string::npos ? what : what.substr(detail);
    throw InputError("expected valid JSON (byte " + std::to_string(error.byte) + "): " + reason,
                     origin + ":" + line_and_column(text, error.byte),
                     "fix the file or delete it and lock again");
  } catch (const nlohmann::json::exception& error) {  // a number too big for a double (out_of_range.406)
    throw InputError(std::string("expected valid JSON: ") + error.what(), origin, "fix the file or delete it and lock again");
  }
  if (!lock.is_object()) {
    throw InputError("expected a JSON object at the top of the lock file, found " + std::string(lock.type_name()),
                     origin, "fix the file or delete it and lock again");
  }
  return lock;
}

}  // namespace thoth::project
