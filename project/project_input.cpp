// Turning a pyproject.toml or a requirements file into advise input: the roots of the selected
// parts, the constraints (from -c lines and -c files), and the options pip reads from the file.
#include "project/project_input.hpp"

#include <regex>
#include <set>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "packaging/name.hpp"

namespace thoth::project {
namespace {

std::string known_names(const std::map<std::string, std::vector<ManifestRequirement>>& table) {
  std::string out;
  for (const auto& [name, list] : table) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "none" : out;
}

void add_roots(ProjectInput& out, const std::vector<ManifestRequirement>& list, const std::string& project_name,
               std::vector<std::string>& self_extras) {
  for (const ManifestRequirement& item : list) {
    // PEP 735: a group may name the project itself (`myproject[test]`): that selects its extras.
    if (!project_name.empty() && item.requirement.canonical_name() == project_name) {
      for (const std::string& extra : item.requirement.extras) self_extras.push_back(packaging::canonicalize_extra(extra));
      continue;
    }
    out.roots.push_back({item.requirement, item.group, item.origin});
  }
}

const std::vector<ManifestRequirement>& selected(const std::map<std::string, std::vector<ManifestRequirement>>& table,
                                                 const std::string& name, const std::string& what,
                                                 const std::filesystem::path& path) {
  auto found = table.find(name);
  if (found == table.end())
    throw InputError("no " + what + " `" + name + "`", path.string(), "the " + what + "s declared are: " + known_names(table));
  return found->second;
}

ProjectInput from_pyproject(const std::filesystem::path& path, const InputSelection& selection) {
  PyProject pyproject = load_pyproject(path);
  ProjectInput out;
  out.kind = ManifestKind::PyProject;
  out.path = path;
  out.requires_python = pyproject.requires_python_text;
  std::vector<std::string> extras;
  for (const std::string& extra : selection.extras) extras.push_back(packaging::canonicalize_extra(extra));
  if (selection.all_extras)
    for (const auto& [extra, list] : pyproject.optional_dependencies) extras.push_back(extra);
  if (!selection.no_default) add_roots(out, pyproject.dependencies, pyproject.name, extras);
  for (const std::string& group : selection.groups)
    add_roots(out, selected(pyproject.dependency_groups, packaging::canonicalize_name(group), "dependency group", path),
              pyproject.name, extras);
  // Extras may select further extras (`myproject[a]` inside extra b): a worklist, each extra once.
  std::set<std::string> done;
  for (std::size_t next = 0; next < extras.size(); ++next) {
    std::string extra = extras[next];
    if (!done.insert(extra).second) continue;
    add_roots(out, selected(pyproject.optional_dependencies, extra, "optional-dependencies extra", path), pyproject.name,
              extras);
  }
  return out;
}

ProjectInput from_requirements(const std::filesystem::path& path, const InputSelection& selection) {
  if (!selection.extras.empty() || selection.all_extras || !selection.groups.empty() || selection.no_default)
    throw InputError("--extra, --all-extras, --group and --only-group select parts of a pyproject.toml", path.string(),
                     "a requirements file has no groups: list the requirements to resolve in it, or use -r includes");
  RequirementsFile file = load_requirements_file(path);
  ProjectInput out;
  out.kind = ManifestKind::Requirements;
  out.path = path;
  for (ManifestRequirement& item : file.requirements) out.roots.push_back({std::move(item.requirement), "default", item.origin});
  for (ManifestRequirement& item : file.constraints) out.constraints.push_back({std::move(item.requirement), item.origin});
  out.allow_prereleases = file.pre;
  out.only_binary = file.only_binary;
  out.index_url = file.index_url;
  out.extra_index_urls = file.extra_index_urls;
  return out;
}

}  // namespace

ManifestKind parse_manifest_kind(std::string_view text, const std::string& where) {
  if (text == "pipfile") return ManifestKind::Pipfile;
  if (text == "pyproject") return ManifestKind::PyProject;
  if (text == "requirements") return ManifestKind::Requirements;
  throw InputError("unknown input kind `" + std::string(text) + "`", where, "use pipfile, pyproject or requirements");
}

const char* manifest_kind_name(ManifestKind kind) {
  switch (kind) {
    case ManifestKind::Pipfile: return "pipfile";
    case ManifestKind::PyProject: return "pyproject";
    case ManifestKind::Requirements: return "requirements";
  }
  return "requirements";
}

ManifestKind detect_manifest_kind(const std::filesystem::path& path) {
  if (auto by_name = manifest_kind_of(path)) return *by_name;
  std::string text = read_file(path);
  static const std::regex kPyProject(R"((^|\n)\s*\[(project|dependency-groups)\]\s*(#[^\n]*)?(\n|$))");
  static const std::regex kPipfile(R"((^|\n)\s*(\[(packages|dev-packages|requires|pipenv)\]|\[\[source\]\])\s*(#[^\n]*)?(\n|$))");
  if (std::regex_search(text, kPyProject)) return ManifestKind::PyProject;
  if (std::regex_search(text, kPipfile)) return ManifestKind::Pipfile;
  return ManifestKind::Requirements;
}

ProjectInput load_project_input(const std::filesystem::path& path, ManifestKind kind, const InputSelection& selection) {
  if (kind == ManifestKind::Pipfile)
    throw InputError("a Pipfile is read by load_pipfile", path.string());  // the caller's contract
  ProjectInput out = kind == ManifestKind::PyProject ? from_pyproject(path, selection) : from_requirements(path, selection);
  for (const std::filesystem::path& file : selection.constraint_files)
    for (InputConstraint& constraint : load_constraints_file(file)) out.constraints.push_back(std::move(constraint));
  return out;
}

std::vector<InputConstraint> load_constraints_file(const std::filesystem::path& path) {
  RequirementsFile file = load_requirements_file(path);
  std::vector<InputConstraint> out;
  for (ManifestRequirement& item : file.requirements) out.push_back({std::move(item.requirement), item.origin});
  for (ManifestRequirement& item : file.constraints) out.push_back({std::move(item.requirement), item.origin});
  return out;
}

std::filesystem::path default_lock_path(ManifestKind kind, const std::filesystem::path& input) {
  std::filesystem::path folder = input.parent_path();
  switch (kind) {
    case ManifestKind::Pipfile: return folder / "Pipfile.lock";
    case ManifestKind::PyProject: return folder / "pylock.toml";
    case ManifestKind::Requirements:
      if (input.extension() == ".in") return std::filesystem::path(input).replace_extension(".txt");
      return folder / "pylock.toml";
  }
  return folder / "pylock.toml";
}

}  // namespace thoth::project
