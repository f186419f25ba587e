// Sub-schemas shared by every Thoth prescription unit (docs/prescriptions.md, "Unit model"):
// package_version, state, justification, stack_info, log, link, and the `{not: [...]}` form.
//
//   PackageVersionMatch{.name = "tensorflow", .version = *SpecifierSet::parse(">=2.6,<2.7")}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "packaging/specifier.hpp"

namespace thoth::prescriptions {

// Upstream's justification link base (THOTH_JUSTIFICATION_LINK_BASE): a short id `gpu_no_cuda`
// means https://thoth-station.ninja/j/gpu_no_cuda.
inline constexpr std::string_view kJustificationLinkBase = "https://thoth-station.ninja/j/";

// A link as written: a URL (http:// or https://) or a short id matching [a-z0-9_-]+.
// Returns the URL that the short id stands for, or the URL unchanged.
[[nodiscard]] std::string expand_link(std::string_view link);

// Severity of a justification, stack_info or log entry.
enum class MessageType : std::uint8_t { Info, Warning, Error };
[[nodiscard]] std::string_view message_type_name(MessageType type);  // "INFO", "WARNING", "ERROR"

// A list that may be negated: `[a, b]` (any of) or `{not: [a, b]}` (none of).
template <class T>
struct Selection {
  bool negated = false;
  std::vector<T> items;
  friend bool operator==(const Selection&, const Selection&) = default;
};

// `index_url: URL` or `index_url: {not: URL}`.
struct IndexUrlMatch {
  std::string url;
  bool negated = false;
  friend bool operator==(const IndexUrlMatch&, const IndexUrlMatch&) = default;
};

// package_version (match form): every field optional; a field that is absent matches anything.
struct PackageVersionMatch {
  std::optional<std::string> name;                // PEP 503 normalised
  std::optional<packaging::SpecifierSet> version;
  std::optional<IndexUrlMatch> index_url;
  std::optional<bool> develop;
};

// A package version that a unit yields or adds: locked_version is "==x" (or "===x").
struct LockedPackageVersion {
  std::string name;                           // PEP 503 normalised
  std::optional<std::string> locked_version;  // "==1.0.0"
  std::optional<std::string> index_url;
  std::optional<bool> develop;                // required by step.AddPackage only
};

// match.state: conditions on the partial (or final) resolution.
struct StateMatch {
  std::vector<PackageVersionMatch> resolved_dependencies;  // all must be resolved
  std::vector<PackageVersionMatch> package_version_from;   // steps only: who introduced the package
  bool package_version_from_allow_other = false;
};

// run.justification entry (per product, `products[i].justification` in the advise output).
struct Justification {
  MessageType type = MessageType::Info;
  std::string message;
  std::string link;  // expanded: a short id becomes kJustificationLinkBase + id
  std::optional<std::string> package_name;
  std::optional<packaging::SpecifierSet> version_range;
  std::optional<std::string> advisory;
  std::optional<std::string> cve_id;
  std::optional<std::string> cve_name;
};

// run.stack_info entry (stack-level information, `report.stack_info`).
struct StackInfo {
  MessageType type = MessageType::Info;
  std::string message;
  std::string link;  // expanded like Justification::link
};

// run.log: printed to the resolver log.
struct LogEntry {
  MessageType type = MessageType::Info;
  std::string message;
};

// The run keys every unit type accepts.
struct RunCommon {
  std::vector<StackInfo> stack_info;
  std::optional<LogEntry> log;
};

// Where a unit was written: file (as given to the loader) and the line:column of its entry.
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

}  // namespace thoth::prescriptions
