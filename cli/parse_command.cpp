// Shared argument parsing of the commands (see parse_command.hpp).
#include "cli/parse_command.hpp"

#include "base/error.hpp"
#include "cli/environment_options.hpp"

namespace thoth::cli {
namespace po = boost::program_options;

po::variables_map parse_command_options(const std::vector<std::string>& args, const po::options_description& description,
                                        const std::string& command, const po::positional_options_description& positional) {
  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(description).positional(positional).run(), values);
  } catch (const po::error& e) {
    throw InputError(e.what(), command, "run `" + command + " --help` for the options");
  }
  store_environment_options(description, values);  // THOTH_*: below the flags
  try {
    po::notify(values);
  } catch (const po::error& e) {
    throw InputError(e.what(), command, "run `" + command + " --help` for the options");
  }
  return values;
}

}  // namespace thoth::cli
