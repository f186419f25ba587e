// `thoth add REQUIREMENT...`: add or update entries of the Pipfile (creating it when missing),
// editing its text so comments and layout survive, replaced atomically. It does not lock: run
// `thoth advise` next (the output says so).
#include <filesystem>
#include <iostream>

#include <boost/program_options.hpp>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "project/pipfile_edit.hpp"

namespace thoth::cli {
namespace po = boost::program_options;

namespace {

constexpr const char* kAddIntro = R"(Usage: thoth add [--dev] [--pipfile PATH] REQUIREMENT...

Add PEP 508 requirements to the Pipfile's [packages] (or [dev-packages] with --dev), or update the
entry of a package already there. The Pipfile is created when missing; its comments and layout are
kept. Then run `thoth advise` to lock.

Examples:
  thoth add 'requests>=2.31' 'flask[async]'
  thoth add --dev pytest

Options)";

}  // namespace

int add_command(const std::vector<std::string>& args) {
  po::options_description description(kAddIntro);
  description.add_options()("help,h", "show this help")
      ("pipfile", po::value<std::string>()->default_value("Pipfile"), "the Pipfile to edit")
      ("dev", po::bool_switch(), "add to [dev-packages]")
      ("requirement", po::value<std::vector<std::string>>(), "PEP 508 requirement (positional, repeatable)");
  po::positional_options_description positional;
  positional.add("requirement", -1);
  po::variables_map values = parse_command_options(args, description, "thoth add", positional);
  if (values.count("help")) {
    std::cout << description << "\nExit codes: 0 added, 2 bad input or usage, 3 internal error.\n";
    return 0;
  }
  if (!values.count("requirement")) throw InputError("expected at least one requirement", "thoth add", "e.g. `thoth add requests`");
  std::filesystem::path path = values["pipfile"].as<std::string>();
  std::string category = values["dev"].as<bool>() ? "dev-packages" : "packages";
  std::string text = std::filesystem::exists(path) ? read_file(path) : project::new_pipfile_text();
  for (const std::string& written : values["requirement"].as<std::vector<std::string>>()) {
    auto requirement = packaging::Requirement::parse(written);
    if (!requirement) throw InputError(requirement.error().message, "requirement `" + written + "`");
    if (requirement->url) throw InputError("URL requirements are not supported yet", "requirement `" + written + "`");
    text = project::with_entry(text, path, category, *requirement);
    std::cout << "added " << requirement->name << " = " << project::pipfile_value(*requirement) << " to [" << category
              << "]\n";
  }
  write_file_atomically(path, text);
  std::cout << "wrote " << path.string() << "; run `thoth advise` to lock it\n";
  return 0;
}

}  // namespace thoth::cli
