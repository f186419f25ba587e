// Editing a Pipfile as text, so the user's comments, order and layout survive: add or replace one
// `name = ...` line in a category, creating the category (or the whole Pipfile) when missing, or
// remove one.
// The result is parsed again before it is returned, so an edit never produces an invalid Pipfile.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "packaging/requirement.hpp"

namespace thoth::project {

// The TOML value for a requirement: "\"spec\"" or an inline table with version, extras and markers.
[[nodiscard]] std::string pipfile_value(const packaging::Requirement& requirement);

// `text` with `name = value` set in [category]: an existing single-line entry of the same canonical
// name is replaced in place; otherwise the line is appended after the category's last entry.
// Throws InputError naming `path` when the entry spans several lines or the result does not parse.
[[nodiscard]] std::string with_entry(std::string_view text, const std::filesystem::path& path,
                                     const std::string& category, const packaging::Requirement& requirement);

// `text` without the entry of `canonical_name` in [category], or nullopt when [category] has no
// such entry. Throws InputError naming `path` and the line when the entry spans several lines.
[[nodiscard]] std::optional<std::string> without_entry(std::string_view text, const std::filesystem::path& path,
                                                       const std::string& category, const std::string& canonical_name);

// A new Pipfile with the PyPI source and empty [packages] and [dev-packages].
[[nodiscard]] std::string new_pipfile_text();

}  // namespace thoth::project
