// Names of sections, unit types, message and recommendation types, links, and diagnostics text.
#include "prescriptions/unit.hpp"

#include "prescriptions/diagnostics.hpp"

namespace thoth::prescriptions {
namespace {

constexpr std::array<std::string_view, 6> kSectionNames{"boots", "pseudonyms", "sieves", "steps", "strides", "wraps"};
constexpr std::array<std::string_view, kUnitTypeCount> kUnitTypeNames{
    "boot", "pseudonym", "sieve", "sieve.SkipPackage", "step", "step.SkipPackage", "step.AddPackage", "step.Group",
    "stride", "wrap", "wrap.GHReleaseNotes"};
constexpr std::array<std::string_view, kWarningKindCount> kWarningKindNames{
    "unsatisfiable-specifier", "never-registers", "disabled", "no-recommendation-type", "no-decision-type",
    "invalid-json-patch", "score-out-of-range", "ignored-run-key", "legacy-specifier"};

}  // namespace

std::string_view section_name(Section section) { return kSectionNames[static_cast<std::size_t>(section)]; }

std::optional<Section> section_from_name(std::string_view name) {
  for (Section section : kSections) {
    if (section_name(section) == name) return section;
  }
  return std::nullopt;
}

std::string_view unit_type_name(UnitType type) { return kUnitTypeNames[static_cast<std::size_t>(type)]; }

std::optional<UnitType> unit_type_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kUnitTypeCount; ++i) {
    if (kUnitTypeNames[i] == name) return static_cast<UnitType>(i);
  }
  return std::nullopt;
}

Section section_of(UnitType type) {
  switch (type) {
    case UnitType::Boot: return Section::Boots;
    case UnitType::Pseudonym: return Section::Pseudonyms;
    case UnitType::Sieve:
    case UnitType::SkipPackageSieve: return Section::Sieves;
    case UnitType::Step:
    case UnitType::SkipPackageStep:
    case UnitType::AddPackageStep:
    case UnitType::GroupStep: return Section::Steps;
    case UnitType::Stride: return Section::Strides;
    case UnitType::Wrap:
    case UnitType::GHReleaseNotesWrap: return Section::Wraps;
  }
  return Section::Wraps;
}

const UnitHeader& header(const Unit& unit) {
  return std::visit([](const auto& typed) -> const UnitHeader& { return typed.header; }, unit);
}

std::string expand_link(std::string_view link) {
  if (link.starts_with("https://") || link.starts_with("http://")) return std::string(link);
  return std::string(kJustificationLinkBase) + std::string(link);
}

std::string_view message_type_name(MessageType type) {
  switch (type) {
    case MessageType::Info: return "INFO";
    case MessageType::Warning: return "WARNING";
    case MessageType::Error: return "ERROR";
  }
  return "INFO";
}

std::string_view recommendation_type_name(RecommendationType type) {
  constexpr std::array<std::string_view, kRecommendationTypeCount> names{"latest", "performance", "security", "stable",
                                                                         "testing"};
  return names[static_cast<std::size_t>(type)];
}

std::string_view decision_type_name(DecisionType type) { return type == DecisionType::All ? "all" : "random"; }

std::string_view warning_kind_name(WarningKind kind) { return kWarningKindNames[static_cast<std::size_t>(kind)]; }

std::string Diagnostic::to_string() const {
  Error error = to_error();
  return error.location.empty() ? error.message : error.location + ": " + error.message;
}

Error Diagnostic::to_error() const {
  std::string location = file;
  if (line != 0) location += ":" + std::to_string(line) + ":" + std::to_string(column);
  std::string text;
  if (!unit.empty()) text += "unit `" + unit + "`: ";
  if (!key.empty()) text += "key `" + key + "`: ";
  return Error{text + message, location, {}};
}

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.file, a.line, a.column, a.key, a.message) < std::tie(b.file, b.line, b.column, b.key, b.message);
}

}  // namespace thoth::prescriptions
