// Host detection for `thoth config` (detect.hpp). Thamos asked tools (lspci, nvcc, rpm, distro) and
// crashed on hosts without /proc/cpuinfo; we read plain files below a root folder, report each
// missing source and carry on, so the same code describes this machine, a container image
// unpacked into a folder, or the fake hosts the tests build.
#include "env/detect.hpp"

#include <sys/utsname.h>

#include <algorithm>
#include <array>
#include <regex>
#include <set>

#include "env/detect_probe.hpp"
#include "env/dotted_numbers.hpp"

namespace thoth::env {
namespace detail {

// ---- operating system ----

std::optional<std::string> plist_product_version(const std::string& text) {
  std::smatch match;
  static const std::regex pattern(R"(<key>ProductVersion</key>\s*<string>([^<]+)</string>)");
  if (!std::regex_search(text, match, pattern)) return std::nullopt;
  return match[1].str();
}

void detect_os(Probe& probe) {
  for (const std::string path : {"/etc/os-release", "/usr/lib/os-release"}) {
    auto text = probe.read(path);
    if (!text) continue;
    OperatingSystem os = parse_os_release(*text);
    if (!os.name) continue;
    probe.environment().operating_system = os;
    probe.found("operating system", *os.name + " " + os.version.value_or("(no VERSION_ID)"), path);
    return;
  }
  const std::string plist = "/System/Library/CoreServices/SystemVersion.plist";
  if (auto text = probe.read(plist); text && plist_product_version(*text)) {
    probe.macos = true;
    probe.environment().operating_system = {"macos", plist_product_version(*text)};
    probe.found("operating system", "macos " + *plist_product_version(*text), plist);
    return;
  }
  probe.missing("operating system", "/etc/os-release, /usr/lib/os-release, " + plist);
}

// ---- CPU, libc, libstdc++, architecture ----

void detect_cpu(Probe& probe) {
  auto text = probe.read("/proc/cpuinfo");
  if (!text) return probe.missing("CPU", "/proc/cpuinfo");
  CpuInfo cpu = parse_cpuinfo(*text);
  Hardware& hardware = probe.environment().hardware;
  hardware.cpu_family = cpu.family;
  hardware.cpu_model = cpu.model;
  if (!cpu.flags.empty()) hardware.cpu_flags = cpu.flags;
  probe.cpuinfo_arch = cpu.arch;
  std::string value = "family " + (cpu.family ? std::to_string(*cpu.family) : "?") + ", model " +
                      (cpu.model ? std::to_string(*cpu.model) : "?") + ", " + std::to_string(cpu.flags.size()) + " flags";
  probe.found("CPU", value, "/proc/cpuinfo");
}

std::optional<std::string> apk_musl_version(Probe& probe) {
  auto text = probe.read("/lib/apk/db/installed");
  if (!text) return std::nullopt;
  auto at = text->find("\nP:musl\n");
  if (text->starts_with("P:musl\n")) at = 0;
  if (at == std::string::npos) return std::nullopt;
  auto version = text->find("V:", at);
  if (version == std::string::npos) return std::nullopt;
  auto numbers = detail::leading_numbers(std::string_view(*text).substr(version + 2), 2);
  if (!numbers) return std::nullopt;
  std::string result;
  for (int n : *numbers) result += (result.empty() ? "" : ".") + std::to_string(n);
  return result;
}

bool detect_musl(Probe& probe) {
  static const std::regex loader(R"(ld-musl-(.+)\.so\.1)");
  for (const auto& name : probe.list("/lib")) {
    std::smatch match;
    if (!std::regex_match(name, match, loader)) continue;
    if (probe.arch.empty()) probe.arch = match[1].str();
    Libc& libc = probe.environment().libc;
    libc.family = "musl";
    libc.version = apk_musl_version(probe);
    probe.found("libc", "musl " + libc.version.value_or("(version unknown)"), "/lib/" + name);
    if (!libc.version) probe.missing("musl version", "/lib/apk/db/installed");
    return true;
  }
  return false;
}

// "2.17" from libc-2.17.so / ld-2.17.so, or from "release version 2.36." inside libc.so.6.
std::optional<std::pair<std::string, std::string>> glibc_version(Probe& probe, bool& libc_seen) {
  static const std::regex old_name(R"((?:libc|ld)-(\d+\.\d+)\.so)");
  static const std::regex banner(R"(release version (\d+\.\d+))");
  for (const auto& dir : probe.library_dirs()) {
    for (const auto& name : probe.list(dir)) {
      std::smatch match;
      if (std::regex_match(name, match, old_name)) return std::pair{match[1].str(), dir + "/" + name};
      if (name != "libc.so.6") continue;
      libc_seen = true;
      auto text = probe.read(dir + "/" + name);
      if (text && std::regex_search(*text, match, banner)) return std::pair{match[1].str(), dir + "/" + name};
    }
  }
  return std::nullopt;
}

void detect_libc(Probe& probe) {
  if (detect_musl(probe)) return;
  bool libc_seen = false;
  auto glibc = glibc_version(probe, libc_seen);
  if (glibc) {
    probe.environment().libc = {"glibc", glibc->first};
    return probe.found("libc", "glibc " + glibc->first, glibc->second);
  }
  if (libc_seen) {
    probe.environment().libc.family = "glibc";
    probe.found("libc", "glibc (version unknown)", "libc.so.6");
    return probe.missing("glibc version", "libc.so.6 has no \"release version\" text");
  }
  probe.missing("libc", "/lib*/[<multiarch>/]libc.so.6, libc-X.Y.so, /lib/ld-musl-*.so.1");
}

void detect_libstdcxx(Probe& probe) {
  static const std::regex library(R"(libstdc\+\+\.so\.(6\.0\.\d+))");
  for (const auto& dir : probe.library_dirs()) {
    for (const auto& name : probe.list(dir)) {
      std::smatch match;
      if (!std::regex_match(name, match, library)) continue;
      probe.environment().libstdcxx_version = match[1].str();
      return probe.found("libstdc++", match[1].str(), dir + "/" + name);
    }
  }
  probe.missing("libstdc++", "/lib*/[<multiarch>/]libstdc++.so.6.0.N");
}

std::string arch_from_loaders(Probe& probe) {
  const std::array<std::pair<const char*, const char*>, 4> loaders{{{"/lib64/ld-linux-x86-64.so.2", "x86_64"},
                                                                    {"/lib/ld-linux-aarch64.so.1", "aarch64"},
                                                                    {"/lib/ld-linux-armhf.so.3", "armv7l"},
                                                                    {"/lib64/ld64.so.2", "ppc64le"}}};
  for (const auto& [path, arch] : loaders)
    if (probe.exists(path)) return arch;
  for (const std::string base : {"/lib", "/usr/lib"})
    for (const auto& name : probe.list(base))
      if (auto dash = name.find("-linux-gnu"); dash != std::string::npos) return name.substr(0, dash);
  return "";
}

void detect_arch(Probe& probe) {
  if (probe.real_root()) {
    utsname names{};
    if (::uname(&names) == 0) probe.arch = names.machine;
    if (!probe.arch.empty()) return probe.found("architecture", probe.arch, "uname");
  }
  std::string source = "ld-musl loader name";
  if (probe.arch.empty()) {
    probe.arch = arch_from_loaders(probe);
    source = "loader or multiarch folder names";
  }
  if (probe.arch.empty()) {
    probe.arch = probe.cpuinfo_arch;
    source = "/proc/cpuinfo flags";
  }
  if (probe.arch.empty() && probe.interpreter_platform.find('-') != std::string::npos) {
    probe.arch = probe.interpreter_platform.substr(probe.interpreter_platform.rfind('-') + 1);
    source = "sysconfig.get_platform()";
  }
  if (probe.arch.empty()) return probe.missing("architecture", "uname (only for root /), /lib*/ld-*.so.*, /proc/cpuinfo, Python platform");
  probe.found("architecture", probe.arch, source);
}

}  // namespace detail

DetectionReport detect_host(const DetectOptions& options) {
  detail::Probe probe(options);
  using namespace detail;
  using Step = void (*)(Probe&);
  const std::array<std::pair<const char*, Step>, 8> steps{{{"operating system", detect_os}, {"CPU", detect_cpu},
                                                          {"libc", detect_libc}, {"libstdc++", detect_libstdcxx},
                                                          {"Python", detect_python}, {"architecture", detect_arch},
                                                          {"platform", detect_platform},
                                                          {"GPU, CUDA, cuDNN", detect_accelerators}}};
  for (const auto& [what, step] : steps) {
    try {
      step(probe);
    } catch (const std::exception& error) {  // a detector must never stop the others
      probe.missing(what, std::string("error: ") + error.what());
    }
  }
  return probe.take();
}

}  // namespace thoth::env
