// The subcommands of `thoth`. Each takes the arguments after the subcommand name (args[0] is the
// first option), parses them with Boost.Program_options, and returns an exit code (base/error.hpp
// ExitCode). Only cli/ prints, reads user files and chooses exit codes.
#pragma once

#include <string>
#include <vector>

namespace thoth::cli {

int advise_command(const std::vector<std::string>& args);
int audit_command(const std::vector<std::string>& args);  // `thoth audit [Pipfile.lock] [--json]`
int fixtures_command(const std::vector<std::string>& args);  // `thoth fixtures run PATH... [--json]`
int prescriptions_command(const std::vector<std::string>& args);  // `thoth prescriptions validate DIR...`
int index_command(const std::vector<std::string>& args);  // `thoth index export SNAPSHOT DIR`
int export_command(const std::vector<std::string>& args);  // `thoth export --format requirements|pylock|pipfile-lock`
int graph_command(const std::vector<std::string>& args);   // `thoth graph [--format tree|dot|json]`
int why_command(const std::vector<std::string>& args);     // `thoth why PACKAGE`
int add_command(const std::vector<std::string>& args);     // `thoth add REQUIREMENT...`
int remove_command(const std::vector<std::string>& args);  // `thoth remove NAME...`
int config_command(const std::vector<std::string>& args);  // `thoth config [--root DIR] [--file F] [--dry-run]`
int bench_command(const std::vector<std::string>& args);  // `thoth bench --index F --requests F` (bench/)

}  // namespace thoth::cli
