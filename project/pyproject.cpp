// PEP 621 `[project]` (dependencies, optional-dependencies, requires-python, name) and PEP 735
// `[dependency-groups]` (strings and {include-group = "..."} tables, expanded recursively, cycles
// refused) read with toml++; every error names file:line:column of the offending value.
#include <set>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "packaging/name.hpp"
#include "project/manifest.hpp"
#include "project/toml_reading.hpp"

namespace thoth::project {
namespace {

using detail::fail_at;

ManifestRequirement requirement_at(const std::filesystem::path& path, const toml::node& node, const std::string& group,
                                   const std::string& where) {
  const auto* text = node.as_string();
  if (text == nullptr) fail_at(path, node.source(), where + ": expected a PEP 508 string, found " + detail::describe(node));
  auto parsed = packaging::Requirement::parse(text->get());
  if (!parsed) fail_at(path, node.source(), where + ": " + parsed.error().message, "e.g. \"requests>=2.31\"");
  if (parsed->url)
    fail_at(path, node.source(), where + ": direct URL requirements are not supported yet",
            "depend on a released version from an index instead");
  return {std::move(*parsed), group, detail::location_of(path, node.source()), {}};
}

std::vector<ManifestRequirement> requirement_list(const std::filesystem::path& path, const toml::node& node,
                                                  const std::string& group, const std::string& where) {
  const toml::array* array = node.as_array();
  if (array == nullptr) fail_at(path, node.source(), where + ": expected an array of PEP 508 strings");
  std::vector<ManifestRequirement> list;
  for (const toml::node& item : *array) list.push_back(requirement_at(path, item, group, where));
  return list;
}

void read_project_table(const std::filesystem::path& path, const toml::table& project, PyProject& out) {
  if (const toml::node* name = project.get("name"); name != nullptr && name->is_string())
    out.name = packaging::canonicalize_name(name->as_string()->get());
  if (const toml::node* dependencies = project.get("dependencies"))
    out.dependencies = requirement_list(path, *dependencies, "default", "project.dependencies");
  if (const toml::node* optional = project.get("optional-dependencies")) {
    const toml::table* table = optional->as_table();
    if (table == nullptr) fail_at(path, optional->source(), "project.optional-dependencies: expected a table of arrays");
    for (const auto& [extra, list] : *table) {
      std::string canonical = packaging::canonicalize_extra(extra.str());
      out.optional_dependencies[canonical] =
          requirement_list(path, list, "extra:" + canonical, "project.optional-dependencies." + std::string(extra.str()));
    }
  }
  if (const toml::node* requires_python = project.get("requires-python")) {
    if (!requires_python->is_string()) fail_at(path, requires_python->source(), "project.requires-python: expected a string");
    out.requires_python_text = requires_python->as_string()->get();
    auto specifier = packaging::SpecifierSet::parse(out.requires_python_text);
    if (!specifier) fail_at(path, requires_python->source(), "project.requires-python: " + specifier.error().message);
    out.requires_python = std::move(*specifier);
  }
}

class GroupExpander {
 public:
  GroupExpander(const std::filesystem::path& path, const toml::table& groups) : m_path(path) {
    for (const auto& [name, value] : groups) m_groups[packaging::canonicalize_name(name.str())] = &value;
  }

  std::map<std::string, std::vector<ManifestRequirement>> expand_all() {
    std::map<std::string, std::vector<ManifestRequirement>> out;
    for (const auto& [name, node] : m_groups) out[name] = expand(name, *node);
    return out;
  }

 private:
  std::vector<ManifestRequirement> expand(const std::string& group, const toml::node& node) {
    const toml::array* array = node.as_array();
    if (array == nullptr) fail_at(m_path, node.source(), "dependency-groups." + group + ": expected an array");
    m_stack.insert(group);
    std::vector<ManifestRequirement> list;
    for (const toml::node& item : *array) {
      if (item.is_string()) {
        list.push_back(requirement_at(m_path, item, "group:" + group, "dependency-groups." + group));
        continue;
      }
      for (ManifestRequirement& included : include(group, item)) list.push_back(std::move(included));
    }
    m_stack.erase(group);
    return list;
  }

  std::vector<ManifestRequirement> include(const std::string& group, const toml::node& item) {
    const toml::table* table = item.as_table();
    const toml::node* target = table != nullptr ? table->get("include-group") : nullptr;
    if (target == nullptr || !target->is_string() || table->size() != 1)
      fail_at(m_path, item.source(), "dependency-groups." + group + ": expected a string or {include-group = \"name\"}");
    std::string name = packaging::canonicalize_name(target->as_string()->get());
    auto found = m_groups.find(name);
    if (found == m_groups.end()) fail_at(m_path, target->source(), "dependency-groups." + group + ": no group `" + name + "`");
    if (m_stack.contains(name))
      fail_at(m_path, target->source(), "dependency-groups." + group + ": including `" + name + "` makes a cycle");
    std::vector<ManifestRequirement> included = expand(name, *found->second);
    for (ManifestRequirement& requirement : included) requirement.group = "group:" + group;
    return included;
  }

  const std::filesystem::path& m_path;
  std::map<std::string, const toml::node*> m_groups;
  std::set<std::string> m_stack;
};

}  // namespace

PyProject parse_pyproject(std::string_view text, const std::filesystem::path& path) {
  toml::table root;
  try {
    root = toml::parse(text, path.string());
  } catch (const toml::parse_error& error) {
    throw InputError("expected valid TOML: " + std::string(error.description()), detail::location_of(path, error.source()),
                     "pyproject.toml must be TOML (https://toml.io); check the line shown");
  }
  PyProject out;
  out.path = path;
  const toml::node* project = root.get("project");
  const toml::node* groups = root.get("dependency-groups");
  if (project == nullptr && groups == nullptr)
    throw InputError("no [project] table and no [dependency-groups]", path.string(),
                     "declare dependencies in [project] (PEP 621) or [dependency-groups] (PEP 735)");
  if (project != nullptr) {
    if (!project->is_table()) fail_at(path, project->source(), "project: expected a table");
    read_project_table(path, *project->as_table(), out);
  }
  if (groups != nullptr) {
    if (!groups->is_table()) fail_at(path, groups->source(), "dependency-groups: expected a table");
    out.dependency_groups = GroupExpander(path, *groups->as_table()).expand_all();
  }
  return out;
}

PyProject load_pyproject(const std::filesystem::path& path) { return parse_pyproject(read_file(path), path); }

std::optional<ManifestKind> manifest_kind_of(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  if (name.rfind("Pipfile", 0) == 0 && !name.ends_with(".lock")) return ManifestKind::Pipfile;
  if (name == "pyproject.toml") return ManifestKind::PyProject;
  if (name.ends_with(".txt") || name.ends_with(".in")) return ManifestKind::Requirements;
  return std::nullopt;
}

}  // namespace thoth::project
