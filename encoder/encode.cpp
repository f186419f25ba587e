// Encodes a universe into CNF with origins (docs/encoding.md has each clause kind and an example).
//
// The version choice of a package with candidates x0..x(n-1) (newest first) uses a ladder, the
// order encoding of its rank: older[k] <-> rank >= k. Four clause families make it exact:
//   x_k -> older[k],  older[k+1] -> older[k],  x_(k-1) -> ¬older[k],  older[k] -> x_k ∨ older[k+1]
// which is an at-most-one constraint of 4n binary/ternary clauses (small for packages with
// hundreds of versions), a unit-weight "prefer newest" cost (rank = number of true older[k]), and
// a way to say "version in ranks a..b" with one literal, which keeps dependency clauses short.
#include "encoder/encoding.hpp"

#include "base/error.hpp"
#include "base/limits.hpp"
#include "encoder/conditions.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace thoth::encoder {
namespace {

using sat::Lit;
using sat::Var;

class Encoder {
 public:
  Encoder(const Problem& problem, Universe universe) : m_problem(problem), m_conditions(m_out) {
    m_out.universe = std::move(universe);
  }

  Encoding run() {
    reserve();
    for (std::size_t p = 0; p < packages().size(); ++p) encode_package(p);
    encode_roots();
    for (std::size_t e = 0; e < edges().size(); ++e) encode_edge(e);
    encode_required_by();
    build_objective();
    encode_rules();
    return std::move(m_out);
  }

 private:
  // Room for the clauses most universes need: 4 ladder clauses per candidate, a dependency clause and
  // one per requested extra per edge, a required-by clause and an extra clause per package and extra.
  void reserve() {
    std::size_t clauses = 0, literals = 0;
    for (const PackageNode& node : packages()) {
      clauses += 4 * node.candidates.size() + 2 * node.extras.size() + 1;
      literals += 10 * node.candidates.size() + 4 * node.extras.size() + 2;
    }
    for (const Edge& edge : edges()) {
      clauses += 2 + edge.target_extras.size();
      literals += 4 + edge.admitted.size() + 3 * edge.target_extras.size();
    }
    m_out.cnf.reserve(clauses, literals);
    m_out.origins.reserve(clauses);
    m_out.vars.reserve(packages().size());
  }

  const std::vector<PackageNode>& packages() const { return m_out.universe.packages; }
  const std::vector<Edge>& edges() const { return m_out.universe.edges; }
  Var new_var() { return m_out.cnf.new_var(); }
  static Lit pos(Var v) { return Lit::positive(v); }
  static Lit neg(Var v) { return Lit::negative(v); }


  void encode_package(std::size_t p) {
    const PackageNode& node = packages()[p];
    PackageVars vars;
    std::size_t n = node.candidates.size();
    for (std::size_t k = 0; k < n; ++k) vars.version.push_back(new_var());
    for (std::size_t k = 1; k < n; ++k) vars.older.push_back(new_var());
    vars.installed = new_var();
    for (const std::string& extra : node.extras) vars.extras.emplace(extra, new_var());
    m_out.vars.push_back(std::move(vars));
    encode_ladder(p);
    for (const auto& [extra, var] : m_out.vars[p].extras)
      m_out.add_clause({neg(var), pos(m_out.vars[p].installed)}, ExtraNeedsPackageOrigin{p, extra});
    for (std::size_t k = 0; k < node.guards.size(); ++k)  // only under Problem::relax_exclusions
      for (const Exclusion& guard : node.guards[k]) m_out.add_clause({neg(m_out.vars[p].version[k])}, ExclusionOrigin{p, guard.kind});
  }

  // older(k) for k >= 1 is the ladder variable "rank >= k"; older(0) is "installed".
  Lit older(std::size_t p, std::size_t k) const {
    const PackageVars& v = m_out.vars[p];
    return k == 0 ? pos(v.installed) : pos(v.older[k - 1]);
  }

  void encode_ladder(std::size_t p) {
    const PackageVars& v = m_out.vars[p];
    std::size_t n = v.version.size();
    AtMostOneVersionOrigin origin{p};
    if (n == 0) {
      m_out.add_clause({neg(v.installed)}, origin);
      return;
    }
    for (std::size_t k = 0; k < n; ++k) {
      m_out.add_clause({neg(v.version[k]), older(p, k)}, origin);                   // x_k -> rank >= k
      if (k + 1 < n) {
        m_out.add_clause({~older(p, k + 1), older(p, k)}, origin);                   // rank >= k+1 -> rank >= k
        m_out.add_clause({neg(v.version[k]), ~older(p, k + 1)}, origin);             // x_k -> rank < k+1
        m_out.add_clause({~older(p, k), pos(v.version[k]), older(p, k + 1)}, origin); // rank >= k -> x_k ∨ rank >= k+1
      } else {
        m_out.add_clause({~older(p, k), pos(v.version[k])}, origin);                  // rank >= n-1 -> x_(n-1)
      }
    }
  }

