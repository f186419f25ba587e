// The advisory database: records by id and by package, loaded from an OSV folder (the PyPA
// advisory database layout, YAML or JSON files) or from inline JSON. Withdrawn records and records
// with no PyPI entry are counted and dropped at load.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "advisories/advisory.hpp"
#include "base/json_guard.hpp"
#include "base/utf8.hpp"
#include "packaging/name.hpp"

namespace thoth::advisories {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// YAML -> JSON keeping every scalar as text (versions such as 1.10 must never become numbers).
json yaml_to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    json object = json::object();
    for (const auto& entry : node) object[entry.first.Scalar()] = yaml_to_json(entry.second);
    return object;
  }
  if (node.IsSequence()) {
    json array = json::array();
    for (const auto& item : node) array.push_back(yaml_to_json(item));
    return array;
  }
  if (node.IsNull()) return nullptr;
  return node.Scalar();
}

std::string read_text(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError("expected a readable advisory record, found none", path.generic_string());
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

json parse_record_file(const fs::path& path) {
  return parse_osv_text(read_text(path), path.extension() == ".json", path.generic_string());
}

bool is_record_file(const fs::directory_entry& entry) {
  auto extension = entry.path().extension();
  return entry.is_regular_file() && (extension == ".yaml" || extension == ".yml" || extension == ".json");
}

void add_record(AdvisoryDatabase& database, const json& record, const std::string& origin) {
  ++database.statistics.files;
  Advisory advisory = parse_osv_record(record, origin, &database.statistics).value();
  if (!advisory.withdrawn.empty()) {
    ++database.statistics.withdrawn;
    return;
  }
  if (advisory.affected.empty()) {
    ++database.statistics.not_pypi;
    return;
  }
  database.add(std::move(advisory));
}

}  // namespace

json parse_osv_text(std::string_view text, bool is_json, const std::string& origin) {
  if (is_json) {
    return parse_json<json>(text, origin, "valid JSON").value();
  }
  // yaml-cpp passes invalid UTF-8 through, and nlohmann then throws when the record is printed
  // (an internal error, found by fuzzing): refuse such text first, with line and column.
  if (auto bad = find_invalid_yaml_text(text))
    throw InputError(invalid_utf8_message(text, *bad), origin + ":" + line_and_column_of(text, *bad));
  try {
    return yaml_to_json(YAML::Load(std::string(text)));
  } catch (const YAML::Exception& error) {
    throw InputError("expected valid YAML, found a syntax error: " + error.msg, origin + ":" + std::to_string(error.mark.line + 1));
  }
}

void AdvisoryDatabase::add(Advisory advisory) {
  std::string id = advisory.id;
  if (m_by_id.count(id) == 0) ++statistics.records;
  for (const AffectedPackage& entry : advisory.affected) {
    std::vector<std::string>& ids = m_ids_by_package[entry.name];
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    std::sort(ids.begin(), ids.end());
  }
  m_by_id[id] = std::move(advisory);
  statistics.packages = m_ids_by_package.size();
}

std::vector<const Advisory*> AdvisoryDatabase::affecting(std::string_view name, std::string_view version_text) const {
  std::vector<const Advisory*> out;
  std::string canonical = packaging::canonicalize_name(name);
  auto ids = m_ids_by_package.find(canonical);
  if (ids == m_ids_by_package.end()) return out;
  auto version = packaging::Version::parse(version_text);
  for (const std::string& id : ids->second) {
    const Advisory& advisory = m_by_id.find(id)->second;
    if (version ? advisory.affects(canonical, *version, version_text) : false) out.push_back(&advisory);
  }
  if (!version) {  // a non-PEP 440 installed version can still match an explicit list by text
    for (const std::string& id : ids->second) {
      const Advisory& advisory = m_by_id.find(id)->second;
      for (const AffectedPackage& entry : advisory.affected)
        if (entry.name == canonical && std::find(entry.versions_text.begin(), entry.versions_text.end(),
                                                 version_text) != entry.versions_text.end()) {
          out.push_back(&advisory);
          break;
        }
    }
  }
  return out;
}

void AdvisoryDatabase::merge(const AdvisoryDatabase& other) {
  for (const auto& [id, advisory] : other.m_by_id) add(advisory);
  statistics.files += other.statistics.files;
  statistics.withdrawn += other.statistics.withdrawn;
  statistics.not_pypi += other.statistics.not_pypi;
  statistics.non_pep440_versions += other.statistics.non_pep440_versions;
  statistics.unusable_ranges += other.statistics.unusable_ranges;
  statistics.milliseconds += other.statistics.milliseconds;
}

const Advisory* AdvisoryDatabase::find(std::string_view id) const {
  auto it = m_by_id.find(id);
  return it == m_by_id.end() ? nullptr : &it->second;
}

bool AdvisoryDatabase::covers(std::string_view name) const {
  return m_ids_by_package.count(packaging::canonicalize_name(name)) > 0;
}

std::vector<std::string> AdvisoryDatabase::package_names() const {
  std::vector<std::string> names;
  for (const auto& [name, ids] : m_ids_by_package) names.push_back(name);
  return names;
}

AdvisoryDatabase load_advisory_folder(const fs::path& folder) {
  auto start = std::chrono::steady_clock::now();
  std::error_code error;
  std::vector<fs::path> files;
  if (fs::is_regular_file(folder, error)) {
    files.push_back(folder);
  } else if (fs::is_directory(folder, error)) {
    for (const auto& entry : fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied))
      if (is_record_file(entry)) files.push_back(entry.path());
  } else {
    throw InputError("expected a folder of OSV advisory records, found none", folder.generic_string(),
                     "pass --advisories DIR (e.g. a checkout of github.com/pypa/advisory-database)");
  }
  std::sort(files.begin(), files.end());
  AdvisoryDatabase database;
  for (const fs::path& file : files) {
    std::string origin = file == folder ? file.generic_string()
                                        : (folder.filename() / fs::relative(file, folder)).generic_string();
    add_record(database, parse_record_file(file), origin);
  }
  database.statistics.milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  database.description = folder.filename().generic_string();
  return database;
}

AdvisoryDatabase advisories_from_json(const json& records, const std::string& origin) {
  if (!records.is_array())
    throw InputError("expected a list of OSV records, found " + std::string(records.type_name()), origin);
  AdvisoryDatabase database;
  for (std::size_t i = 0; i < records.size(); ++i)
    add_record(database, records[i], origin + " [" + std::to_string(i) + "]");
  database.description = origin;
  return database;
}

}  // namespace thoth::advisories
