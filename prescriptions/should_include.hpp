// `should_include`: when a unit registers in a pipeline (thoth.md §1.3). Identical for every unit type.
// Absent keys keep the upstream defaults: times 1, adviser_pipeline false, everything else "any".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "packaging/specifier.hpp"
#include "prescriptions/common.hpp"

namespace thoth::prescriptions {

enum class RecommendationType : std::uint8_t { Latest, Performance, Security, Stable, Testing };
enum class DecisionType : std::uint8_t { All, Random };

[[nodiscard]] std::string_view recommendation_type_name(RecommendationType type);  // "latest", ...
[[nodiscard]] std::string_view decision_type_name(DecisionType type);              // "all", "random"
inline constexpr std::size_t kRecommendationTypeCount = 5;

// should_include.dependencies: units (by name) that must already be registered.
struct UnitDependencies {
  std::vector<std::string> boots, pseudonyms, sieves, steps, strides, wraps;
};

// runtime_environments.operating_systems entry; an absent field matches any.
struct OperatingSystemMatch {
  std::optional<std::string> name;
  std::optional<std::string> version;
};

// runtime_environments.hardware entry; lists may hold null ("not detected").
struct HardwareMatch {
  std::optional<Selection<std::optional<std::int64_t>>> cpu_families;
  std::optional<Selection<std::optional<std::int64_t>>> cpu_models;
  std::optional<Selection<std::string>> cpu_flags;  // known flags only: avx2, avx512
  std::optional<Selection<std::optional<std::string>>> gpu_models;
};

// runtime_environments.rpm_packages entry (NEVRA fields).
struct RpmPackageMatch {
  std::string package_name;
  std::optional<std::string> package_version, release, epoch, arch, package_identifier;
  std::optional<bool> src;
};

// runtime_environments.python_packages entry: a package pre-installed in the base image.
struct PythonPackageMatch {
  std::string name;  // PEP 503 normalised
  std::optional<packaging::SpecifierSet> version;
  std::optional<std::string> location;  // regular expression, re.fullmatch
};

// A `*_version` key that may be written as null. Upstream treats null like an absent key
// (thoth.md §1.3 [code≠docs]); we keep the distinction so callers can choose.
struct NullableSpecifier {
  std::optional<packaging::SpecifierSet> specifier;  // nullopt: written as null
};

struct RuntimeEnvironmentMatch {
  std::vector<OperatingSystemMatch> operating_systems;  // OR; empty = any
  std::vector<HardwareMatch> hardware;                  // alternatives (documented intent); empty = any
  std::optional<NullableSpecifier> python_version;
  std::optional<NullableSpecifier> cuda_version;
  std::optional<NullableSpecifier> cudnn_version;
  std::optional<NullableSpecifier> openblas_version;
  std::optional<NullableSpecifier> openmpi_version;
  std::optional<NullableSpecifier> mkl_version;
  std::optional<Selection<std::optional<std::string>>> platforms;    // "linux-x86_64"
  std::optional<Selection<std::optional<std::string>>> base_images;  // "image[:tag]"
  std::optional<Selection<std::string>> abi;                         // "GLIBC_2.4"
  std::optional<Selection<RpmPackageMatch>> rpm_packages;
  std::optional<Selection<PythonPackageMatch>> python_packages;
};

struct ShouldInclude {
  int times = 1;  // 0 disables the unit
  bool adviser_pipeline = false;
  bool dependency_monkey_pipeline = false;
  std::optional<Selection<RecommendationType>> recommendation_types;
  std::optional<Selection<DecisionType>> decision_types;
  std::optional<bool> authenticated;                            // nullopt: either
  std::map<std::string, std::string> labels;                    // any pair matches (OR)
  std::map<std::string, std::vector<std::string>> library_usage;  // library -> symbols
  UnitDependencies dependencies;
  std::optional<RuntimeEnvironmentMatch> runtime_environments;
};

}  // namespace thoth::prescriptions
