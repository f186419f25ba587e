// `thoth config`: describe the machine the code will run on and record it in `.thoth.yaml`
// (thamos `config`, thoth.md §3.7). Detection reads files below --root (env/detect.hpp), prints
// what it found, what it did not and where it looked, then merges the found fields into the
// selected runtime environment (env/thoth_config.hpp) and replaces the file atomically.
// Exit codes (base/error.hpp): 0 done, 2 usage error or an invalid .thoth.yaml.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "env/detect.hpp"
#include "env/thoth_config.hpp"

namespace thoth::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: thoth config [--root DIR] [--file .thoth.yaml] [--runtime-environment NAME] [--dry-run] [--json]";

constexpr const char* kExamples = R"(
Detects the operating system, CPU, libc, libstdc++, Python, GPU, CUDA and cuDNN from files below
DIR, prints what was found and what was not (with the paths it looked at), and writes the found
fields into the runtime environment of .thoth.yaml (the first one unless --runtime-environment
names another). Every other key of the file is kept; see docs/environment.md.

examples:
  thoth config                               # this machine, update ./.thoth.yaml
  thoth config --dry-run                     # only show the report and the new file
  thoth config --root /mnt/image --runtime-environment ubi9 --file deploy/.thoth.yaml
  thoth config --json --dry-run > machine.json

exit codes: 0 done, 2 usage error or invalid .thoth.yaml
)";

struct ConfigOptions {
  fs::path root = "/";
  fs::path file = ".thoth.yaml";
  std::string runtime_environment;
  bool dry_run = false;
  bool json = false;
};

po::options_description visible_options() {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")
      ("root", po::value<std::string>()->default_value("/"), "folder to detect (a host or an unpacked image)")
      ("file", po::value<std::string>()->default_value(".thoth.yaml"), "configuration file to update")
      ("runtime-environment,r", po::value<std::string>(), "runtime environment to update (default: the first)")
      ("dry-run", "detect and print, but do not write the file")
      ("json", "print a JSON report");
  return options;
}

int usage_error(const std::string& message) {
  std::cerr << "error: " << message << "\n\n" << kUsage << "\n(see `thoth config --help`)\n";
  return static_cast<int>(ExitCode::BadInput);
}

int input_error(const Error& error) {
  std::cerr << "error: " << (error.location.empty() ? "" : error.location + ": ") << error.message << "\n";
  if (!error.hint.empty()) std::cerr << "\nhint: " << error.hint << "\n";
  return static_cast<int>(ExitCode::BadInput);
}

// The text of the configuration after merging, or an error (invalid existing file, unknown name).
Result<std::string> updated_config(const ConfigOptions& options, env::RuntimeEnvironment detected) {
  std::error_code error;
  if (!fs::exists(options.file, error)) {
    if (!options.runtime_environment.empty()) detected.name = options.runtime_environment;
    return env::new_thoth_config(detected);
  }
  std::string text = read_file(options.file);
  auto parsed = env::parse_thoth_config(text, options.file.generic_string());
  if (!parsed) return parsed.error();
  auto merged = env::merge_into_existing(text, detected, options.runtime_environment);
  // merge_into_existing never returns a text that does not read back (docs/robustness.md, fuzzing).
  if (!merged) return Error{merged.error().message, options.file.generic_string(), merged.error().hint};
  return merged;
}

nlohmann::json optional_json(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json environment_json(const env::RuntimeEnvironment& runtime) {
  const auto& hw = runtime.hardware;
  return {{"operating_system", {{"name", optional_json(runtime.operating_system.name)},
                                {"version", optional_json(runtime.operating_system.version)}}},
          {"python_version", optional_json(runtime.python_version)},
          {"python_implementation", optional_json(runtime.python_implementation)},
          {"platform", optional_json(runtime.platform)},
          {"hardware", {{"cpu_family", hw.cpu_family ? nlohmann::json(*hw.cpu_family) : nlohmann::json(nullptr)},
                        {"cpu_model", hw.cpu_model ? nlohmann::json(*hw.cpu_model) : nlohmann::json(nullptr)},
                        {"cpu_flags", hw.cpu_flags ? nlohmann::json(*hw.cpu_flags) : nlohmann::json(nullptr)},
                        {"gpu_model", optional_json(hw.gpu_model)}}},
          {"libc", {{"family", optional_json(runtime.libc.family)}, {"version", optional_json(runtime.libc.version)}}},
          {"libstdcxx_version", optional_json(runtime.libstdcxx_version)},
          {"cuda_version", optional_json(runtime.cuda_version)},
          {"cudnn_version", optional_json(runtime.cudnn_version)}};
}

void print_text(const env::DetectionReport& report, const ConfigOptions& options) {
  std::cout << "detected below " << options.root.generic_string() << ":\n";
  for (const auto& finding : report.found)
    std::cout << "  " << finding.what << ": " << finding.value << "  [" << finding.source << "]\n";
  for (const auto& line : report.not_found) std::cout << "  " << line << "\n";
}

int run(const ConfigOptions& options) {
  env::DetectOptions detect;
  detect.root = options.root;
  env::DetectionReport report = env::detect_host(detect);
  auto text = updated_config(options, report.environment);
  if (!text) return input_error(text.error());
  if (!options.dry_run) write_file_atomically(options.file, *text);
  std::string file = options.file.generic_string();
  if (options.json) {
    nlohmann::json found = nlohmann::json::array();
    for (const auto& f : report.found) found.push_back({{"what", f.what}, {"value", f.value}, {"source", f.source}});
    nlohmann::json document{{"root", options.root.generic_string()}, {"found", found}, {"not_found", report.not_found},
                            {"environment", environment_json(report.environment)}, {"file", file},
                            {"written", !options.dry_run}};
    if (options.dry_run) document["new_file_text"] = *text;
    std::cout << document.dump(2) << "\n";
    return static_cast<int>(ExitCode::Success);
  }
  print_text(report, options);
  if (options.dry_run) std::cout << "\ndry run: " << file << " not written; it would read:\n\n" << *text;
  else std::cout << "\nupdated " << file << "\n";
  return static_cast<int>(ExitCode::Success);
}

}  // namespace

int config_command(const std::vector<std::string>& args) {
  po::variables_map values = parse_command_options(args, visible_options(), "thoth config");
  if (values.count("help") > 0) {
    std::cout << kUsage << "\n\n" << visible_options() << kExamples;
    return static_cast<int>(ExitCode::Success);
  }
  ConfigOptions options;
  options.root = values["root"].as<std::string>();
  options.file = values["file"].as<std::string>();
  if (values.count("runtime-environment") > 0) options.runtime_environment = values["runtime-environment"].as<std::string>();
  options.dry_run = values.count("dry-run") > 0;
  options.json = values.count("json") > 0;
  std::error_code error;
  if (!fs::is_directory(options.root, error))
    return usage_error("expected --root to be a folder, found `" + options.root.generic_string() + "`");
  return run(options);
}

}  // namespace thoth::cli
