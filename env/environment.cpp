// Marker environment of a target: derived from the Python version and the platform name the way
// CPython reports them (platform.system(), sys.platform, os.name, platform.machine()), so a lock can
// be computed for a machine other than the one thoth runs on. Explicit marker overrides win.
#include "env/environment.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/error.hpp"

namespace thoth::env {
namespace {

struct PlatformMarkers {
  std::string sys_platform, platform_system, os_name, platform_machine;
};

// "linux-x86_64" / "manylinux..." / "macosx-11.0-arm64" / "win-amd64" / "win32".
PlatformMarkers markers_for_platform(const std::string& platform) {
  auto machine_after_last_dash = [&]() {
    auto dash = platform.rfind('-');
    return dash == std::string::npos ? std::string("x86_64") : platform.substr(dash + 1);
  };
  if (platform.starts_with("macosx") || platform.starts_with("darwin"))
    return {"darwin", "Darwin", "posix", machine_after_last_dash()};
  if (platform == "win32") return {"win32", "Windows", "nt", "x86"};
  if (platform.starts_with("win")) {
    std::string machine = machine_after_last_dash();
    if (machine == "amd64") machine = "AMD64";
    if (machine == "arm64") machine = "ARM64";
    return {"win32", "Windows", "nt", machine};
  }
  if (platform.starts_with("freebsd")) return {"freebsd", "FreeBSD", "posix", machine_after_last_dash()};
  return {"linux", "Linux", "posix", machine_after_last_dash()};
}

bool is_dotted_numbers(const std::string& text, int min_parts, int max_parts) {
  int parts = 1;
  bool digit_seen = false;
  for (char c : text) {
    if (c == '.') {
      if (!digit_seen) return false;
      ++parts;
      digit_seen = false;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      digit_seen = true;
    } else {
      return false;
    }
  }
  return digit_seen && parts >= min_parts && parts <= max_parts;
}

std::string full_version(const TargetEnvironment& env) {
  return env.python_full_version.empty() ? env.python_version + ".0" : env.python_full_version;
}

}  // namespace

packaging::MarkerEnvironment TargetEnvironment::marker_environment() const {
  PlatformMarkers platform_markers = markers_for_platform(platform);
  std::string full = full_version(*this);
  bool cpython = implementation == "cpython";
  packaging::MarkerEnvironment env{
      {"implementation_name", implementation},
      {"implementation_version", full},
      {"os_name", platform_markers.os_name},
      {"platform_machine", platform_markers.platform_machine},
      {"platform_python_implementation", cpython ? "CPython" : (implementation == "pypy" ? "PyPy" : implementation)},
      {"platform_release", ""},
      {"platform_system", platform_markers.platform_system},
      {"platform_version", ""},
      {"python_full_version", full},
      {"python_version", python_version},
      {"sys_platform", platform_markers.sys_platform},
  };
  for (const auto& [name, value] : marker_overrides) env[name] = value;
  return env;
}

packaging::Version TargetEnvironment::python() const {
  // The last version parsed, per thread: every resolution asks for it, mostly of the same text.
  thread_local std::string last_text;
  thread_local std::optional<packaging::Version> last;
  std::string text = full_version(*this);
  if (last && text == last_text) return *last;
  auto parsed = packaging::Version::parse(text);
  THOTH_ASSERT(parsed.has_value(), "the target Python version was validated when it was set");
  last = *parsed;
  last_text = std::move(text);
  return *parsed;
}

bool TargetEnvironment::sdist_allowed(const std::string& canonical_name) const {
  return std::none_of(only_binary.begin(), only_binary.end(),
                      [&](const std::string& entry) { return entry == ":all:" || entry == canonical_name; });
}

std::string TargetEnvironment::describe() const {
  std::string name = implementation == "cpython" ? "CPython" : implementation;
  return name + " " + full_version(*this) + " on " + platform;
}

std::string TargetEnvironment::describe_details() const {
  std::vector<std::string> parts;
  auto joined = [](const std::vector<std::string>& items, const char* separator) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
    return text;
  };
  if (!libc_family.empty()) parts.push_back(libc_family + (libc_version.empty() ? "" : " " + libc_version));
  if (!libstdcxx_version.empty()) parts.push_back("libstdc++ " + libstdcxx_version);
  if (!abi_symbols.empty()) parts.push_back(std::to_string(abi_symbols.size()) + " ABI symbols");
  if (!supported_tags.empty()) parts.push_back(std::to_string(supported_tags.size()) + " explicit wheel tags");
  if (!cuda_version.empty()) parts.push_back("CUDA " + cuda_version);
  if (!cudnn_version.empty()) parts.push_back("cuDNN " + cudnn_version);
  if (!cpu_flags.empty()) parts.push_back("CPU flags " + joined(cpu_flags, " "));
  if (!gpu_model.empty()) parts.push_back("GPU " + gpu_model);
  if (!only_binary.empty()) parts.push_back("only binaries: " + joined(only_binary, " "));
  return joined(parts, ", ");
}

void set_python_version(TargetEnvironment& env, const std::string& version, const std::string& where) {
  if (!is_dotted_numbers(version, 2, 3))
    throw InputError("expected a Python version X.Y or X.Y.Z, found `" + version + "`", where,
                     "write it like 3.11 or 3.11.4");
  auto second_dot = version.find('.', version.find('.') + 1);
  if (second_dot == std::string::npos) {
    env.python_version = version;
    env.python_full_version.clear();
  } else {
    env.python_version = version.substr(0, second_dot);
    env.python_full_version = version;
  }
}

}  // namespace thoth::env
