// The target environment a lock is resolved for: Python version, platform and the PEP 508 marker
// values derived from them. Defaults are documented in docs/cli.md; the Pipfile's [requires] and
// command-line flags override single fields.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "packaging/marker.hpp"
#include "packaging/version.hpp"

namespace thoth::env {

struct TargetEnvironment {
  std::string python_version = "3.12";      // X.Y
  std::string python_full_version;          // X.Y.Z; empty means X.Y.0
  std::string platform = "linux-x86_64";    // sysconfig.get_platform() form
  std::string implementation = "cpython";   // implementation_name
  std::map<std::string, std::string> marker_overrides;  // explicit marker values win

  // Machine details for wheel tags and binary compatibility (env/tags.hpp, env/abi.hpp,
  // docs/environment.md). Empty means "unknown"; .thoth.yaml and `thoth config` fill them.
  std::string libc_family;                  // "glibc" | "musl" | "" (unknown or not Linux)
  std::string libc_version;                 // "2.35" for glibc, "1.2" for musl
  std::string libstdcxx_version;            // GCC release "12.1.0" or library version "6.0.30"
  std::vector<std::string> abi_symbols;     // explicit provided ELF symbol versions; win over derived
  std::vector<std::string> supported_tags;  // explicit wheel tags, best first; win over derived
  std::string cuda_version;                 // "12.1"; empty = no CUDA
  std::string cudnn_version;                // "8.9.2"; empty = no cuDNN
  std::vector<std::string> cpu_flags;       // /proc/cpuinfo flags, e.g. "avx2"
  std::string gpu_model;                    // free text, e.g. "NVIDIA A100-SXM4-40GB"
  // pip's --only-binary: packages that must not be built from an sdist here (canonical names), or
  // ":all:" for every package. Empty: sdists are allowed everywhere.
  std::vector<std::string> only_binary;

  bool operator==(const TargetEnvironment&) const = default;

  // May `canonical_name` be installed from an sdist (built on the target)?
  [[nodiscard]] bool sdist_allowed(const std::string& canonical_name) const;

  // The complete PEP 508 marker environment (without "extra").
  [[nodiscard]] packaging::MarkerEnvironment marker_environment() const;
  // python_full_version as a Version, for requires_python checks.
  [[nodiscard]] packaging::Version python() const;
  [[nodiscard]] std::string describe() const;  // "CPython 3.12.0 on linux-x86_64"
  // The machine facts beyond describe(), comma-separated, "" when none are known:
  // "glibc 2.28, libstdc++ 8.1.0, CUDA 11.8, cuDNN 8.9.2, CPU flags avx avx2, only binaries: :all:".
  [[nodiscard]] std::string describe_details() const;
};

// Throws InputError when `version` is not X.Y or X.Y.Z.
void set_python_version(TargetEnvironment& env, const std::string& version, const std::string& where);

}  // namespace thoth::env
