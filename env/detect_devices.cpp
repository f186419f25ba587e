// Host detection, second half (detect.hpp): the Python interpreter, the resulting platform string,
// and the NVIDIA GPU / CUDA / cuDNN versions. The interpreter is only run for the real root "/";
// other roots (images, test fixtures) are described from file names alone.
#include <cstdio>
#include <regex>

#include "env/detect_probe.hpp"
#include "env/dotted_numbers.hpp"

namespace thoth::env::detail {

// ---- Python ----

// Prints implementation, version and platform, one per line (parse_interpreter_report).
constexpr const char* kInterpreterCommand =
    "python3 -c 'import platform, sys, sysconfig; print(sys.implementation.name); "
    "print(platform.python_version()); print(sysconfig.get_platform())' 2>/dev/null";

std::optional<InterpreterReport> run_interpreter() {
  FILE* pipe = ::popen(kInterpreterCommand, "r");
  if (pipe == nullptr) return std::nullopt;
  std::string output;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  ::pclose(pipe);
  return parse_interpreter_report(output);
}

// "3.11" from usr/bin/python3 -> python3.11, else the highest python3.N in usr/{local/,}bin.
std::optional<std::pair<std::string, std::string>> python_from_names(Probe& probe) {
  static const std::regex versioned(R"(python3\.(\d+))");
  std::smatch match;
  for (const std::string link : {"/usr/local/bin/python3", "/usr/bin/python3"}) {
    std::error_code error;
    std::string target = fs::read_symlink(probe.at(link), error).filename().string();
    if (!error && std::regex_match(target, match, versioned)) return std::pair{"3." + match[1].str(), link};
  }
  std::optional<std::pair<int, std::string>> best;
  for (const std::string dir : {"/usr/local/bin", "/usr/bin"})
    for (const auto& name : probe.list(dir))
      if (std::regex_match(name, match, versioned) && (!best || std::stoi(match[1].str()) > best->first))
        best = std::pair{std::stoi(match[1].str()), dir + "/" + name};
  if (!best) return std::nullopt;
  return std::pair{"3." + std::to_string(best->first), best->second};
}

std::string python_x_y(const std::string& version) {
  auto numbers = detail::leading_numbers(version, 2);
  return std::to_string((*numbers)[0]) + "." + std::to_string((*numbers)[1]);
}

void detect_python(Probe& probe) {
  std::optional<InterpreterReport> report = probe.options().interpreter;
  std::string source = "injected interpreter report";
  if (!report && probe.real_root()) {
    report = run_interpreter();
    source = "python3";
  }
  RuntimeEnvironment& environment = probe.environment();
  if (report) {
    environment.python_version = python_x_y(report->version);
    environment.python_implementation = report->implementation;
    probe.interpreter_platform = report->platform;
    return probe.found("Python", report->implementation + " " + report->version + " (" + report->platform + ")", source);
  }
  if (auto named = python_from_names(probe)) {
    environment.python_version = named->first;
    environment.python_implementation = "cpython";
    return probe.found("Python", "cpython " + named->first, named->second);
  }
  probe.missing("Python", probe.real_root() ? "python3 on PATH" : "/usr/bin/python3, /usr/{local/,}bin/python3.N");
}

// ---- platform ----

// macOS tags follow the running OS release (packaging's mac_platforms), so the platform string
// carries the OS version: 14.2 -> macosx-14.0-<arch>, 10.15 -> macosx-10.15-<arch>.
std::optional<std::string> macos_platform(Probe& probe) {
  auto numbers = detail::leading_numbers(probe.environment().operating_system.version.value_or(""), 1);
  if (!numbers || probe.arch.empty()) return std::nullopt;
  int major = (*numbers)[0];
  int minor = major == 10 && numbers->size() > 1 ? (*numbers)[1] : 0;
  return "macosx-" + std::to_string(major) + "." + std::to_string(minor) + "-" + probe.arch;
}

void detect_platform(Probe& probe) {
  std::optional<std::string> platform;
  std::string source;
  if (probe.macos) {
    platform = macos_platform(probe);
    source = "macOS version and architecture";
  } else if (!probe.arch.empty()) {
    platform = "linux-" + probe.arch;
    source = "architecture";
  } else if (!probe.interpreter_platform.empty()) {
    platform = probe.interpreter_platform;
    source = "sysconfig.get_platform()";
  }
  if (!platform) return probe.missing("platform", "needs the architecture");
  probe.environment().platform = platform;
  probe.found("platform", *platform, source);
}

// ---- GPU, CUDA, cuDNN ----

void detect_gpu(Probe& probe) {
  const std::string gpus = "/proc/driver/nvidia/gpus";
  for (const auto& bus : probe.list(gpus)) {
    std::string path = gpus + "/" + bus + "/information";
    auto text = probe.read(path);
    auto model = text ? parse_nvidia_gpu_model(*text) : std::nullopt;
    if (!model) continue;
    probe.environment().hardware.gpu_model = model;
    return probe.found("GPU", *model, path);
  }
  probe.missing("GPU", gpus + "/*/information");
}

void detect_cuda(Probe& probe) {
  const std::string json_path = "/usr/local/cuda/version.json", txt_path = "/usr/local/cuda/version.txt";
  std::optional<std::string> version;
  std::string source = json_path;
  if (auto text = probe.read(json_path)) version = parse_cuda_version_json(*text);
  if (!version) {
    source = txt_path;
    if (auto text = probe.read(txt_path)) version = parse_cuda_version_txt(*text);
  }
  if (!version) return probe.missing("CUDA", json_path + ", " + txt_path);
  probe.environment().cuda_version = version;
  probe.found("CUDA", *version, source);
}

void detect_cudnn(Probe& probe) {
  std::vector<std::string> dirs{"/usr/include", "/usr/local/cuda/include"};
  for (const auto& name : probe.list("/usr/include"))
    if (name.find("-linux-gnu") != std::string::npos) dirs.push_back("/usr/include/" + name);
  for (const auto& dir : dirs) {
    for (const std::string header : {"cudnn_version.h", "cudnn.h"}) {
      auto text = probe.read(dir + "/" + header);
      auto version = text ? parse_cudnn_header(*text) : std::nullopt;
      if (!version) continue;
      probe.environment().cudnn_version = version;
      return probe.found("cuDNN", *version, dir + "/" + header);
    }
  }
  probe.missing("cuDNN", "/usr/include[/<multiarch>]/cudnn_version.h, /usr/local/cuda/include/cudnn_version.h");
}

void detect_accelerators(Probe& probe) {
  detect_gpu(probe);
  detect_cuda(probe);
  detect_cudnn(probe);
}

}  // namespace thoth::env::detail
