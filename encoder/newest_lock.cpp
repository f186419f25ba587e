// The newest-candidate shortcut (see newest_lock.hpp): build the selection from the roots, turn it
// into a full model, check it against every hard clause and cost every level; any doubt means
// nullopt, and the SAT solver decides as before.
#include "encoder/newest_lock.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace thoth::encoder {
namespace {

constexpr std::string_view kCountLevel = "number of packages";

// The induction of the optimality argument holds only for plain edges and a count-like last level.
bool shortcut_applies(const Encoding& encoding) {
  for (const Edge& edge : encoding.universe.edges)
    if (!edge.alternatives.empty() || edge.only_when || edge.waived_when) return false;
  if (encoding.objective.empty() || encoding.objective.back().name != kCountLevel) return false;
  for (const sat::WeightedLit& cost : encoding.objective.back().costs)
    if (cost.lit.negated()) return false;  // costs must grow with the set of installed packages
  return true;
}

// Candidate 0 is the only zero-rank candidate: it exists, and the next one has an eligible newer release.
bool newest_is_only_zero_rank(const PackageNode& node) {
  if (node.candidates.empty() || node.newer_eligible.empty() || node.newer_eligible[0] != 0) return false;
  return node.newer_eligible.size() < 2 || node.newer_eligible[1] > 0;
}

// The packages the roots reach when every package is at candidate 0, with the extras requested of
// each; false when one of them has no single zero-rank candidate.
struct NewestSelection {
  std::vector<bool> installed;
  std::vector<std::set<std::string>> extras;
};

bool select_newest(const Encoding& encoding, NewestSelection& out) {
  const Universe& universe = encoding.universe;
  const std::size_t n = universe.packages.size();
  out.installed.assign(n, false);
  out.extras.assign(n, {});
  std::vector<std::vector<std::size_t>> edges_from(n);  // edges leaving candidate 0 of each package
  std::vector<std::size_t> pending;                     // packages whose edges need (re)visiting
  auto reach = [&](const Edge& edge) {
    std::size_t target = edge.target;
    bool changed = !out.installed[target];
    out.installed[target] = true;
    for (const std::string& extra : edge.target_extras) changed = out.extras[target].insert(extra).second || changed;
    if (changed) pending.push_back(target);
  };
  for (std::size_t e = 0; e < universe.edges.size(); ++e) {
    const Edge& edge = universe.edges[e];
    if (edge.parent_package == kRootParent) reach(edge);
    else if (edge.parent_candidate == 0) edges_from[edge.parent_package].push_back(e);
  }
  while (!pending.empty()) {
    std::size_t package = pending.back();
    pending.pop_back();
    if (!newest_is_only_zero_rank(universe.packages[package])) return false;
    for (std::size_t e : edges_from[package]) {
      const Edge& edge = universe.edges[e];
      if (edge.parent_extra.empty() || out.extras[package].count(edge.parent_extra) > 0) reach(edge);
    }
  }
  return true;
}

void set_true(std::vector<bool>& model, sat::Lit lit) { model[lit.var().index] = !lit.negated(); }

std::vector<bool> model_of(const Encoding& encoding, const NewestSelection& selection) {
  std::vector<bool> model(encoding.cnf.num_vars(), false);
  for (sat::Lit selector : encoding.root_selectors) set_true(model, selector);
  for (std::size_t p = 0; p < selection.installed.size(); ++p) {
    if (!selection.installed[p]) continue;
    const PackageVars& vars = encoding.vars[p];
    model[vars.installed.index] = true;
    model[vars.version[0].index] = true;  // rank 0: every older[k] ladder variable stays false
    for (const std::string& extra : selection.extras[p])
      if (auto var = vars.extras.find(extra); var != vars.extras.end()) model[var->second.index] = true;
  }
  // A range literal is true exactly when its package is installed at a rank in first..last: with
  // every installed package at rank 0, when it is installed and the range starts at 0.
  for (const RangeLiteral& range : encoding.ranges)
    if (range.first == 0 && selection.installed[range.package]) set_true(model, range.lit);
  // An extra-requester literal is true when its candidate is chosen and its extra requested: for
  // candidate 0 of an installed package with that extra selected.
  for (const RequesterLiteral& requester : encoding.requesters)
    if (requester.candidate == 0 && selection.installed[requester.package] &&
        selection.extras[requester.package].count(requester.extra) > 0)
      set_true(model, requester.lit);
  return model;
}

bool satisfies_every_clause(const sat::Cnf& cnf, const std::vector<bool>& model) {
  auto holds = [&](sat::Lit lit) { return model[lit.var().index] != lit.negated(); };
  return std::all_of(cnf.clauses().begin(), cnf.clauses().end(),
                     [&](std::span<const sat::Lit> clause) { return std::any_of(clause.begin(), clause.end(), holds); });
}

}  // namespace

std::optional<sat::MaxSatResult> newest_consistent_lock(const Encoding& encoding) {
  if (!shortcut_applies(encoding)) return std::nullopt;
  NewestSelection selection;
  if (!select_newest(encoding, selection)) return std::nullopt;
  sat::MaxSatResult result;
  result.levels.reserve(encoding.objective.size());
  result.model = model_of(encoding, selection);
  if (!satisfies_every_clause(encoding.cnf, result.model)) return std::nullopt;
  for (std::size_t level = 0; level < encoding.objective.size(); ++level) {
    std::uint64_t cost = 0;
    for (const sat::WeightedLit& item : encoding.objective[level].costs)
      if (result.model[item.lit.var().index] != item.lit.negated()) cost += item.weight;
    bool last = level + 1 == encoding.objective.size();
    if (!last && cost != 0) return std::nullopt;
    result.levels.push_back({encoding.objective[level].name, cost, cost, true});
  }
  result.status = sat::MaxSatStatus::Optimal;
  return result;
}

}  // namespace thoth::encoder
