// Entry point of the `thoth` executable: takes the global flags (--color, --quiet, --verbose, limits),
// dispatches to a command of the command table, and turns exceptions into the documented exit codes
// (0 success, 1 no lock / failures, 2 bad input or usage, 3 internal error).
#include <iostream>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "cli/command_table.hpp"
#include "cli/global_options.hpp"
#include "cli/terminal.hpp"
#include "cli/version.hpp"

namespace {

int dispatch(const std::string& command, const std::vector<std::string>& rest) {
  using namespace thoth::cli;
  for (const Command& entry : command_table())
    if (entry.name == command) return entry.run(rest);
  if (command == "--version" || command == "version") {
    std::cout << "thoth " << kThothVersion << "\n";
    return 0;
  }
  if (command == "--help" || command == "-h") {
    std::cout << usage_text();
    return 0;
  }
  std::cerr << styled(2, Tone::Error, "error:") << " unknown command `" << command
            << "`\n\nhint: run `thoth --help` for the list of commands\n";
  return static_cast<int>(thoth::ExitCode::BadInput);
}

int run(std::vector<std::string> args) {
  using namespace thoth::cli;
  take_global_flags(args);
  apply_global_options(args);  // the resource limits (--max-input-mb, --max-nesting, --max-universe)
  if (args.empty()) {
    std::cerr << usage_text();
    return static_cast<int>(thoth::ExitCode::BadInput);
  }
  std::string command = args.front();
  args.erase(args.begin());
  return dispatch(command, args);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace thoth::cli;
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const thoth::InputError& e) {
    std::cerr << styled(2, Tone::Error, "error:") << " " << e.what() << "\n";
    if (!e.error().hint.empty()) std::cerr << "\n" << styled(2, Tone::Info, "hint:") << " " << e.error().hint << "\n";
    return static_cast<int>(thoth::ExitCode::BadInput);
  } catch (const std::exception& e) {
    std::cerr << styled(2, Tone::Error, "error:") << " internal error: " << e.what()
              << "\n\nhint: this is a bug in thoth; please report it\n";
    return static_cast<int>(thoth::ExitCode::Internal);
  }
}
