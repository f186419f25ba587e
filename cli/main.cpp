// Entry point of the `thoth` executable: dispatches to a subcommand and turns exceptions into the
// documented exit codes (0 success, 1 no lock / failures, 2 bad input or usage, 3 internal error).
#include <iostream>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/global_options.hpp"
#include "cli/version.hpp"

namespace {

constexpr const char* kUsage = R"(thoth: a deterministic, complete and optimal Python dependency resolver

Usage: thoth <command> [options]

Commands:
  advise         resolve a Pipfile into a proven-optimal Pipfile.lock
  config         detect this host and write its runtime environment into .thoth.yaml
  fixtures run   run regression scenarios (*.yaml) and report pass/fail
  prescriptions  validate Thoth prescription folders

Run `thoth <command> --help` for the options of a command.

Exit codes (every command):
  0  success (locked, all scenarios passed)
  1  no lock exists, or a scenario / check failed
  2  bad input or usage (the message names the file and location)
  3  internal error (a bug: please report it)
)";

int dispatch(const std::string& command, const std::vector<std::string>& rest) {
  using namespace thoth::cli;
  if (command == "advise") return advise_command(rest);
  if (command == "config") return config_command(rest);
  if (command == "fixtures") return fixtures_command(rest);
  if (command == "prescriptions") return prescriptions_command(rest);
  if (command == "--version" || command == "version") {
    std::cout << "thoth " << kThothVersion << "\n";
    return 0;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage << "\n" << thoth::cli::global_options_help();
    return 0;
  }
  std::cerr << "error: unknown command `" << command << "`\n\nhint: run `thoth --help` for the list of commands\n";
  return static_cast<int>(thoth::ExitCode::BadInput);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return static_cast<int>(thoth::ExitCode::BadInput);
  }
  std::vector<std::string> rest(argv + 1, argv + argc);
  try {
    thoth::cli::apply_global_options(rest);  // the limits may come before the command too
    if (rest.empty()) {
      std::cerr << kUsage;
      return static_cast<int>(thoth::ExitCode::BadInput);
    }
    std::string command = rest.front();
    rest.erase(rest.begin());
    return dispatch(command, rest);
  } catch (const thoth::InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    if (!e.error().hint.empty()) std::cerr << "\nhint: " << e.error().hint << "\n";
    return static_cast<int>(thoth::ExitCode::BadInput);
  } catch (const std::exception& e) {
    std::cerr << "error: internal error: " << e.what() << "\n\nhint: this is a bug in thoth; please report it\n";
    return static_cast<int>(thoth::ExitCode::Internal);
  }
}
