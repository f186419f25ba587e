// One OSV record -> Advisory, and the version matching of docs/advisories.md: explicit `versions`
// lists and ECOSYSTEM ranges in PEP 440 order. YAML records arrive here already converted to JSON,
// so the PyPA folder and api.osv.dev share one parser.
#include <algorithm>

#include "advisories/advisory.hpp"
#include "packaging/name.hpp"

namespace thoth::advisories {
namespace {

using nlohmann::json;

Error field_error(const std::string& origin, const std::string& message) {
  return Error{message, origin, "each record must follow the OSV schema (ossf.github.io/osv-schema)"};
}

std::string text_of(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || object.at(key).is_null()) return "";
  const json& value = object.at(key);
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::optional<packaging::Version> parse_counted(const std::string& text, LoadStatistics* statistics) {
  auto parsed = packaging::Version::parse(text);
  if (parsed) return *parsed;
  if (statistics != nullptr) ++statistics->non_pep440_versions;
  return std::nullopt;
}

bool event_kind(const std::string& key, EventKind& kind) {
  if (key == "introduced") kind = EventKind::Introduced;
  else if (key == "fixed") kind = EventKind::Fixed;
  else if (key == "last_affected") kind = EventKind::LastAffected;
  else if (key == "limit") kind = EventKind::Limit;
  else return false;
  return true;
}

EcosystemRange parse_range(const json& range, LoadStatistics* statistics) {
  EcosystemRange out;
  if (!range.contains("events") || !range.at("events").is_array()) {
    out.usable = false;
    return out;
  }
  for (const json& event : range.at("events")) {
    if (!event.is_object()) continue;
    for (const auto& [key, value] : event.items()) {
      RangeEvent parsed;
      if (!event_kind(key, parsed.kind)) continue;
      parsed.version_text = value.is_string() ? value.get<std::string>() : value.dump();
      parsed.version = parse_counted(parsed.version_text, statistics);
      if (!parsed.version) out.usable = false;
      out.events.push_back(std::move(parsed));
    }
  }
  if (out.usable)
    std::stable_sort(out.events.begin(), out.events.end(),
                     [](const RangeEvent& a, const RangeEvent& b) { return *a.version < *b.version; });
  else if (statistics != nullptr)
    ++statistics->unusable_ranges;
  return out;
}

std::optional<AffectedPackage> parse_affected(const json& entry, LoadStatistics* statistics) {
  if (!entry.is_object() || !entry.contains("package")) return std::nullopt;
  const json& package = entry.at("package");
  if (text_of(package, "ecosystem") != "PyPI") return std::nullopt;
  AffectedPackage out;
  out.name = packaging::canonicalize_name(text_of(package, "name"));
  if (entry.contains("ranges") && entry.at("ranges").is_array())
    for (const json& range : entry.at("ranges"))
      if (text_of(range, "type") == "ECOSYSTEM") out.ranges.push_back(parse_range(range, statistics));
  if (entry.contains("versions") && entry.at("versions").is_array()) {
    for (const json& version : entry.at("versions")) {
      std::string text = version.is_string() ? version.get<std::string>() : version.dump();
      if (auto parsed = parse_counted(text, statistics)) out.versions.push_back(*parsed);
      out.versions_text.push_back(std::move(text));
    }
  }
  return out;
}

// OSV range semantics: walk the events in order; the state after the last event at or below the
// version decides (introduced opens, fixed/limit close at their version, last_affected just after).
bool range_covers(const EcosystemRange& range, const packaging::Version& version) {
  if (!range.usable) return false;
  bool affected = false;
  for (const RangeEvent& event : range.events) {
    switch (event.kind) {
      case EventKind::Introduced:
        if (*event.version <= version) affected = true;
        break;
      case EventKind::Fixed:
      case EventKind::Limit:
        if (*event.version <= version) affected = false;
        break;
      case EventKind::LastAffected:
        if (*event.version < version) affected = false;
        break;
    }
  }
  return affected;
}

bool listed(const AffectedPackage& entry, const packaging::Version& version, std::string_view version_text) {
  if (std::find(entry.versions.begin(), entry.versions.end(), version) != entry.versions.end()) return true;
  return std::find(entry.versions_text.begin(), entry.versions_text.end(), version_text) != entry.versions_text.end();
}

std::vector<std::string> string_list(const json& record, const char* key) {
  std::vector<std::string> out;
  if (!record.contains(key) || !record.at(key).is_array()) return out;
  for (const json& item : record.at(key))
    if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

}  // namespace

bool Advisory::affects(std::string_view name, const packaging::Version& version, std::string_view version_text) const {
  for (const AffectedPackage& entry : affected) {
    if (entry.name != name) continue;
    if (listed(entry, version, version_text)) return true;
    for (const EcosystemRange& range : entry.ranges)
      if (range_covers(range, version)) return true;
  }
  return false;
}

std::string Advisory::first_fixed(std::string_view name, const packaging::Version& version) const {
  std::optional<packaging::Version> best;
  std::string best_text;
  for (const AffectedPackage& entry : affected) {
    if (entry.name != name) continue;
    for (const EcosystemRange& range : entry.ranges) {
      if (!range.usable) continue;
      for (const RangeEvent& event : range.events) {
        if (event.kind != EventKind::Fixed || *event.version <= version) continue;
        if (!best || *event.version < *best) {
          best = event.version;
          best_text = event.version_text;
        }
      }
    }
  }
  return best_text;
}

std::string Advisory::headline() const {
  std::string text = summary.empty() ? details : summary;
  std::replace(text.begin(), text.end(), '\n', ' ');
  if (auto stop = text.find(". "); summary.empty() && stop != std::string::npos) text = text.substr(0, stop + 1);
  if (text.size() > 160) text = text.substr(0, 157) + "...";
  return text;
}

Result<Advisory> parse_osv_record(const json& record, const std::string& origin, LoadStatistics* statistics) {
  if (!record.is_object()) return field_error(origin, "expected an OSV record (a mapping), found " + std::string(record.type_name()));
  Advisory out;
  out.id = text_of(record, "id");
  if (out.id.empty()) return field_error(origin, "expected an `id` in the OSV record, found none");
  if (record.contains("affected") && !record.at("affected").is_array())
    return field_error(origin, "expected `affected` as a list in " + out.id);
  out.summary = text_of(record, "summary");
  out.details = text_of(record, "details");
  out.modified = text_of(record, "modified");
  out.published = text_of(record, "published");
  out.withdrawn = text_of(record, "withdrawn");
  out.aliases = string_list(record, "aliases");
  std::sort(out.aliases.begin(), out.aliases.end());
  out.origin = origin;
  if (record.contains("affected"))
    for (const json& entry : record.at("affected"))
      if (auto affected = parse_affected(entry, statistics)) out.affected.push_back(std::move(*affected));
  if (record.contains("references") && record.at("references").is_array())
    for (const json& reference : record.at("references"))
      if (std::string url = text_of(reference, "url"); !url.empty()) out.references.push_back(url);
  return out;
}

}  // namespace thoth::advisories
