// `thoth remove NAME...`: drop packages from a category of the Pipfile, editing its text so comments
// and layout survive, replaced atomically (the counterpart of `thoth add`, as `pipenv uninstall` and
// `thamos remove` are). A name that is not in the category is an error and nothing is written.
#include <filesystem>
#include <iostream>

#include <boost/program_options.hpp>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "packaging/name.hpp"
#include "project/pipfile_edit.hpp"

namespace thoth::cli {
namespace po = boost::program_options;

namespace {

constexpr const char* kRemoveIntro = R"(Usage: thoth remove [--dev | --category NAME] [--pipfile PATH] NAME...

Remove packages from the Pipfile's [packages] (or [dev-packages] with --dev, or any category with
--category). Names match as PEP 503 names (`Flask_Login` removes `flask-login`). Comments and layout
are kept. A name missing from the category is an error and the Pipfile is left as it was. Then run
`thoth advise` to lock again.

Examples:
  thoth remove requests
  thoth remove --dev pytest pytest-cov

Options)";

std::string chosen_category(const po::variables_map& values) {
  bool dev = values["dev"].as<bool>();
  if (values.count("category")) {
    if (dev) throw InputError("--dev and --category exclude each other", "thoth remove", "give one of them");
    return values["category"].as<std::string>();
  }
  return dev ? "dev-packages" : "packages";
}

}  // namespace

int remove_command(const std::vector<std::string>& args) {
  po::options_description description(kRemoveIntro);
  description.add_options()("help,h", "show this help")
      ("pipfile", po::value<std::string>()->default_value("Pipfile"), "the Pipfile to edit")
      ("dev", po::bool_switch(), "remove from [dev-packages]")
      ("category", po::value<std::string>(), "remove from this category (e.g. docs)")
      ("name", po::value<std::vector<std::string>>(), "package name (positional, repeatable)");
  po::positional_options_description positional;
  positional.add("name", -1);
  po::variables_map values = parse_command_options(args, description, "thoth remove", positional);
  if (values.count("help")) {
    std::cout << description << "\nExit codes: 0 removed, 2 bad input or usage (nothing written), 3 internal error.\n";
    return 0;
  }
  if (!values.count("name")) throw InputError("expected at least one package name", "thoth remove", "e.g. `thoth remove requests`");
  std::filesystem::path path = values["pipfile"].as<std::string>();
  if (!std::filesystem::exists(path))
    throw InputError("no Pipfile to edit", path.string(), "give its path with --pipfile, or create one with `thoth add`");
  std::string category = chosen_category(values);
  std::string text = read_file(path);
  for (const std::string& name : values["name"].as<std::vector<std::string>>()) {
    auto edited = project::without_entry(text, path, category, packaging::canonicalize_name(name));
    if (!edited)
      throw InputError("no entry for " + name + " in [" + category + "]", path.string(),
                       "check the name, or choose the category with --dev or --category");
    text = std::move(*edited);
    std::cout << "removed " << name << " from [" << category << "]\n";
  }
  write_file_atomically(path, text);
  std::cout << "wrote " << path.string() << "; run `thoth advise` to lock it again\n";
  return 0;
}

}  // namespace thoth::cli
