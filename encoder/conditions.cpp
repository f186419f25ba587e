// Encodes rule conditions (docs/encoding.md §6). An atom "P installed at a matching version" is a set
// of ranks of P, split into maximal runs a..b. The ladder makes "rank in a..b" exact as
// older(a) ∧ ¬older(b+1), so a lower-bound literal m (true whenever the atom holds) needs one clause
// per run, (¬older(a) ∨ older(b+1) ∨ m), and an upper-bound literal u (true only when it holds) is
// (¬u ∨ r_1 ∨ … ∨ r_j) over one range literal per run. Forbidding a combination needs lower bounds
// only; rewarding one needs an upper bound, penalising one a lower bound.
#include "encoder/conditions.hpp"

#include <algorithm>
#include <cmath>

namespace thoth::encoder {

using sat::Lit;

bool VersionMatch::matches(const index::Release& release) const {
  return !specifier || specifier->contains(release.version, true);
}

namespace {
std::string describe_match(const VersionMatch& match) {
  std::string text = match.specifier ? match.specifier->to_string() : "";
  return match.package + (text.empty() ? "" : " " + text);
}
}  // namespace

std::string describe_condition(const Condition& condition) {
  std::string out;
  for (const VersionMatch& match : condition.installed) out += (out.empty() ? "" : " with ") + describe_match(match);
  std::string introduced;
  for (const IntroducedBy& by : condition.introduced_by)
    introduced += (introduced.empty() ? "" : " or ") + by.package + " required by " + describe_match(by.parent) +
                  (by.allow_other ? "" : " alone");
  if (!introduced.empty()) out += (out.empty() ? "" : " with ") + introduced;
  return out;
}

Lit ConditionEncoder::constant(bool value) {
  if (!m_false) {
    m_false = new_lit();
    m_out.add_clause({~*m_false}, PrescriptionConditionOrigin{"constant"});
  }
  return value ? ~*m_false : *m_false;
}

Lit ConditionEncoder::older(std::size_t p, std::size_t k) const {
  const PackageVars& v = m_out.vars[p];
  return k == 0 ? Lit::positive(v.installed) : Lit::positive(v.older[k - 1]);
}

std::optional<std::size_t> ConditionEncoder::package_of(const std::string& name) const {
  auto it = m_out.universe.by_name.find(name);
  if (it == m_out.universe.by_name.end()) return std::nullopt;
  return it->second;
}

ConditionEncoder::Runs ConditionEncoder::matching_runs(const VersionMatch& match) const {
  Runs runs;
  auto p = package_of(match.package);
  if (!p) return runs;
  const auto& candidates = m_out.universe.packages[*p].candidates;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    if (!match.matches(*candidates[k])) continue;
    if (!runs.empty() && runs.back().second + 1 == k) runs.back().second = k;
    else runs.emplace_back(k, k);
  }
  return runs;
}

// A literal that implies "the rank of p is in first..last".
Lit ConditionEncoder::run_implied(std::size_t p, std::size_t first, std::size_t last, const std::string& rule) {
  std::size_t n = m_out.vars[p].version.size();
  if (first == last) return Lit::positive(m_out.vars[p].version[first]);
  if (last + 1 == n) return older(p, first);
  auto key = std::make_tuple(p, first, last);
  if (auto it = m_runs.find(key); it != m_runs.end()) return it->second;
  Lit in_run = new_lit();
  m_out.add_clause({~in_run, older(p, first)}, PrescriptionConditionOrigin{rule});
  m_out.add_clause({~in_run, ~older(p, last + 1)}, PrescriptionConditionOrigin{rule});
  m_runs.emplace(key, in_run);
  return in_run;
}

Lit ConditionEncoder::installed_forced(const VersionMatch& match, const std::string& rule) {
  Runs runs = matching_runs(match);
  if (runs.empty()) return constant(false);
  std::size_t p = *package_of(match.package);
  std::size_t n = m_out.vars[p].version.size();
  if (runs.size() == 1 && runs[0].first == 0 && runs[0].second + 1 == n) return older(p, 0);
  if (runs.size() == 1 && runs[0].first == runs[0].second) return Lit::positive(m_out.vars[p].version[runs[0].first]);
  Lit m = new_lit();
  for (auto [first, last] : runs) {
    sat::Clause clause{~older(p, first)};
    if (last + 1 < n) clause.push_back(older(p, last + 1));
    clause.push_back(m);
    m_out.add_clause(std::move(clause), PrescriptionConditionOrigin{rule});
  }
  return m;
}

Lit ConditionEncoder::installed_implying(const VersionMatch& match, const std::string& rule) {
  Runs runs = matching_runs(match);
  if (runs.empty()) return constant(false);
  std::size_t p = *package_of(match.package);
  if (runs.size() == 1) return run_implied(p, runs[0].first, runs[0].second, rule);
  Lit u = new_lit();
  sat::Clause clause{~u};
  for (auto [first, last] : runs) clause.push_back(run_implied(p, first, last, rule));
  m_out.add_clause(std::move(clause), PrescriptionConditionOrigin{rule});
  return u;
}

// Edges into `by.package`: from a matching parent version (matching_parent), or from anything else.
std::vector<std::size_t> ConditionEncoder::introducing_edges(const IntroducedBy& by, bool matching_parent) const {
  std::vector<std::size_t> found;
  auto child = package_of(by.package);
  if (!child) return found;
  auto parent = package_of(by.parent.package);
  for (std::size_t e = 0; e < m_out.universe.edges.size(); ++e) {
    const Edge& edge = m_out.universe.edges[e];
    if (edge.target != *child) continue;
    bool from_match = parent && edge.parent_package == *parent &&
                      by.parent.matches(*m_out.universe.packages[*parent].candidates[edge.parent_candidate]);
    if (from_match == matching_parent) found.push_back(e);
  }
  return found;
}

