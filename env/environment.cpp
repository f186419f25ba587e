// Marker environment of a target: derived from the Python version and the platform name the way
// CPython reports them (platform.system(), sys.platform, os.name, platform.machine()), so a lock can
// be computed for a machine other than the one thoth runs on. Explicit marker overrides win.
#include "env/environment.hpp"

#include <cctype>

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
  auto parsed = packaging::Version::parse(full_version(*this));
  THOTH_ASSERT(parsed.has_value(), "the target Python version was validated when it was set");
  return *parsed;
}

std::string TargetEnvironment::describe() const {
  std::string name = implementation == "cpython" ? "CPython" : implementation;
  return name + " " + full_version(*this) + " on " + platform;
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
