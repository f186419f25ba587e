// THOTH_* environment variables as option values (see environment_options.hpp).
#include "cli/environment_options.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "base/error.hpp"

namespace thoth::cli {
namespace po = boost::program_options;

const std::vector<std::string>& environment_settable_options() {
  // --index is not here: $THOTH_INDEX is read where the index is chosen (an --index-url flag then
  // wins over it instead of clashing with it), see docs/configuration.md.
  static const std::vector<std::string> kOptions{
      "python-version", "platform",   "runtime-environment", "thoth-config", "recommendation-type",
      "index-url",      "index-strategy", "cache-dir",       "offline",      "advisories",
      "scorecards",     "osv-api",    "timeout",             "pre",          "only-binary"};
  return kOptions;
}

namespace {

std::string option_for_variable(const std::string& variable, const po::options_description& description) {
  const std::string prefix = "THOTH_";
  if (variable.rfind(prefix, 0) != 0) return "";
  std::string name = variable.substr(prefix.size());
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return c == '_' ? '-' : std::tolower(c); });
  if (name == "config") name = "thoth-config";        // THOTH_CONFIG, not THOTH_THOTH_CONFIG
  else if (name == "thoth-config") return "";
  const auto& allowed = environment_settable_options();
  if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) return "";
  return description.find_nothrow(name, false) != nullptr ? name : "";
}

}  // namespace

void store_environment_options(const po::options_description& description, po::variables_map& values) {
  try {
    po::store(po::parse_environment(description, [&](const std::string& variable) {
                return option_for_variable(variable, description);
              }),
              values);
  } catch (const po::error& e) {
    throw InputError(e.what(), "THOTH_* environment variable", "fix or unset the variable (docs/configuration.md)");
  }
}

std::optional<std::filesystem::path> user_config_file() {
  std::filesystem::path folder;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg == '/') folder = xdg;
  else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') folder = std::filesystem::path(home) / ".config";
  if (folder.empty()) return std::nullopt;
  std::filesystem::path file = folder / "thoth" / "thoth.yaml";
  if (!std::filesystem::exists(file)) return std::nullopt;
  return file;
}

void use_user_config_unless_project_has_one(std::optional<std::filesystem::path>& thoth_config,
                                            const std::filesystem::path& project_folder) {
  if (thoth_config || std::filesystem::exists(project_folder / ".thoth.yaml")) return;
  thoth_config = user_config_file();
}

}  // namespace thoth::cli
