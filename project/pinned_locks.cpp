// Reading the pins of requirements.txt and pylock.toml locks (see pinned_locks.hpp).
#include "project/pinned_locks.hpp"

#include "base/error.hpp"
#include "packaging/name.hpp"
#include "project/manifest.hpp"
#include "project/toml_reading.hpp"

namespace thoth::project {
namespace {

std::map<std::string, std::string> pylock_pins(const std::filesystem::path& path) {
  toml::table root;
  try {
    root = toml::parse_file(path.string());
  } catch (const toml::parse_error& error) {
    throw InputError("expected valid TOML: " + std::string(error.description()), detail::location_of(path, error.source()));
  }
  const toml::array* packages = root["packages"].as_array();
  if (packages == nullptr) throw InputError("expected a [[packages]] array (PEP 751)", path.string());
  std::map<std::string, std::string> pins;
  for (const toml::node& node : *packages) {
    const toml::table* package = node.as_table();
    auto name = package != nullptr ? (*package)["name"].value<std::string>() : std::nullopt;
    auto version = package != nullptr ? (*package)["version"].value<std::string>() : std::nullopt;
    if (!name || !version) detail::fail_at(path, node.source(), "expected a package with a name and a version");
    pins[packaging::canonicalize_name(*name)] = *version;
  }
  return pins;
}

std::map<std::string, std::string> requirements_pins(const std::filesystem::path& path) {
  std::map<std::string, std::string> pins;
  for (const ManifestRequirement& item : load_requirements_file(path).requirements) {
    const auto& specifiers = item.requirement.specifier.specifiers();
    if (specifiers.size() != 1 || specifiers.front().op() != packaging::Operator::Equal || specifiers.front().has_wildcard())
      throw InputError("expected an exact pin `name==version`, found `" + item.requirement.to_string() + "`", item.origin,
                       "audit a lock (e.g. the requirements.txt `thoth advise` writes), not its input");
    pins[item.requirement.canonical_name()] = specifiers.front().version_text();
  }
  return pins;
}

}  // namespace

std::map<std::string, std::string> read_lock_pins(const std::filesystem::path& path) {
  return path.extension() == ".toml" ? pylock_pins(path) : requirements_pins(path);
}

}  // namespace thoth::project