// Exactly "the edge is in force": the root selector, the parent version, or parent version ∧ extra.
Lit ConditionEncoder::edge_in_force(std::size_t e, const std::string& rule) {
  const Edge& edge = m_out.universe.edges[e];
  if (edge.parent_package == kRootParent) return m_out.root_selectors[edge.root];
  const PackageVars& parent = m_out.vars[edge.parent_package];
  Lit version = Lit::positive(parent.version[edge.parent_candidate]);
  if (edge.parent_extra.empty()) return version;
  if (auto it = m_edges.find(e); it != m_edges.end()) return it->second;
  Lit extra = Lit::positive(parent.extras.at(edge.parent_extra));
  Lit both = new_lit();
  m_out.add_clause({~both, version}, PrescriptionConditionOrigin{rule});
  m_out.add_clause({~both, extra}, PrescriptionConditionOrigin{rule});
  m_out.add_clause({~version, ~extra, both}, PrescriptionConditionOrigin{rule});
  m_edges.emplace(e, both);
  return both;
}

Lit ConditionEncoder::introduced_forced(const IntroducedBy& by, const std::string& rule) {
  std::vector<std::size_t> from = introducing_edges(by, true);
  if (from.empty()) return constant(false);
  std::optional<Lit> other;  // true only when some other requester is in force
  if (!by.allow_other) {
    std::vector<std::size_t> others = introducing_edges(by, false);
    if (!others.empty()) {
      other = new_lit();
      sat::Clause clause{~*other};
      for (std::size_t e : others) clause.push_back(edge_in_force(e, rule));
      m_out.add_clause(std::move(clause), PrescriptionConditionOrigin{rule});
    }
  }
  Lit i = new_lit();
  for (std::size_t e : from) {
    sat::Clause clause{~edge_in_force(e, rule)};
    if (other) clause.push_back(*other);
    clause.push_back(i);
    m_out.add_clause(std::move(clause), PrescriptionConditionOrigin{rule});
  }
  return i;
}

Lit ConditionEncoder::introduced_implying(const IntroducedBy& by, const std::string& rule) {
  std::vector<std::size_t> from = introducing_edges(by, true);
  if (from.empty()) return constant(false);
  Lit i = new_lit();
  sat::Clause some{~i};
  for (std::size_t e : from) some.push_back(edge_in_force(e, rule));
  m_out.add_clause(std::move(some), PrescriptionConditionOrigin{rule});
  if (!by.allow_other)
    for (std::size_t e : introducing_edges(by, false)) m_out.add_clause({~i, ~edge_in_force(e, rule)}, PrescriptionConditionOrigin{rule});
  return i;
}

void ConditionEncoder::add_negated_conjunction(const Condition& condition, const std::string& rule,
                                               std::optional<Lit> tail, bool hard) {
  sat::Clause base;
  for (const VersionMatch& match : condition.installed) {
    if (matching_runs(match).empty()) return;  // the condition can never hold
    base.push_back(~installed_forced(match, rule));
  }
  std::vector<std::optional<Lit>> introduced;
  for (const IntroducedBy& by : condition.introduced_by) {
    if (introducing_edges(by, true).empty()) continue;
    introduced.emplace_back(introduced_forced(by, rule));
  }
  if (!condition.introduced_by.empty() && introduced.empty()) return;
  if (introduced.empty()) introduced.emplace_back(std::nullopt);
  for (const auto& by : introduced) {
    sat::Clause clause = base;
    if (by) clause.push_back(~*by);
    if (tail) clause.push_back(*tail);
    m_out.add_clause(std::move(clause), hard ? ClauseOrigin{PrescriptionOrigin{rule}} : ClauseOrigin{PrescriptionConditionOrigin{rule}});
  }
}

Lit ConditionEncoder::forced_by(const Condition& condition, const std::string& rule) {
  Lit c = new_lit();
  add_negated_conjunction(condition, rule, c, false);
  return c;
}

Lit ConditionEncoder::implies(const Condition& condition, const std::string& rule) {
  Lit u = new_lit();
  for (const VersionMatch& match : condition.installed)
    m_out.add_clause({~u, installed_implying(match, rule)}, PrescriptionConditionOrigin{rule});
  if (!condition.introduced_by.empty()) {
    sat::Clause some{~u};
    for (const IntroducedBy& by : condition.introduced_by) some.push_back(introduced_implying(by, rule));
    m_out.add_clause(std::move(some), PrescriptionConditionOrigin{rule});
  }
  return u;
}

void ConditionEncoder::forbid(const Condition& condition, const std::string& rule) {
  add_negated_conjunction(condition, rule, std::nullopt, true);
}

void ConditionEncoder::score(const ScoredCondition& scored, sat::ObjectiveLevel* penalties, sat::ObjectiveLevel* rewards) {
  double clamped = std::clamp(scored.score, -1.0, 1.0);
  auto weight = static_cast<std::uint64_t>(std::llround(std::fabs(clamped) * kScoreScale));
  sat::ObjectiveLevel* level = clamped > 0 ? rewards : penalties;
  if (weight == 0 || level == nullptr) return;
  // A reward is a cost on "not surely held"; a penalty a cost on "possibly held".
  Lit cost = clamped > 0 ? ~implies(scored.condition, scored.rule) : forced_by(scored.condition, scored.rule);
  level->costs.push_back({cost, weight});
}

}  // namespace thoth::encoder
