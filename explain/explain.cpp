// explain(): the minimal core as described elements, the derivation, hints and fixes.
#include <algorithm>
#include <chrono>

#include "base/error.hpp"

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

// "b 2.0 is yanked: broken wheel", "b 1.0 requires Python >=3.12 (the target is 3.9.0)".
std::string exclusion_phrase(const std::string& name, const encoder::Exclusion& exclusion) {
  const std::string& reason = exclusion.reason;
  std::string release = name + " " + exclusion.version;
  switch (exclusion.kind) {
    case encoder::ExclusionKind::RequiresPython: {
      auto at = reason.find(" excludes Python ");
      const std::string prefix = "requires_python ";
      if (reason.rfind(prefix, 0) != 0 || at == std::string::npos) break;
      return release + " requires Python " + reason.substr(prefix.size(), at - prefix.size()) + " (the target is " +
             reason.substr(at + 17) + ")";
    }
    case encoder::ExclusionKind::NotInstallable: return "no file of " + release + " installs: " + reason.substr(reason.find(": ") + 2);
    case encoder::ExclusionKind::Yanked: return release + " is " + reason;
    case encoder::ExclusionKind::Prerelease: return release + " is a pre-release";
    case encoder::ExclusionKind::AdvisoryVeto: return release + " has a " + reason;
    case encoder::ExclusionKind::Constraint: return release + " is outside the " + reason;
    case encoder::ExclusionKind::Rule: return release + " is removed by " + reason;
  }
  return release + " is excluded (" + reason + ")";
}

// Where an exclusion comes from: the index entry, the constraint's line, the sieve's file.
std::string exclusion_location(const std::string& name, const std::vector<std::string>& versions, const encoder::Exclusion& first) {
  std::string list;
  for (std::size_t i = 0; i < versions.size() && i < 3; ++i) list += (i == 0 ? "" : ", ") + versions[i];
  if (versions.size() > 3) list += ", ...";
  switch (first.kind) {
    case encoder::ExclusionKind::RequiresPython: return "index: " + name + " " + list + " requires_python";
    case encoder::ExclusionKind::NotInstallable: return "index: files of " + name + " " + list;
    case encoder::ExclusionKind::Yanked: return "index: " + name + " " + list + " yanked";
    case encoder::ExclusionKind::Prerelease: return "index: " + name + " " + list + " (pre-release)";
    case encoder::ExclusionKind::AdvisoryVeto: return "advisories: " + name + " " + list;
    case encoder::ExclusionKind::Constraint: {
      auto end = first.reason.find(" `");
      return first.reason.substr(11, end == std::string::npos ? std::string::npos : end - 11);  // "constraint "
    }
    case encoder::ExclusionKind::Rule: {
      auto open = first.reason.rfind(" (");
      bool file = open != std::string::npos && first.reason.ends_with(")");
      return file ? first.reason.substr(open + 2, first.reason.size() - open - 3) : first.reason;
    }
  }
  return "index: " + name;
}

// One exclusion group: the candidates of the relaxed encoding its ¬x clauses keep out.
CoreElement exclusion_element(const encoder::Encoding& encoding, const ExclusionGroup& group) {
  const encoder::PackageNode& node = encoding.universe.packages[group.first];
  CoreElement element;
  element.kind = group_kind(group.second);
  element.exclusion = group;
  element.package = node.name;
  std::vector<std::string> phrases, versions;
  const encoder::Exclusion* first = nullptr;
  for (std::size_t k = node.guards.size(); k-- > 0;)  // oldest first
    for (const encoder::Exclusion& guard : node.guards[k]) {
      if (guard.kind != group.second) continue;
      element.guarded.push_back(k);
      element.excluded.push_back({guard.version, guard.reason});
      versions.push_back(guard.version);
      phrases.push_back(exclusion_phrase(node.name, guard));
      if (first == nullptr) first = &guard;
    }
  std::string text;
  for (std::size_t i = 0; i < phrases.size() && i < 3; ++i) text += (i == 0 ? "" : ", ") + phrases[i];
  if (phrases.size() > 3) text += " and " + std::to_string(phrases.size() - 3) + " more";
  element.text = text;
  element.location = first != nullptr ? exclusion_location(node.name, versions, *first) : "index: " + node.name;
  return element;
}

}  // namespace

GroupKind group_kind(encoder::ExclusionKind kind) {
  switch (kind) {
    case encoder::ExclusionKind::RequiresPython: return GroupKind::RequiresPython;
    case encoder::ExclusionKind::NotInstallable: return GroupKind::ArtifactFilter;
    case encoder::ExclusionKind::Yanked: return GroupKind::Yanked;
    case encoder::ExclusionKind::Prerelease: return GroupKind::Prerelease;
    case encoder::ExclusionKind::AdvisoryVeto: return GroupKind::AdvisoryVeto;
    case encoder::ExclusionKind::Constraint: return GroupKind::Constraint;
    case encoder::ExclusionKind::Rule: return GroupKind::Sieve;
  }
  return GroupKind::Sieve;
}

bool is_exclusion(GroupKind kind) {
  return kind != GroupKind::RootRequirement && kind != GroupKind::Dependency && kind != GroupKind::Prescription;
}

const char* kind_name(GroupKind kind) {
  switch (kind) {
    case GroupKind::RootRequirement: return "root-requirement";
    case GroupKind::Dependency: return "dependency";
    case GroupKind::Prescription: return "prescription";
    case GroupKind::RequiresPython: return "requires-python";
    case GroupKind::ArtifactFilter: return "artifact-filter";
    case GroupKind::Yanked: return "yanked";
    case GroupKind::Prerelease: return "pre-release";
    case GroupKind::AdvisoryVeto: return "advisory-veto";
    case GroupKind::Constraint: return "constraint";
    case GroupKind::Sieve: return "sieve";
  }
  return "unknown";
}

RelaxedEncoding encode_for_explanation(const encoder::Problem& problem, index::PackageSource& source) {
  RelaxedEncoding out{std::make_unique<encoder::Problem>(problem), {}};
  out.problem->relax_exclusions = true;
  try {
    out.encoding = encoder::encode(*out.problem, source);
  } catch (const InputError&) {  // the relaxed universe is over --max-universe: explain without exclusions
    out.problem->relax_exclusions = false;
    out.encoding = encoder::encode(*out.problem, source);
  }
  return out;
}

Explanation explain(const encoder::Problem& problem, const encoder::Encoding& encoding, index::PackageSource& source,
                    const ExplainOptions& options) {
  auto start = std::chrono::steady_clock::now();
  Explanation out;
  (void)encoding;  // the lock's encoding; the core needs the relaxed one (exclusions as groups)
  RelaxedEncoding relaxed_encoding = encode_for_explanation(problem, source);
  const encoder::Encoding& relaxed = relaxed_encoding.encoding;
  Core core = minimal_core(relaxed);
  out.sat_calls = core.sat_calls;
  for (std::size_t r : core.roots) out.core.push_back(root_element(problem, relaxed, r));
  for (std::size_t e : core.edges) out.core.push_back(edge_element(problem, relaxed, e));
  for (const std::string& rule : core.rules) out.core.push_back(rule_element(relaxed, rule));
  for (const ExclusionGroup& group : core.exclusions) out.core.push_back(exclusion_element(relaxed, group));
  out.steps = derive(problem, relaxed, out.core);
  FixSearch search(problem, source, out.core);
  out.hints = search.hints(options.hints);
  if (options.fixes) out.fixes = search.fixes(options.max_fixes);
  out.sat_calls += search.sat_calls();
  out.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace thoth::explain
