// Python's json.dumps output for a nlohmann::json value, byte for byte, as pipenv produces it:
// sort_keys=True, ensure_ascii=True, and either the compact form used for the Pipfile hash
// (separators (",", ":")) or the lock-file form (indent=4, separators (",", ": ")).
//
//   python_json_dumps({{"b", 1.0}, {"a", "é"}}, std::nullopt) == R"({"a":"\u00e9","b":1.0})"
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace thoth::project {

// `indent`: nullopt for the compact form, N for N spaces per level (Python's indent=N).
[[nodiscard]] std::string python_json_dumps(const nlohmann::json& value, std::optional<int> indent);

// Python's repr(float): shortest round-trip digits, fixed notation for exponents -4..15,
// otherwise "1e+16" style; integral values keep ".0"; NaN/Infinity as json.dumps writes them.
[[nodiscard]] std::string python_float_repr(double value);

}  // namespace thoth::project
