// The command table, and help text capture for generated docs.
#include "cli/command_table.hpp"

#include <iostream>
#include <sstream>

#include "cli/commands.hpp"

namespace thoth::cli {

const std::vector<Command>& command_table() {
  static const std::vector<Command> kCommands{
      {"add", "add or update requirements in the Pipfile (creating it when missing)", add_command},
      {"remove", "remove packages from the Pipfile", remove_command},
      {"advise", "resolve a Pipfile, pyproject.toml or requirements file into a proven-optimal lock", advise_command},
      {"audit", "check a lock (Pipfile.lock, pylock.toml, requirements.txt): known advisories, a current Pipfile hash", audit_command},
      {"config", "detect this host and write its runtime environment into .thoth.yaml", config_command},
      {"export", "write the lock as requirements.txt (with hashes), pylock.toml or Pipfile.lock", export_command},
      {"graph", "print the lock's dependency graph (tree, DOT or JSON)", graph_command},
      {"why", "show every path from the project's requirements to a package", why_command},
      {"fixtures", "run regression scenarios (`fixtures run PATH...`) and report pass/fail", fixtures_command},
      {"index", "write an index snapshot as a static simple-API tree (`index export SNAPSHOT DIR`)", index_command},
      {"prescriptions", "validate Thoth prescription folders (`prescriptions validate DIR...`)", prescriptions_command},
      {"bench", "time many requests against one index held in memory (for bench/, docs/benchmarks.md)", bench_command},
      {"help", "show help for a command, or the whole manual as a man page or Markdown", help_command},
      {"completion", "print a shell completion script (`completion bash` or `completion zsh`)", completion_command},
  };
  return kCommands;
}

std::string command_help(const Command& command) {
  std::ostringstream captured;
  std::streambuf* previous = std::cout.rdbuf(captured.rdbuf());
  try {
    command.run({"--help"});
  } catch (...) {
    std::cout.rdbuf(previous);
    throw;
  }
  std::cout.rdbuf(previous);
  return captured.str();
}

}  // namespace thoth::cli
