// The minimal unsatisfiable core over explainable groups, and the best-effort MaxSAT.
//
// Groups: each active root requirement (its selector already guards its clauses), each
// dependency edge (a fresh selector appended to its clauses), each prescription rule that forbids
// something (a fresh selector appended to its PrescriptionOrigin clauses) and, in a relaxed encoding
// (encode_for_explanation), each exclusion group (package, kind): a fresh selector appended to its
// ExclusionOrigin unit clauses ¬x. Every other clause (ladders, ranges,
// required-by, extra definitions) is hard: it holds in any installation, so it is never a reason.
// The core is found deletion-based on CryptoMiniSat with assumptions: start from the failed
// assumptions, trim by re-solving on the core, then try to drop each group in turn (edges first,
// so the core keeps the user's requirements and as few edges as possible); when the rest is still
// unsatisfiable the core shrinks to the new failed assumptions.
#include <algorithm>
#include <map>

#include "explain/explain.hpp"
#include "solver/sat_solver.hpp"

namespace thoth::explain {
namespace {

using sat::Lit;

bool is_edge_clause(const encoder::ClauseOrigin& origin, std::size_t& edge) {
  if (const auto* dependency = std::get_if<encoder::DependencyOrigin>(&origin)) {
    edge = dependency->edge;
    return true;
  }
  if (const auto* request = std::get_if<encoder::ExtraRequestOrigin>(&origin)) {
    edge = request->edge;
    return true;
  }
  return false;
}

// The encoding's clauses on a solver, with one selector literal per group.
class GroupSolver {
 public:
  explicit GroupSolver(const encoder::Encoding& encoding) : m_encoding(encoding) {
    const auto& edges = encoding.universe.edges;
    std::uint32_t next = encoding.cnf.num_vars();
    m_edge_selector.resize(edges.size());
    for (std::size_t e = 0; e < edges.size(); ++e)
      if (edges[e].parent_package != encoder::kRootParent) m_edge_selector[e] = Lit::positive(sat::Var{next++});
    for (const encoder::ForbiddenCondition& forbidden : encoding.forbidden)
      if (!m_rule_selector.count(forbidden.rule)) m_rule_selector[forbidden.rule] = Lit::positive(sat::Var{next++});
    for (const encoder::ClauseOrigin& origin : encoding.origins)
      if (const auto* exclusion = std::get_if<encoder::ExclusionOrigin>(&origin))
        if (!m_exclusion_selector.count({exclusion->package, exclusion->kind}))
          m_exclusion_selector[{exclusion->package, exclusion->kind}] = Lit::positive(sat::Var{next++});
    m_solver.ensure_vars(next);
    const auto& clauses = encoding.cnf.clauses();
    for (std::size_t c = 0; c < clauses.size(); ++c) {
      std::size_t edge = 0;
      const auto* rule = std::get_if<encoder::PrescriptionOrigin>(&encoding.origins[c]);
      if (is_edge_clause(encoding.origins[c], edge) && edges[edge].parent_package != encoder::kRootParent) {
        sat::Clause guarded(clauses[c].begin(), clauses[c].end());
        guarded.push_back(~m_edge_selector[edge]);
        m_solver.add_clause(guarded);
      } else if (rule != nullptr && m_rule_selector.count(rule->rule)) {
        sat::Clause guarded(clauses[c].begin(), clauses[c].end());
        guarded.push_back(~m_rule_selector.at(rule->rule));
        m_solver.add_clause(guarded);
      } else if (const auto* exclusion = std::get_if<encoder::ExclusionOrigin>(&encoding.origins[c])) {
        sat::Clause guarded(clauses[c].begin(), clauses[c].end());
        guarded.push_back(~m_exclusion_selector.at({exclusion->package, exclusion->kind}));
        m_solver.add_clause(guarded);
      } else {
        m_solver.add_clause(clauses[c]);
      }
    }
  }

  Lit root_lit(std::size_t root) const { return m_encoding.root_selectors[root]; }
  Lit edge_lit(std::size_t edge) const { return m_edge_selector[edge]; }
  const std::map<std::string, Lit>& rule_lits() const { return m_rule_selector; }
  const std::map<ExclusionGroup, Lit>& exclusion_lits() const { return m_exclusion_selector; }

  // Solves with the given selectors assumed; on unsat returns the failed ones.
  bool unsat(const std::vector<Lit>& assumed, std::vector<Lit>& failed) {
    if (m_solver.solve(assumed) != sat::Answer::Unsatisfiable) return false;
    failed = m_solver.failed_assumptions();
    return true;
  }
  std::uint64_t calls() const { return m_solver.calls(); }

