// Detecting the machine thoth runs on (or any file tree shaped like one), for `thoth config`.
//
//   DetectionReport report = detect_host({.root = "/"});
//   report.environment      // a RuntimeEnvironment holding only what was found
//   report.found            // {"CPU", "family 6, model 94", "/proc/cpuinfo"}, ...
//   report.not_found        // "not found: CUDA (/usr/local/cuda/version.json, /usr/local/cuda/version.txt)"
//
// Sources, all read below `root` (thamos ran lspci/nvcc/rpm; we read files, so a container image
// unpacked in a folder can be described too):
//   OS        /etc/os-release (ID, VERSION_ID); macOS /System/Library/CoreServices/SystemVersion.plist
//   CPU       /proc/cpuinfo (cpu family, model, flags / Features)
//   libc      glibc: lib*/[<multiarch>/]libc-X.Y.so or ld-X.Y.so names, else the version string
//             inside libc.so.6; musl: lib/ld-musl-<arch>.so.1 (+ version from lib/apk/db/installed)
//   libstdc++ lib*/[<multiarch>/]libstdc++.so.6.0.N (library version "6.0.N")
//   arch      uname() when root is "/", else ld-linux/ld-musl names, multiarch folders, cpuinfo
//   Python    `python3` (run only when root is "/"), or an injected report; in other roots the
//             usr/bin/python3 link or usr/{local/,}bin/python3.N names give the version
//   GPU       /proc/driver/nvidia/gpus/*/information ("Model:")
//   CUDA      /usr/local/cuda/version.json or version.txt
//   cuDNN     /usr/include[/<multiarch>]/cudnn_version.h or cudnn.h, /usr/local/cuda/include/...
// Every missing source becomes one `not_found` line and detection carries on; it never throws.
// Paths in the report are shown relative to the root ("/proc/cpuinfo"), so reports are stable.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "env/thoth_config.hpp"

namespace thoth::env {

// What a Python interpreter says about itself.
struct InterpreterReport {
  std::string implementation;  // sys.implementation.name: "cpython"
  std::string version;         // platform.python_version(): "3.11.2"
  std::string platform;        // sysconfig.get_platform(): "linux-x86_64"
};

struct DetectOptions {
  std::filesystem::path root = "/";
  std::optional<InterpreterReport> interpreter;  // when set, no interpreter is run
};

struct Finding {
  std::string what;    // "CPU", "CUDA", ...
  std::string value;   // "family 6, model 94, 104 flags"
  std::string source;  // "/proc/cpuinfo"
};

struct DetectionReport {
  RuntimeEnvironment environment;      // detected fields only; everything else stays empty
  std::vector<Finding> found;          // in detection order
  std::vector<std::string> not_found;  // "not found: <what> (<paths>)"
};

[[nodiscard]] DetectionReport detect_host(const DetectOptions& options);

// Pure parsers of the individual sources (exposed for tests).
[[nodiscard]] OperatingSystem parse_os_release(std::string_view text);
struct CpuInfo {
  std::optional<int> family, model;
  std::vector<std::string> flags;  // sorted
  std::string arch;                // guessed: "x86_64" (flag lm), "aarch64" (asimd / CPU architecture 8)
};
[[nodiscard]] CpuInfo parse_cpuinfo(std::string_view text);
[[nodiscard]] std::optional<std::string> parse_cuda_version_json(std::string_view text);  // "12.1"
[[nodiscard]] std::optional<std::string> parse_cuda_version_txt(std::string_view text);   // "10.2"
[[nodiscard]] std::optional<std::string> parse_cudnn_header(std::string_view text);       // "8.9.2"
[[nodiscard]] std::optional<std::string> parse_nvidia_gpu_model(std::string_view text);
[[nodiscard]] std::optional<InterpreterReport> parse_interpreter_report(std::string_view text);  // 3 lines

}  // namespace thoth::env
