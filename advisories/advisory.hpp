// Security advisories in the OSV format (ossf.github.io/osv-schema), as the PyPA advisory database
// publishes them (`vulns/<package>/PYSEC-*.yaml`) and as api.osv.dev returns them (JSON).
//
//   AdvisoryDatabase db = load_advisory_folder("advisory-db");       // throws InputError when unreadable
//   for (const Advisory* a : db.affecting("pillow", "8.0.0")) ...    // PEP 440 order, withdrawn skipped
//
// A version is affected when it is listed in an `affected[].versions` list, or when an ECOSYSTEM range
// of the same `affected` entry covers it: events sorted in PEP 440 order, `introduced` opens the
// range (inclusive), `fixed` and `limit` close it (exclusive), `last_affected` closes it (inclusive).
// Version strings that are not PEP 440 are counted and kept as text: a listed one still matches the
// same text, a range event that does not parse makes that range unusable (the `versions` list remains).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "packaging/version.hpp"

namespace thoth::advisories {

enum class EventKind { Introduced, Fixed, LastAffected, Limit };

struct RangeEvent {
  EventKind kind = EventKind::Introduced;
  std::string version_text;                 // "0" for introduced-from-the-start
  std::optional<packaging::Version> version;  // nullopt: not PEP 440 (the range is then unusable)
};

struct EcosystemRange {
  std::vector<RangeEvent> events;  // sorted in PEP 440 order when usable
  bool usable = true;              // every event parsed
};

// One `affected[]` entry for a PyPI package.
struct AffectedPackage {
  std::string name;                               // PEP 503 canonical
  std::vector<EcosystemRange> ranges;             // ECOSYSTEM ranges only (GIT/SEMVER are ignored)
  std::vector<std::string> versions_text;         // the explicit list, as written
  std::vector<packaging::Version> versions;       // those of them that parse
};

struct Advisory {
  std::string id;                   // "PYSEC-2021-94", "GHSA-..."
  std::string summary;              // may be empty; `details` then describes it
  std::string details;
  std::vector<std::string> aliases; // "CVE-2021-25289", "GHSA-..."
  std::string modified, published, withdrawn;  // RFC 3339 text; withdrawn empty when not withdrawn
  std::vector<AffectedPackage> affected;       // PyPI entries only
  std::vector<std::string> references;         // URLs, in file order
  std::string origin;                           // file it came from, or "api.osv.dev"

  // Does this advisory affect `name` (canonical) at `version`? `version_text` is used for the
  // explicit list when a listed string is not PEP 440.
  [[nodiscard]] bool affects(std::string_view name, const packaging::Version& version,
                             std::string_view version_text) const;
  // The lowest `fixed` event above `version` in a range covering it; empty when none is known.
  [[nodiscard]] std::string first_fixed(std::string_view name, const packaging::Version& version) const;
  // A human link: the OSV page of the id.
  [[nodiscard]] std::string link() const { return "https://osv.dev/vulnerability/" + id; }
  // Short text: summary, else the first sentence of details (at most 160 characters).
  [[nodiscard]] std::string headline() const;
};

// Counts from one load, reported by `thoth advise --json` and docs/advisories.md.
struct LoadStatistics {
  std::size_t files = 0;              // record files read
  std::size_t records = 0;            // kept (not withdrawn, with a PyPI entry)
  std::size_t withdrawn = 0;          // skipped: `withdrawn` set
  std::size_t not_pypi = 0;           // skipped: no PyPI `affected` entry
  std::size_t non_pep440_versions = 0;  // version strings (lists and events) that are not PEP 440
  std::size_t unusable_ranges = 0;    // ECOSYSTEM ranges with an event that is not PEP 440
  std::size_t packages = 0;           // distinct canonical package names
  double milliseconds = 0;
};

// One OSV record file's text as JSON: parsed as JSON when `is_json`, else as YAML (the PyPA advisory
// database's format). InputError naming `origin` (and the line, for YAML) when it does not parse.
[[nodiscard]] nlohmann::json parse_osv_text(std::string_view text, bool is_json, const std::string& origin);

// Parses one OSV record (YAML already converted to JSON, or an API response). Error when the record
// has no `id` or a field has the wrong type; `origin` names the file in the message.
[[nodiscard]] Result<Advisory> parse_osv_record(const nlohmann::json& record, const std::string& origin,
                                                LoadStatistics* statistics = nullptr);

class AdvisoryDatabase {
 public:
  // Adds a record (withdrawn ones are counted and dropped). Records with an id already present replace it.
  void add(Advisory advisory);

  // Advisories affecting `name` (any spelling) at `version_text`, sorted by id; empty for unknown names.
  [[nodiscard]] std::vector<const Advisory*> affecting(std::string_view name, std::string_view version_text) const;
  [[nodiscard]] const Advisory* find(std::string_view id) const;
  [[nodiscard]] bool covers(std::string_view name) const;  // some record names this package
  [[nodiscard]] std::vector<std::string> package_names() const;  // canonical, sorted
  [[nodiscard]] std::size_t size() const { return m_by_id.size(); }
  [[nodiscard]] const std::map<std::string, Advisory, std::less<>>& all() const { return m_by_id; }
  // Adds every record of `other` and its load counts (files, withdrawn, ...).
  void merge(const AdvisoryDatabase& other);

  LoadStatistics statistics;
  std::string description;  // "advisory-db (3,119 records)" style, for reports

 private:
  std::map<std::string, Advisory, std::less<>> m_by_id;
  std::map<std::string, std::vector<std::string>, std::less<>> m_ids_by_package;  // canonical -> ids
};

// Every *.yaml / *.yml / *.json record below `folder` (or the one record file `folder` names), in
// sorted path order. Throws InputError naming the folder when it does not exist, and naming the
// file (and line) for a malformed record.
[[nodiscard]] AdvisoryDatabase load_advisory_folder(const std::filesystem::path& folder);

// Records given inline (a JSON array of OSV records), e.g. from a fixture; `origin` names the place.
[[nodiscard]] AdvisoryDatabase advisories_from_json(const nlohmann::json& records, const std::string& origin);

}  // namespace thoth::advisories
