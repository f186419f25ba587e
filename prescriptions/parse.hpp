// Internal to prescriptions/: parsers from YAML nodes to the unit value types. Each returns nullopt
// (or leaves defaults) after recording errors through the Reader; see reader.hpp.
#pragma once

#include <optional>
#include <string>

#include "prescriptions/reader.hpp"
#include "prescriptions/unit.hpp"

namespace thoth::prescriptions {

// Which keys a package_version mapping must have.
enum class NameRule : bool { Optional, Required };

std::optional<PackageVersionMatch> parse_package_version(Reader& r, const YamlNode& node, const std::string& path,
                                                         NameRule name_rule);
std::optional<StateMatch> parse_state(Reader& r, const YamlNode& node, const std::string& path, bool step_keys);
std::vector<Justification> parse_justifications(Reader& r, const YamlNode& node, const std::string& path);
void parse_run_common(Reader& r, const YamlNode& run, const std::string& path, RunCommon& out);
ShouldInclude parse_should_include(Reader& r, const YamlNode& node, const std::string& path);
RuntimeEnvironmentMatch parse_runtime_environments(Reader& r, const YamlNode& node, const std::string& path);
nlohmann::json to_json(const YamlTree& tree, const YamlNode& node);

// The unit's run mapping (an empty mapping when absent); nullptr after a key error.
const YamlNode* run_node(Reader& r, const YamlNode& unit, KeyList allowed, KeyList required = {});
// match entries `{state: {resolved_dependencies: [...]}}` of strides (state required) and wraps.
std::vector<StateMatch> parse_state_matches(Reader& r, const YamlNode& unit, bool state_required);
Unit parse_wrap(Reader& r, const YamlNode& node, UnitHeader header);              // parse_wrap.cpp
Unit parse_gh_release_notes(Reader& r, const YamlNode& node, UnitHeader header);  // parse_wrap.cpp

// One unit entry of a section list; nullopt when it has errors. `type` was read and matches the section.
std::optional<Unit> parse_unit(Reader& r, const YamlNode& node, UnitType type, UnitHeader header);

}  // namespace thoth::prescriptions