 private:
  const encoder::Encoding& m_encoding;
  sat::SatSolver m_solver;
  std::vector<Lit> m_edge_selector;
  std::map<std::string, Lit> m_rule_selector;  // prescription rule -> selector
  std::map<ExclusionGroup, Lit> m_exclusion_selector;
};

enum class Group { Edge, Root, Rule, Exclusion };

// Groups keyed by selector literal; edges are listed before roots, roots before rules (the deletion
// order: the core keeps the rules and the user's requirements, and as few edges as possible).
struct GroupIndex {
  std::vector<Lit> lits;
  std::map<Lit, std::pair<Group, std::size_t>> by_lit;  // lit -> (kind, index: edge, root or rule)
  std::vector<std::string> rules;
  std::vector<ExclusionGroup> exclusions;
};

GroupIndex all_groups(const encoder::Encoding& encoding, GroupSolver& solver) {
  GroupIndex groups;
  const auto& edges = encoding.universe.edges;
  for (std::size_t e = edges.size(); e-- > 0;) {
    if (edges[e].parent_package == encoder::kRootParent) continue;
    groups.lits.push_back(solver.edge_lit(e));
    groups.by_lit[solver.edge_lit(e)] = {Group::Edge, e};
  }
  for (std::size_t i = encoding.universe.active_roots.size(); i-- > 0;) {
    std::size_t r = encoding.universe.active_roots[i];
    groups.lits.push_back(solver.root_lit(r));
    groups.by_lit[solver.root_lit(r)] = {Group::Root, r};
  }
  for (const auto& [rule, lit] : solver.rule_lits()) {
    groups.lits.push_back(lit);
    groups.by_lit[lit] = {Group::Rule, groups.rules.size()};
    groups.rules.push_back(rule);
  }
  for (const auto& [group, lit] : solver.exclusion_lits()) {
    groups.lits.push_back(lit);
    groups.by_lit[lit] = {Group::Exclusion, groups.exclusions.size()};
    groups.exclusions.push_back(group);
  }
  return groups;
}

// Keeps the members of `order` that are in `subset`, in `order`'s order.
std::vector<Lit> ordered_subset(const std::vector<Lit>& order, const std::vector<Lit>& subset) {
  std::vector<Lit> sorted = subset;
  std::sort(sorted.begin(), sorted.end());
  std::vector<Lit> out;
  for (Lit lit : order)
    if (std::binary_search(sorted.begin(), sorted.end(), lit)) out.push_back(lit);
  return out;
}

std::vector<Lit> deletion_mus(GroupSolver& solver, const std::vector<Lit>& order, std::vector<Lit> core) {
  std::vector<Lit> failed;
  for (int round = 0; round < 3; ++round) {  // core trimming
    if (!solver.unsat(core, failed) || failed.size() >= core.size()) break;
    core = ordered_subset(order, failed);
  }
  std::vector<Lit> necessary;
  while (!core.empty()) {
    Lit candidate = core.front();
    std::vector<Lit> rest(core.begin() + 1, core.end());
    std::vector<Lit> test = necessary;
    test.insert(test.end(), rest.begin(), rest.end());
    if (solver.unsat(test, failed)) {
      // Drop the candidate and everything the solver did not need.
      std::vector<Lit> kept = ordered_subset(order, failed);
      std::vector<Lit> next;
      for (Lit lit : rest)
        if (std::find(kept.begin(), kept.end(), lit) != kept.end()) next.push_back(lit);
      std::vector<Lit> still_necessary;
      for (Lit lit : necessary)
        if (std::find(kept.begin(), kept.end(), lit) != kept.end()) still_necessary.push_back(lit);
      necessary = std::move(still_necessary);
      core = std::move(next);
    } else {
      necessary.push_back(candidate);
      core = std::move(rest);
    }
  }
  return necessary;
}

}  // namespace

Core minimal_core(const encoder::Encoding& encoding) {
  GroupSolver solver(encoding);
  GroupIndex groups = all_groups(encoding, solver);
  Core core;
  std::vector<Lit> failed;
  if (!solver.unsat(groups.lits, failed)) return core;  // satisfiable: no core
  for (Lit lit : deletion_mus(solver, groups.lits, ordered_subset(groups.lits, failed))) {
    auto [kind, index] = groups.by_lit.at(lit);
    if (kind == Group::Rule) core.rules.push_back(groups.rules[index]);
    else if (kind == Group::Exclusion) core.exclusions.push_back(groups.exclusions[index]);
    else (kind == Group::Root ? core.roots : core.edges).push_back(index);
  }
  std::sort(core.roots.begin(), core.roots.end());
  std::sort(core.edges.begin(), core.edges.end());
  std::sort(core.rules.begin(), core.rules.end());
  std::sort(core.exclusions.begin(), core.exclusions.end());
  core.sat_calls = solver.calls();
  return core;
}

bool satisfiable_with(const encoder::Encoding& encoding, const std::vector<std::size_t>& roots,
                      const std::vector<std::size_t>& edges, const std::optional<std::vector<std::string>>& rules,
                      const std::optional<std::vector<ExclusionGroup>>& exclusions) {
  GroupSolver solver(encoding);
  std::vector<Lit> assumed;
  for (std::size_t r : roots) assumed.push_back(solver.root_lit(r));
  for (std::size_t e : edges) assumed.push_back(solver.edge_lit(e));
  for (const auto& [rule, lit] : solver.rule_lits())
    if (!rules || std::find(rules->begin(), rules->end(), rule) != rules->end()) assumed.push_back(lit);
  for (const auto& [group, lit] : solver.exclusion_lits())
    if (!exclusions || std::find(exclusions->begin(), exclusions->end(), group) != exclusions->end()) assumed.push_back(lit);
  std::vector<Lit> failed;
  return !solver.unsat(assumed, failed);
}

BestEffort best_effort(const encoder::Encoding& encoding, const sat::SolveLimits& limits) {
  std::vector<sat::ObjectiveLevel> levels;
  sat::ObjectiveLevel kept{"root requirements left out", {}};
  for (std::size_t r : encoding.universe.active_roots) kept.costs.push_back({~encoding.root_selectors[r], 1});
  levels.push_back(std::move(kept));
  levels.insert(levels.end(), encoding.objective.begin(), encoding.objective.end());
  BestEffort out;
  out.solved = sat::solve_lexicographic(encoding.cnf, levels, {}, limits);
  if (out.solved.status != sat::MaxSatStatus::Optimal && out.solved.status != sat::MaxSatStatus::Feasible) return out;
  for (std::size_t r : encoding.universe.active_roots) {
    sat::Lit selector = encoding.root_selectors[r];
    bool value = selector.var().index < out.solved.model.size() && out.solved.model[selector.var().index];
    if (value == selector.negated()) out.left_out.push_back(r);
  }
  return out;
}

}  // namespace thoth::explain
