// The `.thoth.yaml` project configuration (thamos `defaultThoth.yaml`, thoth.md §3.7): the runtime
// environments a project runs on, plus thamos's other top-level keys, which thoth keeps untouched.
//
//   auto config = parse_thoth_config(read_file(".thoth.yaml"), ".thoth.yaml");   // Result
//   const RuntimeEnvironment& runtime = *select_runtime_environment(*config, "");  // first one
//   TargetEnvironment target = to_target_environment(runtime);
//   std::string updated = *merge_into_existing(text, detected, "rhel8");           // `thoth config`
//
// Every runtime-environment field is optional: absent or `null` means "unknown". An unknown key in a
// runtime environment is an error naming the file, line and key; top-level keys other than
// `runtime_environments` (host, tls_verify, requirements_format, overlays_dir, virtualenv,
// managers, ...) are accepted and kept. Fields new in thoth (not in thamos): hardware.cpu_flags,
// libc {family, version}, libstdcxx_version, abi, python_implementation, supported_tags, only_binary.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.hpp"
#include "env/environment.hpp"

namespace thoth::env {

enum class RecommendationType { Latest, Stable, Testing, Performance, Security };
[[nodiscard]] std::string_view recommendation_type_name(RecommendationType type);  // "stable"

struct OperatingSystem {
  std::optional<std::string> name;     // "rhel", "ubuntu", "alpine", "darwin"
  std::optional<std::string> version;  // "8", "22.04"
  friend bool operator==(const OperatingSystem&, const OperatingSystem&) = default;
};

struct Hardware {
  std::optional<int> cpu_family;                       // CPUID family (6)
  std::optional<int> cpu_model;                        // CPUID model (94)
  std::optional<std::vector<std::string>> cpu_flags;   // "avx2", ...
  std::optional<std::string> gpu_model;                // free text
  friend bool operator==(const Hardware&, const Hardware&) = default;
};

struct Libc {
  std::optional<std::string> family;   // "glibc" | "musl"
  std::optional<std::string> version;  // "2.35", "1.2"
  friend bool operator==(const Libc&, const Libc&) = default;
};

struct RuntimeEnvironment {
  std::optional<std::string> name;
  OperatingSystem operating_system;
  std::optional<std::string> python_version;         // "3.11" (X.Y or X.Y.Z)
  std::optional<std::string> python_implementation;  // "cpython" (default when absent)
  std::optional<std::string> platform;               // sysconfig.get_platform(): "linux-x86_64"
  Hardware hardware;
  std::optional<std::string> cuda_version, cudnn_version, mkl_version, openblas_version, openmpi_version;
  std::optional<std::string> base_image;
  std::map<std::string, std::string> labels;
  std::optional<RecommendationType> recommendation_type;
  Libc libc;
  std::optional<std::string> libstdcxx_version;       // "12.1.0" or "6.0.30"
  std::optional<std::vector<std::string>> abi;        // provided ELF symbol versions
  std::optional<std::vector<std::string>> supported_tags;  // explicit wheel tags, best first
  std::optional<std::vector<std::string>> only_binary;     // pip's --only-binary: ":all:" or package names
  int line = 0;                                       // 1-based line in the file; 0 = not from a file
  friend bool operator==(const RuntimeEnvironment&, const RuntimeEnvironment&) = default;
};

struct ThothConfig {
  std::vector<RuntimeEnvironment> runtime_environments;
  // `prescriptions:` folders of Thoth prescriptions for advise (thoth's key; relative to the file).
  // Also kept in other_keys, so rewriting the file keeps it as written.
  std::vector<std::string> prescriptions;
  // Other top-level keys in file order, each with its value re-emitted as YAML text.
  std::vector<std::pair<std::string, std::string>> other_keys;
};

// Error (location "file:line") on YAML syntax errors, unknown runtime-environment keys, wrong types.
[[nodiscard]] Result<ThothConfig> parse_thoth_config(std::string_view yaml_text, const std::string& file_name);

// The environment called `name`, or the first one when `name` is empty. Error when absent.
[[nodiscard]] Result<RuntimeEnvironment> select_runtime_environment(const ThothConfig& config, const std::string& name);

// The resolver's target: python_version X.Y[.Z], platform, implementation, libc, libstdc++, ABI
// symbols, supported tags, only_binary (names canonicalised), CUDA/cuDNN, CPU flags, GPU. Unknown
// fields keep TargetEnvironment's defaults. Throws InputError (naming `where`) when python_version is not X.Y or X.Y.Z.
[[nodiscard]] TargetEnvironment to_target_environment(const RuntimeEnvironment& runtime, const std::string& where = ".thoth.yaml");

// Writes the fields `detected` knows (non-empty optionals, non-empty labels) into the environment
// named `name` (or the first one; a new one named detected.name or "default" when the file has none)
// and returns the new YAML text. Kept: every other key and value, key order, quoting and flow/block
// style of each node, and the comment lines at the top of the file. Lost (yaml-cpp keeps no
// comments in its node tree): comments after the first key. Error when the text is not valid YAML,
// is not a map, `name` is not found, or the result would not read back with parse_thoth_config.
[[nodiscard]] Result<std::string> merge_into_existing(std::string_view yaml_text, const RuntimeEnvironment& detected,
                                                      const std::string& name = "");

// YAML text of a new .thoth.yaml holding only `runtime` (for a project without one).
[[nodiscard]] std::string new_thoth_config(const RuntimeEnvironment& runtime);

}  // namespace thoth::env