  // A literal meaning "the chosen version of p has a rank in first..last".
  Lit range_literal(std::size_t p, std::size_t first, std::size_t last) {
    std::size_t n = m_out.vars[p].version.size();
    if (first == last) return pos(m_out.vars[p].version[first]);
    if (last + 1 == n) return older(p, first);
    auto key = std::make_tuple(p, first, last);
    if (auto it = m_ranges.find(key); it != m_ranges.end()) return it->second;
    Lit in_range = pos(new_var());
    VersionRangeOrigin origin{p, first, last};
    m_out.add_clause({~in_range, older(p, first)}, origin);
    m_out.add_clause({~in_range, ~older(p, last + 1)}, origin);
    m_ranges.emplace(key, in_range);
    m_out.ranges.push_back({p, first, last, in_range});
    return in_range;
  }

  // Literals covering the admitted candidate indices (ascending), one per maximal run of ranks.
  std::vector<Lit> admitted_literals(std::size_t p, const std::vector<std::size_t>& admitted) {
    std::vector<Lit> lits;
    for (std::size_t i = 0; i < admitted.size();) {
      std::size_t j = i;
      while (j + 1 < admitted.size() && admitted[j + 1] == admitted[j] + 1) ++j;
      lits.push_back(range_literal(p, admitted[i], admitted[j]));
      i = j + 1;
    }
    return lits;
  }

  void encode_roots() {
    for (std::size_t r = 0; r < m_problem.roots.size(); ++r) m_out.root_selectors.push_back(pos(new_var()));
  }

  // The literals that make an edge's condition false: ¬parent version [∨ ¬parent extra], or ¬selector.
  sat::Clause edge_condition(const Edge& edge) {
    if (edge.parent_package == kRootParent) return {~m_out.root_selectors[edge.root]};
    const PackageVars& parent = m_out.vars[edge.parent_package];
    sat::Clause condition{neg(parent.version[edge.parent_candidate])};
    if (!edge.parent_extra.empty()) condition.push_back(neg(parent.extras.at(edge.parent_extra)));
    return condition;
  }

  void encode_edge(std::size_t e) {
    const Edge& edge = edges()[e];
    sat::Clause clause = edge_condition(edge);
    std::vector<Lit> targets = admitted_literals(edge.target, edge.admitted);
    clause.insert(clause.end(), targets.begin(), targets.end());
    add_rule_literals(edge, clause);
    ClauseOrigin origin = edge.parent_package == kRootParent ? ClauseOrigin{RootRequirementOrigin{edge.root}}
                                                             : ClauseOrigin{DependencyOrigin{e}};
    m_out.add_clause(std::move(clause), origin);
    for (const std::string& extra : edge.target_extras) {
      sat::Clause request = edge_condition(edge);
      request.push_back(pos(m_out.vars[edge.target].extras.at(extra)));
      m_out.add_clause(std::move(request), ExtraRequestOrigin{e});
    }
  }

  // The literal "this edge is in force": the root's selector, the parent version, or
  // (parent version ∧ parent extra) through a memoised auxiliary variable.
  Lit requester(const Edge& edge) {
    if (edge.parent_package == kRootParent) return m_out.root_selectors[edge.root];
    const PackageVars& parent = m_out.vars[edge.parent_package];
    Lit version = pos(parent.version[edge.parent_candidate]);
    if (edge.parent_extra.empty()) return version;
    auto key = std::make_tuple(edge.parent_package, edge.parent_candidate, edge.parent_extra);
    if (auto it = m_requesters.find(key); it != m_requesters.end()) return it->second;
    Lit both = pos(new_var());
    RequiredByOrigin origin{edge.parent_package, edge.parent_extra};
    m_out.add_clause({~both, version}, origin);
    m_out.add_clause({~both, pos(parent.extras.at(edge.parent_extra))}, origin);
    m_requesters.emplace(key, both);
    m_out.requesters.push_back({edge.parent_package, edge.parent_candidate, edge.parent_extra, both});
    return both;
  }

