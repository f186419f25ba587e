// Internal to prescriptions/: warnings about units that load but can never take effect
// (docs/prescriptions.md, "Warnings"). Specifier and run-key warnings are raised while parsing.
#pragma once

#include "prescriptions/reader.hpp"
#include "prescriptions/unit.hpp"

namespace thoth::prescriptions {

// Warns about `unit` (parsed from `node`): never registers, disabled, excludes every type.
void check_registration(Reader& r, const YamlNode& node, const Unit& unit);

}  // namespace thoth::prescriptions
