// Supported wheel tags of a target, ported from packaging 23.0 `tags.py`, `_manylinux.py` and
// `_musllinux.py` (PEP 425, PEP 600, PEP 656). The order matters: an installer picks the wheel
// whose tag comes first, so every loop below mirrors packaging's loop order exactly; the committed
// reference lists in tests/data/tags/ (tests/data/tags/generate.py) check it element by element.
#include "env/tags.hpp"

#include <map>

#include "env/dotted_numbers.hpp"

namespace thoth::env {
namespace {

std::string number_text(int major, int minor) { return std::to_string(major) + std::to_string(minor); }

// packaging's _LEGACY_MANYLINUX_MAP: glibc (2, minor) -> legacy manylinux alias.
const char* legacy_manylinux_alias(int major, int minor) {
  if (major != 2) return nullptr;
  if (minor == 17) return "manylinux2014";
  if (minor == 12) return "manylinux2010";
  if (minor == 5) return "manylinux1";
  return nullptr;
}

// packaging's _have_compatible_abi (armv7l/i686 are assumed to be the native ABI of the target).
bool manylinux_arch(const std::string& arch) {
  static const char* const known[] = {"x86_64", "i686", "aarch64", "ppc64", "ppc64le", "s390x", "armv7l"};
  for (const char* name : known)
    if (arch == name) return true;
  return false;
}

// packaging's _mac_binary_formats.
std::vector<std::string> mac_binary_formats(int major, int minor, const std::string& arch) {
  bool before_10_4 = major < 10 || (major == 10 && minor < 4);
  std::vector<std::string> formats{arch};
  if (arch == "x86_64" || arch == "i386") {
    if (before_10_4) return {};
    if (arch == "x86_64") formats.insert(formats.end(), {"intel", "fat64", "fat32"});
    else formats.insert(formats.end(), {"intel", "fat32", "fat"});
  } else if (arch == "ppc64") {
    bool after_10_5 = major > 10 || (major == 10 && minor > 5);
    if (after_10_5 || before_10_4) return {};
    formats.push_back("fat64");
  } else if (arch == "ppc") {
    if (major > 10 || (major == 10 && minor > 6)) return {};
    formats.insert(formats.end(), {"fat32", "fat"});
  }
  if (arch == "arm64" || arch == "x86_64") formats.push_back("universal2");
  if (arch == "x86_64" || arch == "i386" || arch == "ppc64" || arch == "ppc" || arch == "intel")
    formats.push_back("universal");
  return formats;
}

void append_mac(std::vector<std::string>& out, int major, int minor, const std::string& arch) {
  for (const auto& format : mac_binary_formats(major, minor, arch))
    out.push_back("macosx_" + std::to_string(major) + "_" + std::to_string(minor) + "_" + format);
}

// packaging's _py_interpreter_range: pyXY, py3, py3(Y-1) .. py30.
std::vector<std::string> py_interpreter_range(int python_minor) {
  std::vector<std::string> versions{"py3" + std::to_string(python_minor), "py3"};
  for (int minor = python_minor - 1; minor >= 0; --minor) versions.push_back("py3" + std::to_string(minor));
  return versions;
}

Error platform_error(const TargetEnvironment& env, const std::string& expected) {
  return Error{"expected " + expected + ", found `" + env.platform + "`", "target platform",
               "write the platform like linux-x86_64, macosx-11.0-arm64, win-amd64 or win32"};
}

Result<std::vector<std::string>> linux_platforms(const TargetEnvironment& env, const std::string& arch) {
  std::string family = env.libc_family.empty() ? "glibc" : env.libc_family;
  std::string version = env.libc_version.empty() ? std::string(kDefaultGlibcVersion) : env.libc_version;
  auto numbers = detail::leading_numbers(version, 2);
  if (!numbers)
    return Error{"expected a " + family + " version X.Y, found `" + version + "`", "target libc", ""};
  std::vector<std::string> platforms;
  if (family == "glibc") platforms = manylinux_platforms(arch, (*numbers)[0], (*numbers)[1]);
  else if (family == "musl") platforms = musllinux_platforms(arch, (*numbers)[0], (*numbers)[1]);
  else return Error{"expected libc family glibc or musl, found `" + family + "`", "target libc", ""};
  platforms.push_back("linux_" + arch);
  return platforms;
}

Result<std::vector<std::string>> macos_platforms(const TargetEnvironment& env) {
  // "macosx-11.0-arm64": version between the first and the last dash.
  auto first = env.platform.find('-');
  auto last = env.platform.rfind('-');
  if (first == last) return platform_error(env, "macosx-<version>-<arch>");
  auto numbers = detail::leading_numbers(env.platform.substr(first + 1, last - first - 1), 1);
  if (!numbers) return platform_error(env, "macosx-<version>-<arch>");
  int minor = numbers->size() > 1 ? (*numbers)[1] : 0;
  return mac_platforms((*numbers)[0], minor, env.platform.substr(last + 1));
}

std::string normalized_platform(const std::string& platform) {
  std::string normalized = platform;
  for (char& c : normalized)
    if (c == '-' || c == '.') c = '_';
  return normalized;
}

}  // namespace

std::vector<std::string> manylinux_platforms(const std::string& arch, int glibc_major, int glibc_minor) {
  std::vector<std::string> platforms;
  if (!manylinux_arch(arch) || glibc_major < 2) return platforms;
  // Oldest glibc: 2.5 on x86, 2.17 elsewhere (packaging's too_old_glibc2 is one below).
  int too_old_major = 2, too_old_minor = (arch == "x86_64" || arch == "i686") ? 4 : 16;
  std::vector<std::pair<int, int>> maxima{{glibc_major, glibc_minor}};
  for (int major = glibc_major - 1; major > 1; --major) maxima.emplace_back(major, 50);  // _LAST_GLIBC_MINOR
  for (auto [major, max_minor] : maxima) {
    int min_minor = major == too_old_major ? too_old_minor : -1;
    for (int minor = max_minor; minor > min_minor; --minor) {
      platforms.push_back("manylinux_" + std::to_string(major) + "_" + std::to_string(minor) + "_" + arch);
      if (const char* alias = legacy_manylinux_alias(major, minor)) platforms.push_back(std::string(alias) + "_" + arch);
    }
  }
  return platforms;
}

std::vector<std::string> musllinux_platforms(const std::string& arch, int musl_major, int musl_minor) {
  std::vector<std::string> platforms;
  for (int minor = musl_minor; minor >= 0; --minor)
    platforms.push_back("musllinux_" + std::to_string(musl_major) + "_" + std::to_string(minor) + "_" + arch);
  return platforms;
}

std::vector<std::string> mac_platforms(int macos_major, int macos_minor, const std::string& arch) {
  std::vector<std::string> platforms;
  if (macos_major == 10) {
    // Before macOS 11 each yearly release bumped the minor version.
    for (int minor = macos_minor; minor >= 0; --minor) append_mac(platforms, 10, minor, arch);
    return platforms;
  }
  if (macos_major < 11) return platforms;
  for (int major = macos_major; major > 10; --major) append_mac(platforms, major, 0, arch);
  // x86_64 runs binaries of older releases; arm64 only universal2 ones built for them.
  for (int minor = 16; minor > 3; --minor) {
    if (arch == "x86_64") append_mac(platforms, 10, minor, arch);
    else platforms.push_back("macosx_10_" + std::to_string(minor) + "_universal2");
  }
  return platforms;
}

std::vector<std::string> cpython_tags(int python_minor, const std::vector<std::string>& platforms) {
  std::string interpreter = "cp3" + std::to_string(python_minor);
  bool abi3 = python_minor >= 2;
  std::vector<std::string> tags;
  for (const auto& platform : platforms) tags.push_back(interpreter + "-" + interpreter + "-" + platform);
  if (abi3)
    for (const auto& platform : platforms) tags.push_back(interpreter + "-abi3-" + platform);
  for (const auto& platform : platforms) tags.push_back(interpreter + "-none-" + platform);
  if (!abi3) return tags;
  for (int minor = python_minor - 1; minor > 1; --minor)
    for (const auto& platform : platforms) tags.push_back("cp" + number_text(3, minor) + "-abi3-" + platform);
  return tags;
}

std::vector<std::string> compatible_tags(int python_minor, const std::string& interpreter,
                                         const std::vector<std::string>& platforms) {
  std::vector<std::string> tags;
  std::vector<std::string> versions = py_interpreter_range(python_minor);
  for (const auto& version : versions)
    for (const auto& platform : platforms) tags.push_back(version + "-none-" + platform);
  if (!interpreter.empty()) tags.push_back(interpreter + "-none-any");
  for (const auto& version : versions) tags.push_back(version + "-none-any");
  return tags;
}

Result<std::vector<std::string>> platform_tags(const TargetEnvironment& env) {
  const std::string& platform = env.platform;
  if (platform.starts_with("linux-")) {
    if (platform.size() == 6) return platform_error(env, "linux-<arch>");
    return linux_platforms(env, normalized_platform(platform.substr(6)));
  }
  if (platform.starts_with("macosx-")) return macos_platforms(env);
  if (platform == "win32" || platform.starts_with("win-")) return std::vector<std::string>{normalized_platform(platform)};
  if (platform.empty()) return platform_error(env, "a platform");
  return std::vector<std::string>{normalized_platform(platform)};  // packaging's _generic_platforms
}

Result<std::vector<std::string>> supported_tags(const TargetEnvironment& env) {
  if (!env.supported_tags.empty()) return env.supported_tags;
  if (env.implementation != "cpython")
    return Error{"expected implementation cpython, found `" + env.implementation + "`", "target environment",
                 "list the supported wheel tags explicitly (supported_tags in .thoth.yaml)"};
  auto python = detail::leading_numbers(env.python_version, 2);
  if (!python || (*python)[0] != 3)
    return Error{"expected a Python 3 version X.Y, found `" + env.python_version + "`", "target environment", ""};
  auto platforms = platform_tags(env);
  if (!platforms) return platforms.error();
  int minor = (*python)[1];
  std::vector<std::string> tags = cpython_tags(minor, *platforms);
  std::vector<std::string> compatible = compatible_tags(minor, "cp3" + std::to_string(minor), *platforms);
  tags.insert(tags.end(), compatible.begin(), compatible.end());
  return tags;
}

}  // namespace thoth::env
