// A prescription unit of any type, the sections of a units file, and their names.
//
//   const Unit& unit = ...;
//   unit_type(unit) == UnitType::Wrap;  header(unit).name == "FlaskGitHubPopularityWrap";
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "prescriptions/boot.hpp"
#include "prescriptions/pseudonym.hpp"
#include "prescriptions/sieve.hpp"
#include "prescriptions/step.hpp"
#include "prescriptions/step_group.hpp"
#include "prescriptions/stride.hpp"
#include "prescriptions/wrap.hpp"

namespace thoth::prescriptions {

// The lists under `units:` in a prescription file.
enum class Section : std::uint8_t { Boots, Pseudonyms, Sieves, Steps, Strides, Wraps };
inline constexpr std::array<Section, 6> kSections{Section::Boots,   Section::Pseudonyms, Section::Sieves,
                                                  Section::Steps,   Section::Strides,    Section::Wraps};

// The `type:` of a unit; the order is the order of Unit's alternatives.
enum class UnitType : std::uint8_t {
  Boot, Pseudonym, Sieve, SkipPackageSieve, Step, SkipPackageStep, AddPackageStep, GroupStep, Stride, Wrap,
  GHReleaseNotesWrap,
};
inline constexpr std::size_t kUnitTypeCount = 11;

using Unit = std::variant<BootUnit, PseudonymUnit, SieveUnit, SkipPackageSieveUnit, StepUnit, SkipPackageStepUnit,
                          AddPackageStepUnit, GroupStepUnit, StrideUnit, WrapUnit, GHReleaseNotesWrapUnit>;

[[nodiscard]] std::string_view section_name(Section section);  // "boots", ...
[[nodiscard]] std::optional<Section> section_from_name(std::string_view name);
[[nodiscard]] std::string_view unit_type_name(UnitType type);  // "boot", "sieve.SkipPackage", ...
[[nodiscard]] std::optional<UnitType> unit_type_from_name(std::string_view name);
[[nodiscard]] Section section_of(UnitType type);  // the only section that may hold this type

[[nodiscard]] inline UnitType unit_type(const Unit& unit) { return static_cast<UnitType>(unit.index()); }
[[nodiscard]] const UnitHeader& header(const Unit& unit);

}  // namespace thoth::prescriptions
