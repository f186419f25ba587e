// `thoth audit`: checks an existing Pipfile.lock without resolving. Is its `_meta.hash.sha256`
// current for the Pipfile (either pipenv hash variant), and which pins have known advisories
// (as pip-audit reports them). In memory: cli/audit_command.cpp reads the files and prints.
//
//   AuditReport report = audit_lock(lock_json, "Pipfile.lock", &pipfile, database);
//   report.vulnerable_pins() > 0  -> exit code 1
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advisories/advisory.hpp"
#include "project/pipfile.hpp"

namespace thoth::advise {

enum class HashStatus { Current, Stale, NoPipfile, Missing /* the lock has no _meta.hash.sha256 */ };

struct AuditFinding {
  std::string section;   // "default", "develop", ...
  std::string package;   // canonical
  std::string version;
  std::string id;        // advisory id
  std::vector<std::string> aliases;
  std::string fixed_in;  // first fixed version above the pin, empty when none is known
  std::string summary;
  std::string link;
};

struct AuditReport {
  HashStatus hash = HashStatus::Missing;
  std::string hash_variant;        // "canonical" or "legacy" when current
  std::size_t pins = 0;            // (section, package) pairs checked
  std::vector<AuditFinding> findings;  // by section, package, id
  std::vector<std::string> unreadable; // pins whose version is not `==V` (skipped, named)
  [[nodiscard]] std::size_t vulnerable_pins() const;
};

// `pipfile` may be null (hash status NoPipfile). InputError naming `lock_name` when a section is not
// an object of packages.
[[nodiscard]] AuditReport audit_lock(const nlohmann::json& lock, const std::string& lock_name,
                                     const project::Pipfile* pipfile, const advisories::AdvisoryDatabase& database);

[[nodiscard]] const char* hash_status_name(HashStatus status);  // "current", "stale", ...
[[nodiscard]] nlohmann::json audit_to_json(const AuditReport& report);

}  // namespace thoth::advise
