// The table of thoth's commands: name, one-line summary and entry point. main.cpp dispatches from
// it, and `thoth help --man|--markdown` and `thoth completion bash|zsh` are generated from it and
// from each command's own --help text, so the man page, the CLI reference and shell completion can
// never drift from the code.
#pragma once

#include <string>
#include <vector>

namespace thoth::cli {

struct Command {
  std::string name;
  std::string summary;
  int (*run)(const std::vector<std::string>& args);
};

[[nodiscard]] const std::vector<Command>& command_table();

// What `thoth <name> --help` prints (stdout captured), for generated documentation.
[[nodiscard]] std::string command_help(const Command& command);

// The top-level usage: commands, global options, exit codes.
[[nodiscard]] std::string usage_text();

int help_command(const std::vector<std::string>& args);        // `thoth help [COMMAND] [--man|--markdown]`
int completion_command(const std::vector<std::string>& args);  // `thoth completion bash|zsh`

}  // namespace thoth::cli