  // installed(p) -> some edge in force requires p; extra(p, f) -> some edge in force requests it.
  void encode_required_by() {
    std::vector<std::vector<Lit>> by_package(packages().size());
    std::vector<std::map<std::string, std::vector<Lit>>> by_extra(packages().size());
    for (const Edge& edge : edges()) {
      Lit lit = requester(edge);
      by_package[edge.target].push_back(lit);
      for (const Edge::Alternative& alternative : edge.alternatives) by_package[alternative.target].push_back(lit);
      for (const std::string& extra : edge.target_extras) by_extra[edge.target][extra].push_back(lit);
    }
    for (std::size_t p = 0; p < packages().size(); ++p) {
      add_required_by(p, "", pos(m_out.vars[p].installed), std::move(by_package[p]));
      for (const auto& [extra, var] : m_out.vars[p].extras) add_required_by(p, extra, pos(var), std::move(by_extra[p][extra]));
    }
  }

  void add_required_by(std::size_t p, const std::string& extra, Lit what, std::vector<Lit> requesters) {
    std::sort(requesters.begin(), requesters.end());
    requesters.erase(std::unique(requesters.begin(), requesters.end()), requesters.end());
    sat::Clause clause{~what};
    clause.insert(clause.end(), requesters.begin(), requesters.end());
    m_out.add_clause(std::move(clause), RequiredByOrigin{p, extra});
  }

  void build_objective() { m_out.objective = encoder::build_objective(m_problem, m_out.universe, m_out.vars); }

  // Rules on an edge (docs/encoding.md §6): alternatives satisfy it too; a waiver literal (true only
  // when the waiving condition holds) or ¬(true whenever the enabling condition holds) switches it off.
  void add_rule_literals(const Edge& edge, sat::Clause& clause) {
    for (const Edge::Alternative& alternative : edge.alternatives) {
      std::vector<Lit> lits = admitted_literals(alternative.target, alternative.admitted);
      clause.insert(clause.end(), lits.begin(), lits.end());
    }
    if (edge.waived_when) clause.push_back(m_conditions.implies(*edge.waived_when, edge.rule));
    if (edge.only_when) clause.push_back(~m_conditions.forced_by(*edge.only_when, edge.rule));
  }

  sat::ObjectiveLevel* level_named(std::string_view name) {
    for (sat::ObjectiveLevel& level : m_out.objective)
      if (level.name == name) return &level;
    return nullptr;
  }

  // Forbidden conditions as hard clauses (kept in the encoding for explanations); scored ones on the
  // prescription score levels of the recommendation type (objective.cpp), ignored where it has none.
  void encode_rules() {
    if (!m_problem.rules.rules) return;
    Rules rules = m_problem.rules.rules(m_out.universe);
    for (const ForbiddenCondition& forbidden : rules.forbidden) m_conditions.forbid(forbidden.condition, forbidden.rule);
    m_out.forbidden = std::move(rules.forbidden);
    sat::ObjectiveLevel* penalties = level_named(kNegativeScoreLevel);
    sat::ObjectiveLevel* rewards = level_named(kPositiveScoreLevel);
    for (const ScoredCondition& scored : rules.scored) m_conditions.score(scored, penalties, rewards);
  }

  const Problem& m_problem;
  Encoding m_out;
  ConditionEncoder m_conditions;
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, Lit> m_ranges;
  std::map<std::tuple<std::size_t, std::size_t, std::string>, Lit> m_requesters;
};

}  // namespace

namespace {

// Bounded resources (base/limits.hpp): a universe past --max-universe stops here, before the CNF.
void check_universe_size(const Universe& universe) {
  std::size_t releases = 0;
  for (const PackageNode& package : universe.packages) releases += package.candidates.size();
  std::size_t limit = input_limits().max_universe_releases;
  if (releases > limit)
    throw InputError("the resolution reaches " + std::to_string(releases) + " candidate releases, over the limit of " +
                         std::to_string(limit),
                     "universe", "raise the limit with --max-universe N");
}

}  // namespace

Encoding encode(const Problem& problem, index::PackageSource& source) {
  Universe universe = build_universe(problem, source);
  check_universe_size(universe);
  return Encoder(problem, std::move(universe)).run();
}

Encoding encode_universe(const Problem& problem, Universe universe) {
  check_universe_size(universe);
  return Encoder(problem, std::move(universe)).run();
}

}  // namespace thoth::encoder
