// Binary compatibility beyond wheel tags: ELF symbol versions, CUDA builds and CPU features, the
// facts the encoder turns into constraints on artifacts (docs/environment.md, thoth.md §3.12).
//
//   TargetEnvironment env;  env.libc_family = "glibc"; env.libc_version = "2.28";
//   env.libstdcxx_version = "8.1.0";
//   missing_symbols({"GLIBC_2.17", "GLIBCXX_3.4.26"}, env)    // {"GLIBCXX_3.4.26"}
//   accelerator_from_local_label("cu121")                     // {Cuda, "12.1"}
//   auto req = parse_artifact_requirements(json{{"cuda", ">=11.8"}, {"cpu_flags", {"avx2"}}});
//   check_requirements(*req, env).satisfied                   // false: the target has no CUDA
//
// Symbol sets: glibc X.Y provides every GLIBC_a.b[.c] <= X.Y (including the x86 2.1.x/2.2.x/2.3.x
// releases); libstdc++ provides GLIBCXX_3.4 .. 3.4.N and CXXABI_1.3 .. 1.3.M from GCC's table
// (libstdcxx_releases(), GCC 4.8 .. 14). An explicit `env.abi_symbols` list replaces the derivation.
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/error.hpp"
#include "env/environment.hpp"

namespace thoth::env {

// One row of the libstdc++ manual's "ABI Policy and Guidelines" version history.
struct LibstdcxxRelease {
  const char* gcc;   // first GCC release with this library, "12.1.0"
  int library;       // libstdc++.so.6.0.<library>
  int glibcxx;       // highest GLIBCXX_3.4.<glibcxx>
  int cxxabi;        // highest CXXABI_1.3.<cxxabi>
};

[[nodiscard]] std::span<const LibstdcxxRelease> libstdcxx_releases();  // GCC 4.8.0 .. 14.1.0, oldest first
// "12" / "12.2" / "12.2.0" (GCC release; a partial version means its first release) or "6.0.30"
// (library file version). nullopt when outside the table or malformed.
[[nodiscard]] std::optional<LibstdcxxRelease> find_libstdcxx_release(std::string_view version);

// The ELF symbol versions the environment provides (explicit list, else glibc + libstdc++ derived).
[[nodiscard]] std::set<std::string> provided_symbols(const TargetEnvironment& env);
// The `required` symbols the environment lacks, sorted. Without an explicit list, a family the
// environment knows nothing about (GLIBC_ with unknown glibc, GLIBCXX_/CXXABI_ with unknown
// libstdc++) is not checked; with an explicit list, everything not listed is missing.
[[nodiscard]] std::vector<std::string> missing_symbols(const std::vector<std::string>& required,
                                                       const TargetEnvironment& env);

// What a local version label says about the build: "cu118" -> CUDA 11.8, "cpu" -> CPU only;
// nullopt for any other label (no statement). A label with several segments is searched.
struct LocalLabelAccelerator {
  enum class Kind { Cuda, CpuOnly } kind;
  std::string cuda_version;  // "11.8" when kind == Cuda
  friend bool operator==(const LocalLabelAccelerator&, const LocalLabelAccelerator&) = default;
};
[[nodiscard]] std::optional<LocalLabelAccelerator> accelerator_from_local_label(std::string_view local_label);

// A file's `requires` map: {cuda: ">=11.8", cudnn: ">=8", cpu_flags: ["avx2"], abi: ["GLIBC_2.17"]}.
struct ArtifactRequirements {
  std::optional<std::string> cuda;   // PEP 440 specifier on the CUDA version
  std::optional<std::string> cudnn;  // PEP 440 specifier on the cuDNN version
  std::vector<std::string> cpu_flags;
  std::vector<std::string> abi;      // required ELF symbol versions
};
// Error on unknown keys, wrong value types or bad specifiers.
[[nodiscard]] Result<ArtifactRequirements> parse_artifact_requirements(const nlohmann::json& requires_map);
// A CUDA local label as requirements: Cuda X.Y -> {cuda: ">=X.Y"}; CpuOnly -> none.
[[nodiscard]] ArtifactRequirements requirements_from_label(const LocalLabelAccelerator& accelerator);

struct RequirementCheck {
  bool satisfied = true;
  std::vector<std::string> reasons;  // one per unmet requirement, e.g. "needs CUDA >=11.8, environment has none"
};
// Unknown target facts count as absent (a target with no known CPU flags lacks "avx2").
[[nodiscard]] RequirementCheck check_requirements(const ArtifactRequirements& requirements,
                                                  const TargetEnvironment& env);

}  // namespace thoth::env
