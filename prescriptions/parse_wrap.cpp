// Parsers for `wrap` and `wrap.GHReleaseNotes` (thoth.md §1.5 Wrap). advised_manifest_changes is
// free-form upstream (`object`); we check the documented shape {apiVersion, kind, patch} and warn
// about RFC 6902 operations that do not exist (the `op: "add,"` typo of thoth.md §1.8).
#include "prescriptions/parse.hpp"

namespace thoth::prescriptions {
namespace {

bool is_json_patch_op(const nlohmann::json& op) {
  if (!op.is_string()) return false;
  const std::string& text = op.get_ref<const std::string&>();
  return text == "add" || text == "remove" || text == "replace" || text == "move" || text == "copy" || text == "test";
}

void check_patch_ops(Reader& r, const YamlNode& patch_node, const nlohmann::json& patch, const std::string& path) {
  auto check_one = [&](const nlohmann::json& operation) {
    if (!operation.is_object() || !operation.contains("op") || !is_json_patch_op(operation["op"])) {
      std::string op = operation.is_object() && operation.contains("op") ? operation["op"].dump() : "none";
      r.warn(WarningKind::InvalidJsonPatch, patch_node, path,
             "expected an RFC 6902 op (add, remove, replace, move, copy, test), found " + op +
                 "; the manifest change cannot be applied");
    }
  };
  if (patch.is_array()) {
    for (const auto& operation : patch) check_one(operation);
  } else {
    check_one(patch);
  }
}

std::optional<ManifestChange> parse_manifest_change(Reader& r, const YamlNode& node, const std::string& path) {
  if (!r.check_map(node, path, {"apiVersion", "kind", "patch"}, {"apiVersion", "kind", "patch"})) return std::nullopt;
  ManifestChange change;
  change.api_version = r.read_string(*r.child(node, "apiVersion"), key_path(path, "apiVersion")).value_or("");
  change.kind = r.read_string(*r.child(node, "kind"), key_path(path, "kind")).value_or("");
  const YamlNode& patch = *r.child(node, "patch");
  if (patch.kind != YamlKind::Map && patch.kind != YamlKind::Sequence) {
    r.error(patch, key_path(path, "patch"), "expected a JSON patch (a mapping or a list), found " + describe(patch));
    return std::nullopt;
  }
  change.patch = to_json(r.tree(), patch);
  check_patch_ops(r, patch, change.patch, key_path(path, "patch"));
  return change;
}

}  // namespace

Unit parse_wrap(Reader& r, const YamlNode& node, UnitHeader header) {
  WrapUnit unit;
  unit.header = std::move(header);
  unit.match = parse_state_matches(r, node, false);
  const auto* run = run_node(r, node, {"justification", "advised_manifest_changes", "stack_info", "log"});
  if (run == nullptr) return unit;
  if (const auto* n = r.child(*run, "justification")) unit.run.justification = parse_justifications(r, *n, "run.justification");
  if (const auto* n = r.child(*run, "advised_manifest_changes")) {
    r.for_each_item(*n, "run.advised_manifest_changes", 1, [&](const YamlNode& item, const std::string& path) {
      if (auto change = parse_manifest_change(r, item, path)) unit.run.advised_manifest_changes.push_back(std::move(*change));
    });
  }
  parse_run_common(r, *run, "run", unit.run);
  return unit;
}

namespace {

// state.resolved_dependencies of a release-notes wrap: one named package (a mapping or a 1-item list).
void parse_release_notes_match(Reader& r, const YamlNode& entry, const std::string& path,
                               std::vector<PackageVersionMatch>& out) {
  if (!r.check_map(entry, path, {"state"}, {"state"})) return;
  std::string state_path = key_path(path, "state");
  const YamlNode& state = *r.child(entry, "state");
  if (!r.check_map(state, state_path, {"resolved_dependencies"}, {"resolved_dependencies"})) return;
  std::string deps_path = key_path(state_path, "resolved_dependencies");
  const YamlNode& deps = *r.child(state, "resolved_dependencies");
  if (deps.kind == YamlKind::Sequence && deps.children.size() != 1) {
    r.error(deps, deps_path, "expected exactly one package, found " + std::to_string(deps.children.size()));
    return;
  }
  const YamlNode& package = deps.kind == YamlKind::Sequence ? r.tree().node(deps.children[0]) : deps;
  std::string package_path = deps.kind == YamlKind::Sequence ? deps_path + "[0]" : deps_path;
  if (auto parsed = parse_package_version(r, package, package_path, NameRule::Required)) out.push_back(std::move(*parsed));
}

}  // namespace

Unit parse_gh_release_notes(Reader& r, const YamlNode& node, UnitHeader header) {
  GHReleaseNotesWrapUnit unit;
  unit.header = std::move(header);
  r.for_each_entry(*r.child(node, "match"), "match", [&](const YamlNode& entry, const std::string& path) {
    parse_release_notes_match(r, entry, path, unit.match);
  });
  const auto* run = run_node(r, node, {"release_notes"}, {"release_notes"});
  if (run == nullptr) return unit;
  const YamlNode& notes = *r.child(*run, "release_notes");
  if (!r.check_map(notes, "run.release_notes", {"organization", "repository", "tag_version_prefix"},
                   {"organization", "repository"})) {
    return unit;
  }
  unit.release_notes.organization = r.read_string(*r.child(notes, "organization"), "run.release_notes.organization").value_or("");
  unit.release_notes.repository = r.read_string(*r.child(notes, "repository"), "run.release_notes.repository").value_or("");
  if (const auto* n = r.child(notes, "tag_version_prefix")) {
    unit.release_notes.tag_version_prefix = r.read_string(*n, "run.release_notes.tag_version_prefix");
  }
  return unit;
}

}  // namespace thoth::prescriptions
