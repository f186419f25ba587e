// Internal helpers of the Pipfile reader (not a public seam): TOML -> JSON conversion, source
// locations as "file:line:column", and the fatal-error helper used by every Pipfile check.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "project/pipfile.hpp"

namespace thoth::project::detail {

// "Pipfile:3:7" for a node's first character.
[[nodiscard]] std::string location_of(const std::filesystem::path& path, const toml::source_region& region);

// Throws InputError at `region` of `path`.
[[noreturn]] void fail_at(const std::filesystem::path& path, const toml::source_region& region, std::string message,
                          std::string hint = {});

// Short TOML text of a value for "found `...`" messages: "\"x\"", "42", "[ 'a' ]", "a table".
[[nodiscard]] std::string describe(const toml::node& node);

// TOML value as JSON: tables -> objects (keys sorted), arrays -> arrays, dates/times -> strings.
[[nodiscard]] nlohmann::json toml_to_json(const toml::node& node);

// The key/value pairs of a table in file order (toml++ keeps tables sorted by key).
[[nodiscard]] std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& table);

// One `name = ...` line of a package category; `sources` are the declared sources (for `index`).
[[nodiscard]] PipfileEntry parse_entry(const std::filesystem::path& path, const toml::key& name,
                                       const toml::node& value, const std::vector<Source>& sources);

}  // namespace thoth::project::detail
