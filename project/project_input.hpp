// What `thoth advise` resolves when the input is not a Pipfile: the root requirements, pip
// constraints and options of a pyproject.toml (PEP 621 dependencies, the selected optional-dependencies
// and PEP 735 groups) or of a pip requirements file (with -r/-c includes and -c files given on the
// command line). Also how the kind of an input is detected and where its lock goes by default.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "packaging/requirement.hpp"
#include "project/manifest.hpp"

namespace thoth::project {

struct InputRoot {
  packaging::Requirement requirement;
  std::string section;  // "default", "extra:<name>", "group:<name>"
  std::string origin;   // "pyproject.toml:7:3", "requirements.in:2"
};

struct InputConstraint {
  packaging::Requirement requirement;
  std::string origin;  // "constraints.txt:3"
};

// Which optional parts of the input to resolve (flags modelled on uv and pip).
struct InputSelection {
  std::vector<std::string> extras;   // --extra NAME: [project.optional-dependencies] NAME
  bool all_extras = false;           // --all-extras
  std::vector<std::string> groups;   // --group NAME: [dependency-groups] NAME
  bool no_default = false;           // --only-group: leave out [project] dependencies
  std::vector<std::filesystem::path> constraint_files;  // -c FILE on the command line
};

struct ProjectInput {
  ManifestKind kind = ManifestKind::Requirements;
  std::filesystem::path path;
  std::vector<InputRoot> roots;
  std::vector<InputConstraint> constraints;
  std::string requires_python;                  // pyproject requires-python text, empty when absent
  bool allow_prereleases = false;               // --pre in a requirements file
  std::vector<std::string> only_binary;         // --only-binary in a requirements file
  std::optional<std::string> index_url;         // -i / --index-url in a requirements file
  std::vector<std::string> extra_index_urls;    // --extra-index-url in a requirements file
};

// "pipfile" | "pyproject" | "requirements"; throws InputError naming `where` otherwise.
[[nodiscard]] ManifestKind parse_manifest_kind(std::string_view text, const std::string& where);
[[nodiscard]] const char* manifest_kind_name(ManifestKind kind);

// By file name (manifest_kind_of), else by contents: TOML with [project] or [dependency-groups] is a
// pyproject.toml, TOML with [packages], [dev-packages] or [[source]] a Pipfile, anything else a
// requirements file. Throws InputError when the file cannot be read.
[[nodiscard]] ManifestKind detect_manifest_kind(const std::filesystem::path& path);

// Reads a pyproject.toml or requirements file with the selection applied. Throws InputError naming the
// file for unknown extras or groups (listing the known ones) and for selections the kind cannot have.
[[nodiscard]] ProjectInput load_project_input(const std::filesystem::path& path, ManifestKind kind,
                                              const InputSelection& selection);

// Constraints of a constraints file: every requirement in it (and its includes) is a constraint.
[[nodiscard]] std::vector<InputConstraint> load_constraints_file(const std::filesystem::path& path);

// Where a lock of this input goes by default: pylock.toml beside a pyproject.toml; for a
// requirements file NAME.in, NAME.txt beside it (pip-compile's convention); for any other
// requirements file, pylock.toml beside it.
[[nodiscard]] std::filesystem::path default_lock_path(ManifestKind kind, const std::filesystem::path& input);

}  // namespace thoth::project
