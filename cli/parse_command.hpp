// The one way a command parses its arguments with Boost.Program_options: the command line first,
// then the THOTH_* variables of the options the command has (a flag wins over its variable;
// docs/configuration.md), then notify. A malformed argument is an InputError naming the command and
// pointing at its --help (exit code 2), identical for every command.
#pragma once

#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace thoth::cli {

[[nodiscard]] boost::program_options::variables_map parse_command_options(
    const std::vector<std::string>& args, const boost::program_options::options_description& description,
    const std::string& command, const boost::program_options::positional_options_description& positional = {});

}  // namespace thoth::cli
