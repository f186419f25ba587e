// Turns a model back into package choices, lists the dependency edges a selection puts in force,
// and renders clause origins as sentences. Decoding reads only the version and extra variables;
// the ladder and auxiliary variables follow from them.
#include "encoder/encoding.hpp"

#include <algorithm>

namespace thoth::encoder {
namespace {

bool is_true(const std::vector<bool>& model, sat::Var v) { return v.index < model.size() && model[v.index]; }

std::string version_of(const Encoding& encoding, std::size_t package, std::size_t candidate) {
  return encoding.universe.packages[package].candidates[candidate]->version_text;
}

std::string describe_edge(const Encoding& encoding, const Problem& problem, const Edge& edge) {
  std::string requirement = edge.requirement->to_string();
  if (edge.parent_package == kRootParent) {
    const Root& root = problem.roots[edge.root];
    return "the request `" + requirement + "`" + (root.origin.empty() ? "" : " (" + root.origin + ")");
  }
  const PackageNode& parent = encoding.universe.packages[edge.parent_package];
  std::string who = parent.name + " " + version_of(encoding, edge.parent_package, edge.parent_candidate);
  if (!edge.parent_extra.empty()) who = parent.name + "[" + edge.parent_extra + "] " + version_of(encoding, edge.parent_package, edge.parent_candidate);
  return who + " requires " + requirement;
}

}  // namespace

Selection decode(const Encoding& encoding, const std::vector<bool>& model) {
  Selection selection;
  for (std::size_t p = 0; p < encoding.vars.size(); ++p) {
    const PackageVars& vars = encoding.vars[p];
    for (std::size_t k = 0; k < vars.version.size(); ++k) {
      if (!is_true(model, vars.version[k])) continue;
      selection.chosen[p] = k;
      break;
    }
    for (const auto& [extra, var] : vars.extras)
      if (is_true(model, var)) selection.extras[p].push_back(extra);
  }
  return selection;
}

std::vector<std::size_t> active_edges(const Encoding& encoding, const Selection& selection) {
  std::vector<std::size_t> active;
  for (std::size_t e = 0; e < encoding.universe.edges.size(); ++e) {
    const Edge& edge = encoding.universe.edges[e];
    bool target_chosen = selection.chosen.count(edge.target) > 0;
    for (const Edge::Alternative& alternative : edge.alternatives)
      target_chosen = target_chosen || selection.chosen.count(alternative.target) > 0;
    if (!target_chosen) continue;
    if (edge.parent_package != kRootParent) {
      auto chosen = selection.chosen.find(edge.parent_package);
      if (chosen == selection.chosen.end() || chosen->second != edge.parent_candidate) continue;
      if (!edge.parent_extra.empty()) {
        auto extras = selection.extras.find(edge.parent_package);
        if (extras == selection.extras.end()) continue;
        if (std::find(extras->second.begin(), extras->second.end(), edge.parent_extra) == extras->second.end()) continue;
      }
    }
    active.push_back(e);
  }
  return active;
}

std::string describe_origin(const Encoding& encoding, const Problem& problem, const ClauseOrigin& origin) {
  const auto& packages = encoding.universe.packages;
  return std::visit(
      [&](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, RootRequirementOrigin>) {
          for (const Edge& edge : encoding.universe.edges)
            if (edge.parent_package == kRootParent && edge.root == o.root) return describe_edge(encoding, problem, edge);
          return "the request `" + problem.roots[o.root].requirement.to_string() + "`";
        } else if constexpr (std::is_same_v<T, DependencyOrigin> || std::is_same_v<T, ExtraRequestOrigin>) {
          return describe_edge(encoding, problem, encoding.universe.edges[o.edge]);
        } else if constexpr (std::is_same_v<T, AtMostOneVersionOrigin>) {
          return "only one version of " + packages[o.package].name + " can be installed";
        } else if constexpr (std::is_same_v<T, VersionRangeOrigin>) {
          return packages[o.package].name + " versions " + version_of(encoding, o.package, o.last) + " to " +
                 version_of(encoding, o.package, o.first);
        } else if constexpr (std::is_same_v<T, ExtraNeedsPackageOrigin>) {
          return packages[o.package].name + "[" + o.extra + "] needs " + packages[o.package].name;
        } else if constexpr (std::is_same_v<T, PrescriptionOrigin>) {
          return "prescription " + o.rule;
        } else if constexpr (std::is_same_v<T, PrescriptionConditionOrigin>) {
          return "a condition of prescription " + o.rule;
        } else if constexpr (std::is_same_v<T, ExclusionOrigin>) {
          return "an exclusion of releases of " + packages[o.package].name;
        } else {
          return packages[o.package].name + (o.extra.empty() ? "" : "[" + o.extra + "]") +
                 " is installed only when something requires it";
        }
      },
      origin);
}

}  // namespace thoth::encoder
