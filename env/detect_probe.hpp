// Internal to env/: the file-tree view shared by the host detectors (detect.cpp,
// detect_devices.cpp). Paths are written as seen inside the root ("/proc/cpuinfo") and resolved
// below it; every read fails soft (nullopt / empty list), and findings are collected in a report.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "env/detect.hpp"

namespace thoth::env::detail {

namespace fs = std::filesystem;

inline constexpr std::size_t kReadLimit = 16 * 1024 * 1024;  // libc.so.6 is about 2 MB

class Probe {
 public:
  explicit Probe(const DetectOptions& options) : m_options(options) {}

  [[nodiscard]] bool real_root() const {
    std::error_code error;
    return fs::equivalent(m_options.root, "/", error);
  }
  [[nodiscard]] const DetectOptions& options() const { return m_options; }
  [[nodiscard]] fs::path at(const std::string& inside) const { return m_options.root / fs::path(inside).relative_path(); }

  // The file's text, up to kReadLimit bytes; read in chunks because /proc files report size 0.
  [[nodiscard]] std::optional<std::string> read(const std::string& inside) const {
    std::ifstream file(at(inside), std::ios::binary);
    if (!file) return std::nullopt;
    std::string text;
    char chunk[65536];
    while (text.size() < kReadLimit) {
      file.read(chunk, sizeof chunk);
      text.append(chunk, static_cast<std::size_t>(file.gcount()));
      if (!file) break;
    }
    return text;
  }
  [[nodiscard]] bool exists(const std::string& inside) const {
    std::error_code error;
    return fs::exists(at(inside), error);
  }
  // Sorted entry names of a folder below the root; empty when unreadable.
  [[nodiscard]] std::vector<std::string> list(const std::string& inside) const {
    std::vector<std::string> names;
    std::error_code error;
    for (fs::directory_iterator it(at(inside), error), end; !error && it != end; it.increment(error))
      names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  // lib, lib64, usr/lib, usr/lib64 and their multiarch folders (x86_64-linux-gnu, ...).
  [[nodiscard]] std::vector<std::string> library_dirs() const {
    std::vector<std::string> dirs;
    for (const std::string base : {"/lib", "/lib64", "/usr/lib", "/usr/lib64"}) {
      dirs.push_back(base);
      for (const auto& name : list(base))
        if (name.find("-linux-") != std::string::npos) dirs.push_back(base + "/" + name);
    }
    return dirs;
  }

  void found(std::string what, std::string value, std::string source) {
    m_report.found.push_back({std::move(what), std::move(value), std::move(source)});
  }
  void missing(const std::string& what, const std::string& where) {
    m_report.not_found.push_back("not found: " + what + " (" + where + ")");
  }
  RuntimeEnvironment& environment() { return m_report.environment; }
  DetectionReport take() { return std::move(m_report); }

  std::string arch;        // detected machine architecture
  std::string cpuinfo_arch;
  std::string interpreter_platform;  // sysconfig.get_platform() of the interpreter, if known
  bool macos = false;

 private:
  const DetectOptions& m_options;
  DetectionReport m_report;
};

// The individual detectors, in the order detect_host() runs them.
void detect_os(Probe& probe);
void detect_cpu(Probe& probe);
void detect_libc(Probe& probe);
void detect_libstdcxx(Probe& probe);
void detect_python(Probe& probe);
void detect_arch(Probe& probe);
void detect_platform(Probe& probe);
void detect_accelerators(Probe& probe);

}  // namespace thoth::env::detail
