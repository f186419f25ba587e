// explain(): the minimal core as described elements, the derivation, hints and fixes.
#include <algorithm>
#include <chrono>

#include "explain/explain.hpp"
#include "explain/fixes.hpp"

namespace thoth::explain {
namespace {

// Releases of `node` that `requirement` matches but that are never candidates.
std::vector<ExcludedMatch> excluded_matches(const encoder::PackageNode& node, const packaging::Requirement& requirement) {
  std::vector<ExcludedMatch> out;
  for (auto it = node.excluded.rbegin(); it != node.excluded.rend(); ++it)  // oldest first
    if (requirement.specifier.contains(std::string_view(it->version), true)) out.push_back({it->version, it->reason});
  return out;
}

CoreElement root_element(const encoder::Problem& problem, const encoder::Encoding& encoding, std::size_t r) {
  CoreElement element;
  element.kind = GroupKind::RootRequirement;
  element.root = r;
  const encoder::Root& root = problem.roots[r];
  element.requirement = root.requirement.to_string();
  element.text = "you require `" + element.requirement + "`";
  element.location = root.origin;
  element.package = root.requirement.canonical_name();
  if (auto it = encoding.universe.by_name.find(element.package); it != encoding.universe.by_name.end()) {
    const encoder::PackageNode& node = encoding.universe.packages[it->second];
    element.package_missing = node.project == nullptr;
    element.excluded = excluded_matches(node, root.requirement);
  }
  return element;
}

CoreElement edge_element(const encoder::Problem& problem, const encoder::Encoding& encoding, std::size_t e) {
  const encoder::Edge& edge = encoding.universe.edges[e];
  const encoder::PackageNode& parent = encoding.universe.packages[edge.parent_package];
  const encoder::PackageNode& target = encoding.universe.packages[edge.target];
  CoreElement element;
  element.kind = GroupKind::Dependency;
  element.edge = e;
  element.requirement = edge.requirement->to_string();
  element.text = encoder::describe_origin(encoding, problem, encoder::DependencyOrigin{e});
  element.location = "index: " + parent.name + " " + parent.candidates[edge.parent_candidate]->version_text +
                     " requires_dist";
  element.package = target.name;
  element.package_missing = target.project == nullptr;
  element.excluded = excluded_matches(target, *edge.requirement);
  return element;
}

// "prescription thoth.Pillow830TypeErrorStep (pi_/pillow/step.yaml:1) forbids pillow ==8.3.0 with
// numpy (Pillow 8.3.0 does not work with NumPy)": every condition the rule forbids, with its message.
CoreElement rule_element(const encoder::Encoding& encoding, const std::string& rule) {
  CoreElement element;
  element.kind = GroupKind::Prescription;
  element.rule = rule;
  std::vector<std::string> conditions;
  std::string message;
  for (std::size_t f = 0; f < encoding.forbidden.size(); ++f) {
    const encoder::ForbiddenCondition& forbidden = encoding.forbidden[f];
    if (forbidden.rule != rule) continue;
    element.forbidden.push_back(f);
    std::string text = encoder::describe_condition(forbidden.condition);
    if (std::find(conditions.begin(), conditions.end(), text) == conditions.end()) conditions.push_back(text);
    if (message.empty()) message = forbidden.message;
    if (element.package.empty() && !forbidden.condition.installed.empty())
      element.package = forbidden.condition.installed.front().package;
  }
  std::string list;
  for (std::size_t i = 0; i < conditions.size(); ++i)
    list += (i == 0 ? "" : i + 1 == conditions.size() ? " or " : ", ") + conditions[i];
  element.text = "prescription " + rule + " forbids " + list + (message.empty() ? "" : " (" + message + ")");
  auto open = rule.rfind(" (");
  element.location = open != std::string::npos && rule.ends_with(")") ? rule.substr(open + 2, rule.size() - open - 3) : rule;
  return element;
}

}  // namespace

const char* kind_name(GroupKind kind) {
  switch (kind) {
    case GroupKind::RootRequirement: return "root-requirement";
    case GroupKind::Dependency: return "dependency";
    case GroupKind::Prescription: return "prescription";
  }
  return "unknown";
}

Explanation explain(const encoder::Problem& problem, const encoder::Encoding& encoding, index::PackageSource& source,
                    const ExplainOptions& options) {
  auto start = std::chrono::steady_clock::now();
  Explanation out;
  Core core = minimal_core(encoding);
  out.sat_calls = core.sat_calls;
  for (std::size_t r : core.roots) out.core.push_back(root_element(problem, encoding, r));
  for (std::size_t e : core.edges) out.core.push_back(edge_element(problem, encoding, e));
  for (const std::string& rule : core.rules) out.core.push_back(rule_element(encoding, rule));
  out.steps = derive(problem, encoding, out.core);
  FixSearch search(problem, source, out.core);
  out.hints = search.hints(options.hints);
  if (options.fixes) out.fixes = search.fixes(options.max_fixes);
  out.sat_calls += search.sat_calls();
  out.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace thoth::explain
