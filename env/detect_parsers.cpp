// Text parsers for the files host detection reads (detect.hpp). Each takes the file's text and
// returns what it can find; none of them touches the file system, so tests feed them strings.
#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "env/detect.hpp"
#include "env/dotted_numbers.hpp"

namespace thoth::env {
namespace {

std::string trim(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// os-release values may be quoted: ID="rhel".
std::string unquote(std::string value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
    return value.substr(1, value.size() - 2);
  return value;
}

std::optional<int> small_number(const std::string& text) {
  if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoi(text);
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream stream(text);
  std::string word;
  while (stream >> word) result.push_back(word);
  return result;
}

std::string major_minor(const std::vector<int>& numbers) {
  return std::to_string(numbers[0]) + "." + std::to_string(numbers.size() > 1 ? numbers[1] : 0);
}

}  // namespace

OperatingSystem parse_os_release(std::string_view text) {
  OperatingSystem os;
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    auto equals = line.find('=');
    if (equals == std::string::npos) continue;
    std::string key = trim(line.substr(0, equals));
    std::string value = unquote(trim(line.substr(equals + 1)));
    if (key == "ID" && !value.empty()) os.name = value;
    if (key == "VERSION_ID" && !value.empty()) os.version = value;
  }
  return os;
}

CpuInfo parse_cpuinfo(std::string_view text) {
  CpuInfo info;
  std::istringstream lines{std::string(text)};
  std::string line;
  bool seen_processor = false;
  while (std::getline(lines, line)) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = trim(line.substr(0, colon));
    std::string value = trim(line.substr(colon + 1));
    if (key == "processor") {
      if (seen_processor) break;  // the first processor describes them all
      seen_processor = true;
    }
    if (key == "cpu family") info.family = small_number(value);
    else if (key == "model") info.model = small_number(value);
    else if ((key == "flags" || key == "Features") && info.flags.empty()) info.flags = words(value);
    else if (key == "CPU architecture" && value == "8") info.arch = "aarch64";
  }
  std::sort(info.flags.begin(), info.flags.end());
  info.flags.erase(std::unique(info.flags.begin(), info.flags.end()), info.flags.end());
  auto has = [&](const char* flag) { return std::binary_search(info.flags.begin(), info.flags.end(), std::string(flag)); };
  if (info.arch.empty() && has("lm")) info.arch = "x86_64";
  if (info.arch.empty() && has("asimd")) info.arch = "aarch64";
  return info;
}

std::optional<std::string> parse_cuda_version_json(std::string_view text) {
  auto document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return std::nullopt;
  auto cuda = document.find("cuda");
  if (cuda == document.end() || !cuda->is_object() || !cuda->contains("version") || !(*cuda)["version"].is_string())
    return std::nullopt;
  auto numbers = detail::leading_numbers((*cuda)["version"].get<std::string>(), 2);
  if (!numbers) return std::nullopt;
  return major_minor(*numbers);
}

std::optional<std::string> parse_cuda_version_txt(std::string_view text) {
  // "CUDA Version 10.2.89"
  auto at = text.find("CUDA Version ");
  if (at == std::string_view::npos) return std::nullopt;
  auto numbers = detail::leading_numbers(text.substr(at + 13), 2);
  if (!numbers) return std::nullopt;
  return major_minor(*numbers);
}

std::optional<std::string> parse_cudnn_header(std::string_view text) {
  std::optional<int> parts[3];
  const char* names[3] = {"CUDNN_MAJOR", "CUDNN_MINOR", "CUDNN_PATCHLEVEL"};
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> tokens = words(line);
    if (tokens.size() < 3 || tokens[0] != "#define") continue;
    for (int i = 0; i < 3; ++i)
      if (tokens[1] == names[i]) parts[i] = small_number(tokens[2]);
  }
  if (!parts[0] || !parts[1]) return std::nullopt;
  std::string version = std::to_string(*parts[0]) + "." + std::to_string(*parts[1]);
  return parts[2] ? version + "." + std::to_string(*parts[2]) : version;
}

std::optional<std::string> parse_nvidia_gpu_model(std::string_view text) {
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.starts_with("Model:")) continue;
    std::string model = trim(line.substr(6));
    if (!model.empty()) return model;
  }
  return std::nullopt;
}

std::optional<InterpreterReport> parse_interpreter_report(std::string_view text) {
  std::istringstream lines{std::string(text)};
  InterpreterReport report;
  if (!std::getline(lines, report.implementation) || !std::getline(lines, report.version) ||
      !std::getline(lines, report.platform))
    return std::nullopt;
  report = {trim(report.implementation), trim(report.version), trim(report.platform)};
  if (report.implementation.empty() || !detail::leading_numbers(report.version, 2)) return std::nullopt;
  return report;
}

}  // namespace thoth::env
