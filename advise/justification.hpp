// Justifications of an advise result: why a package is (or is not) what it is, and what a user
// should know about the stack. Generic: prescriptions, advisories or the resolver itself add them.
// Thoth's fields (thoth.md §3.4) are kept: type INFO/WARNING/ERROR, message, link, package_name,
// version_range, advisory, cve_id, cve_name; `source` says who added the entry.
#pragma once

#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace thoth::advise {

struct Justification {
  std::string type = "INFO";  // INFO | WARNING | ERROR
  std::string package;        // canonical name; empty for the whole stack
  std::string message;
  std::string link;           // a URL (short ids already expanded)
  std::string source;         // "prescription thoth.FlaskGitHubPopularityWrap", "advisory GHSA-...", ...
  std::string version_range;  // optional Thoth fields, empty when absent
  std::string advisory;
  std::string cve_id;
  std::string cve_name;
  friend bool operator==(const Justification&, const Justification&) = default;
};

// Thoth's order: by (package, type, message), then the rest for a total order.
inline bool justification_less(const Justification& a, const Justification& b) {
  return std::tie(a.package, a.type, a.message, a.link, a.source) < std::tie(b.package, b.type, b.message, b.link, b.source);
}

inline nlohmann::json justification_to_json(const Justification& j) {
  nlohmann::json out = {{"type", j.type}, {"package", j.package}, {"message", j.message}, {"link", j.link},
                        {"source", j.source}};
  if (!j.version_range.empty()) out["version_range"] = j.version_range;
  if (!j.advisory.empty()) out["advisory"] = j.advisory;
  if (!j.cve_id.empty()) out["cve_id"] = j.cve_id;
  if (!j.cve_name.empty()) out["cve_name"] = j.cve_name;
  return out;
}

}  // namespace thoth::advise
