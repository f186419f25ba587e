// Justifications of an advise result: why a package is (or is not) what it is, and what a user
// should know about the stack. One type for every producer: prescriptions (wraps, steps, boots),
// advisories and scorecards (advise/security.cpp) and the resolver itself.
// Thoth's fields (thoth.md §3.4) are kept: type INFO/WARNING/ERROR, message, link, package_name,
// version_range, advisory, cve_id, cve_name; `source` says who added the entry.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace thoth::advise {

enum class JustificationType { Info, Warning, Error };

[[nodiscard]] inline const char* justification_type_name(JustificationType type) {
  switch (type) {
    case JustificationType::Info: return "INFO";
    case JustificationType::Warning: return "WARNING";
    case JustificationType::Error: return "ERROR";
  }
  return "INFO";
}

// "INFO" / "WARNING" / "ERROR" (as prescriptions write them); nullopt for anything else.
[[nodiscard]] inline std::optional<JustificationType> parse_justification_type(std::string_view text) {
  if (text == "INFO") return JustificationType::Info;
  if (text == "WARNING") return JustificationType::Warning;
  if (text == "ERROR") return JustificationType::Error;
  return std::nullopt;
}

struct Justification {
  JustificationType type = JustificationType::Info;
  std::string package;        // canonical name; empty for the whole stack
  std::string message;
  std::string link;           // a URL (short ids already expanded), may be empty
  std::string source;         // "advisories", "scorecards", "prescription thoth.FlaskGitHubPopularityWrap", ...
  std::string version_range;  // optional Thoth fields, empty when absent
  std::string advisory;
  std::string cve_id;
  std::string cve_name;
  friend bool operator==(const Justification&, const Justification&) = default;
};

// Thoth's order: by (package, type name, message), then the rest for a total order.
inline bool justification_less(const Justification& a, const Justification& b) {
  std::string_view type_a = justification_type_name(a.type), type_b = justification_type_name(b.type);
  return std::tie(a.package, type_a, a.message, a.link, a.source, a.version_range, a.advisory, a.cve_id, a.cve_name) <
         std::tie(b.package, type_b, b.message, b.link, b.source, b.version_range, b.advisory, b.cve_id, b.cve_name);
}

inline nlohmann::json justification_to_json(const Justification& j) {
  nlohmann::json out = {{"type", justification_type_name(j.type)}, {"package", j.package}, {"message", j.message},
                        {"link", j.link}, {"source", j.source}};
  if (!j.version_range.empty()) out["version_range"] = j.version_range;
  if (!j.advisory.empty()) out["advisory"] = j.advisory;
  if (!j.cve_id.empty()) out["cve_id"] = j.cve_id;
  if (!j.cve_name.empty()) out["cve_name"] = j.cve_name;
  return out;
}

}  // namespace thoth::advise
