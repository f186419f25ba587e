// Problems found while loading prescriptions: errors (the unit is rejected) and warnings (the unit
// loads but is inert or suspicious). Both name the file, line:column, unit and key.
//
//   prescriptions/fl_/flask/x.yaml:7:7: unit `FlaskWrap`: key `should_include.adviser_pipeline`:
//     expected a boolean, found `maybe`
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace thoth::prescriptions {

// Kinds of warnings (docs/prescriptions.md "Warnings"); the order is the report order.
enum class WarningKind : std::uint8_t {
  UnsatisfiableSpecifier,     // a conjunction no version satisfies: "<1.0,>1.4"
  NeverRegisters,             // neither adviser_pipeline nor dependency_monkey_pipeline is true
  Disabled,                   // should_include.times: 0
  NoRecommendationType,       // recommendation_types: {not: [all five]}
  NoDecisionType,             // decision_types: {not: [all, random]}
  InvalidJsonPatch,           // advised_manifest_changes patch op not in RFC 6902 (e.g. "add,")
  ScoreOutOfRange,            // step score outside [-1, 1]: upstream clamps it
  IgnoredRunKey,              // a run key that can never take effect next to another one
  LegacySpecifier,            // `==git-unknown`: not PEP 440, kept as `===git-unknown`
};
inline constexpr std::size_t kWarningKindCount = 9;
[[nodiscard]] std::string_view warning_kind_name(WarningKind kind);  // "unsatisfiable-specifier", ...

struct Diagnostic {
  std::string file;
  std::uint32_t line = 0;  // 0: unknown
  std::uint32_t column = 0;
  std::string unit;  // unit name; empty outside units (or when the name itself is bad)
  std::string key;   // dotted key path inside the unit or file, e.g. "match[1].package_version.name"
  std::string message;
  WarningKind kind = WarningKind::UnsatisfiableSpecifier;  // meaningful for warnings only

  // "file:line:col: unit `U`: key `k`: message" (parts that are empty are left out).
  [[nodiscard]] std::string to_string() const;
  // The same as thoth::Error: location "file:line:col", message "unit `U`: key `k`: message".
  [[nodiscard]] Error to_error() const;
};

// Deterministic report order: file, line, column, message.
[[nodiscard]] bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);

}  // namespace thoth::prescriptions
