// Project manifests besides the Pipfile: PEP 621 pyproject.toml (with PEP 735 dependency groups) and
// pip requirements files (requirements.in / requirements.txt, with -r/-c includes and options).
// Both give a list of requirements, each with the group it belongs to and where it was written.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "packaging/requirement.hpp"
#include "packaging/specifier.hpp"

namespace thoth::project {

struct ManifestRequirement {
  packaging::Requirement requirement;
  std::string group;   // "default"; "extra:<name>" (optional-dependencies); "group:<name>" (PEP 735)
  std::string origin;  // "pyproject.toml:12:5", "requirements.in:3"
  std::vector<std::string> hashes;  // requirements files: --hash=algo:hex options of the line
};

struct PyProject {
  std::filesystem::path path;
  std::string name;  // [project] name, canonical; empty when absent
  std::vector<ManifestRequirement> dependencies;
  std::map<std::string, std::vector<ManifestRequirement>> optional_dependencies;  // extra (canonical) -> reqs
  std::map<std::string, std::vector<ManifestRequirement>> dependency_groups;      // group (canonical) -> reqs, includes expanded
  std::optional<packaging::SpecifierSet> requires_python;
  std::string requires_python_text;
};

// Throws InputError naming the file, line and column for bad TOML, wrong types, unparsable
// requirements, unknown or cyclic `include-group`s.
[[nodiscard]] PyProject parse_pyproject(std::string_view text, const std::filesystem::path& path);
[[nodiscard]] PyProject load_pyproject(const std::filesystem::path& path);

struct RequirementsFile {
  std::filesystem::path path;
  std::vector<ManifestRequirement> requirements;  // from this file and its -r includes, in order
  std::vector<ManifestRequirement> constraints;   // from -c/--constraint files: apply only if installed
  std::optional<std::string> index_url;           // -i/--index-url (last wins)
  std::vector<std::string> extra_index_urls;      // --extra-index-url
  std::vector<std::string> find_links;            // -f/--find-links (recorded; not used by snapshots)
  bool no_index = false;
  bool pre = false;
  bool require_hashes = false;
  std::vector<std::string> only_binary;           // canonical names or ":all:" / ":none:"
  std::vector<std::string> no_binary;
};

// pip's syntax (pip/_internal/req/req_file.py): `\` continuations, `#` comments at line start or after
// whitespace, ${VAR} expansion, options lines, per-requirement --hash. Editable, URL and path
// requirements are refused with a hint; unknown options are errors naming file:line.
[[nodiscard]] RequirementsFile parse_requirements_file(std::string_view text, const std::filesystem::path& path);
[[nodiscard]] RequirementsFile load_requirements_file(const std::filesystem::path& path);

enum class ManifestKind { Pipfile, PyProject, Requirements };
// By file name: "Pipfile*" -> Pipfile, "pyproject.toml" -> PyProject, "*.txt"/"*.in" -> Requirements.
[[nodiscard]] std::optional<ManifestKind> manifest_kind_of(const std::filesystem::path& path);

}  // namespace thoth::project
