// `thoth fixtures run PATH... [--json]`: runs regression scenarios (docs/fixtures.md) and prints one
// line per scenario plus a closing `N passed, N failed` line, or a JSON report. Exit codes follow
// base/error.hpp: 0 all passed, 1 some failed (invalid scenarios count as failed), 2 usage errors.
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "fixtures/runner/runner.hpp"

namespace thoth::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* kUsage = "usage: thoth fixtures run PATH... [--json]";

constexpr const char* kExamples = R"(
Runs each scenario (*.yaml, recursively below each folder): resolves it, compares the outcome with the
scenario's `expect`, and re-checks every lock with the independent verifier.

examples:
  thoth fixtures run fixtures/scenarios
  thoth fixtures run fixtures/scenarios/pep440 fixtures/scenarios/unsat/conflicting-roots.yaml
  thoth fixtures run fixtures/scenarios --json > report.json

exit codes: 0 all passed, 1 some scenario failed or is invalid, 2 usage error (e.g. a missing path)
)";

po::options_description visible_options() {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("json", "print a JSON report instead of text lines");
  return options;
}

void print_help() { std::cout << kUsage << "\n\n" << visible_options() << kExamples; }

int usage_error(const std::string& message) {
  std::cerr << "error: " << message << "\n\n" << kUsage << "\n(see `thoth fixtures run --help`)\n";
  return static_cast<int>(ExitCode::BadInput);
}

std::string text_line(const fixtures::ScenarioReport& report) {
  std::string path = report.path.generic_string();
  if (report.status == fixtures::ScenarioStatus::Passed) {
    return "PASS " + path + " (" + std::to_string(static_cast<long long>(report.milliseconds + 0.5)) + " ms)";
  }
  std::string reason;
  for (const auto& failure : report.failures) reason += (reason.empty() ? "" : "; ") + failure;
  if (report.status == fixtures::ScenarioStatus::Error) reason = "invalid scenario: " + reason;
  return "FAIL " + path + ": " + reason;
}

int run_all(const std::vector<fs::path>& scenarios, bool json) {
  std::size_t passed = 0;
  nlohmann::json reports = nlohmann::json::array();
  for (const auto& path : scenarios) {
    fixtures::ScenarioReport report = fixtures::run_scenario(path);
    if (report.status == fixtures::ScenarioStatus::Passed) ++passed;
    if (json)
      reports.push_back(fixtures::report_to_json(report));
    else
      std::cout << text_line(report) << std::endl;
  }
  std::size_t failed = scenarios.size() - passed;
  if (json) {
    nlohmann::json document{
        {"scenarios", reports}, {"passed", passed}, {"failed", failed}, {"total", scenarios.size()}};
    std::cout << document.dump(2) << "\n";
  } else {
    std::cout << passed << " passed, " << failed << " failed\n";
  }
  return static_cast<int>(failed == 0 ? ExitCode::Success : ExitCode::NoSolution);
}

}  // namespace

int fixtures_command(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    print_help();
    return static_cast<int>(ExitCode::Success);
  }
  if (args.empty() || args[0] != "run") {
    return usage_error("expected the subcommand `run`, found " +
                       (args.empty() ? std::string("nothing") : "`" + args[0] + "`"));
  }
  po::options_description all = visible_options();
  all.add_options()("path", po::value<std::vector<std::string>>()->multitoken(), "scenario files or folders");
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map values =
      parse_command_options({args.begin() + 1, args.end()}, all, "thoth fixtures run", positional);
  if (values.count("help") > 0) {
    print_help();
    return static_cast<int>(ExitCode::Success);
  }
  if (values.count("path") == 0) return usage_error("expected at least one scenario file or folder, found none");
  std::vector<fs::path> paths;
  for (const auto& path : values["path"].as<std::vector<std::string>>()) paths.emplace_back(path);
  try {
    return run_all(fixtures::collect_scenarios(paths), values.count("json") > 0);
  } catch (const InputError& error) {
    return usage_error(error.what());
  }
}

}  // namespace thoth::cli
