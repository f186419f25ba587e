// OLL core-guided MaxSAT for one level, RC2 style (Ignatiev, Morgado, Marques-Silva, JSAT 2019), with
// stratification, weight-aware core extraction (WCE, Berg & Järvisalo 2017), core trimming and
// hardening. Why core-guided: the resolver's optimum is usually small ("newest everywhere" is nearly
// feasible), so a handful of small cores prove it; totalizers are built only over those cores.
//
// Terms. Each objective term is an assumption literal `a` with a residual weight w(a): the term costs
// w(a) when `a` is false. A cost literal l of weight w starts as the term (¬l, w). Invariant, for every
// assignment X of the user's variables with the auxiliary outputs set to their least values:
//     cost(X) = lower_bound + Σ { w(a) : a false in X }.
// Step on an unsat core K = {a1..ak} (hard clauses ∧ K is unsat, so at least one ai is false):
//   w = min w(ai);  lower_bound += w;  w(ai) -= w (terms at zero leave);
//   k = 1: add the unit (¬a1): the term is false in every model (hardening by a unit core);
//   k > 1: totalizer T over {¬a1..¬ak}; add (T≥1) and the new term (¬(T≥2), w).
//   When a totalizer term ¬(T≥j) leaves, the term ¬(T≥j+1) with the totalizer's weight joins.
// Stratification: only terms with w(a) >= threshold are assumed; on SAT the threshold drops to the
// next weight. WCE: new totalizers wait until the current stratum is SAT, so disjoint cores come first.
// Hardening: a term with lower_bound + w(a) > upper_bound holds in every optimum; it becomes a unit.
// Freezing: at the optimum every remaining term is true in every optimal X (by the invariant), so
// the units (a) for all remaining terms keep exactly the optimal models of this level.
#include "solver/oll.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

#include "solver/always_false.hpp"
#include "solver/totalizer.hpp"

namespace thoth::sat {
namespace {

constexpr std::uint64_t kMinimiseConflicts = 1000;  // per call while shrinking a core (RC2 uses 1000)
constexpr std::size_t kTrimMinCore = 4;              // smaller cores rarely shrink; a call costs O(vars)
constexpr int kTrimRounds = 3;
constexpr std::size_t kMinForcedCandidates = 8;  // below this, OLL's own unit cores are as cheap
constexpr int kForcedRounds = 8;

class OllSearch {
 public:
  OllSearch(SatSolver& solver, const Budget& budget, Incumbent& incumbent, std::size_t level,
            std::span<const WeightedLit> costs)
      : m_solver(solver), m_budget(budget), m_incumbent(incumbent), m_level(level) {
    add_normalised_terms(costs);
  }

  LevelSearch run();

 private:
  struct Term {
    std::uint64_t weight = 0;
    std::int32_t sum = -1;     // the totalizer this term bounds, or -1 for a cost literal
    std::uint32_t bound = 0;   // the term is ¬(sum ≥ bound)
  };
  struct Sum {
    std::unique_ptr<Totalizer> totalizer;
    std::uint64_t weight = 0;
  };
  struct PendingSum {
    std::vector<Lit> inputs;
    std::uint64_t weight = 0;
  };
  struct PendingBound {
    std::int32_t sum = -1;
    std::uint32_t bound = 0;
  };

  void add_normalised_terms(std::span<const WeightedLit> costs);
  [[nodiscard]] std::uint64_t upper_bound() const { return m_incumbent.costs()[m_level]; }
  [[nodiscard]] const std::vector<Lit>& active_assumptions(std::uint64_t threshold);
  [[nodiscard]] std::uint64_t next_threshold(std::uint64_t threshold) const;
  bool on_satisfiable(std::uint64_t& threshold);
  void trim_core(std::vector<Lit>& core);
  void relax_core(const std::vector<Lit>& core);
  void apply_pending();
  void add_sum_bound(std::int32_t sum, std::uint32_t bound);
  void harden();
  void harden_forced_terms();
  LevelSearch finish();

  SatSolver& m_solver;
  const Budget& m_budget;
  Incumbent& m_incumbent;
  std::size_t m_level;
  std::uint64_t m_lower_bound = 0;
  std::map<Lit, Term> m_terms;  // keyed by the assumption literal; ordered for determinism
  std::vector<Sum> m_sums;
  std::vector<PendingSum> m_pending_sums;
  std::vector<PendingBound> m_pending_bounds;
  std::vector<Lit> m_active;
  std::uint64_t m_active_threshold = 0;
  bool m_active_valid = false;
};

// Merges repeated literals and cancels l against ¬l (w1·l + w2·¬l = min + residual on one side).
void OllSearch::add_normalised_terms(std::span<const WeightedLit> costs) {
  std::map<std::uint32_t, std::pair<std::uint64_t, std::uint64_t>> weights;  // var -> (positive, negative)
  for (const WeightedLit& term : costs) {
    auto& [positive, negative] = weights[term.lit.var().index];
    auto& side = term.lit.negated() ? negative : positive;
    side = add_saturating(side, term.weight);
  }
  for (auto [index, pair] : weights) {
    auto [positive, negative] = pair;
    const std::uint64_t always = std::min(positive, negative);
    m_lower_bound = add_saturating(m_lower_bound, always);
    const Var var{index};
    if (positive > always) m_terms[Lit::negative(var)] = Term{.weight = positive - always};
    if (negative > always) m_terms[Lit::positive(var)] = Term{.weight = negative - always};
  }
}

// Cached between calls: with tens of thousands of terms, rebuilding it for every call would cost as
// much as the call itself. Any change of the terms or of the threshold clears the cache.
const std::vector<Lit>& OllSearch::active_assumptions(std::uint64_t threshold) {
  if (m_active_valid && m_active_threshold == threshold) return m_active;
  m_active.clear();
  for (const auto& [lit, term] : m_terms)
    if (term.weight >= threshold) m_active.push_back(lit);
  m_active_threshold = threshold;
  m_active_valid = true;
  return m_active;
}

std::uint64_t OllSearch::next_threshold(std::uint64_t threshold) const {
  std::uint64_t next = 0;
  for (const auto& [lit, term] : m_terms)
    if (term.weight < threshold) next = std::max(next, term.weight);
  return next;
}

LevelSearch OllSearch::run() {
  harden_forced_terms();
  std::uint64_t threshold = next_threshold(std::numeric_limits<std::uint64_t>::max());
  while (true) {
    if (upper_bound() <= m_lower_bound) return finish();
    const auto limits = m_budget.next_call();
    if (!limits) return LevelSearch{.lower_bound = m_lower_bound, .optimal = false};
    const Answer answer = m_solver.solve(active_assumptions(threshold), *limits);
    if (answer == Answer::Unknown) return LevelSearch{.lower_bound = m_lower_bound, .optimal = false};
    if (answer == Answer::Satisfiable) {
      if (!on_satisfiable(threshold)) return finish();
      continue;
    }
    std::vector<Lit> core = m_solver.failed_assumptions();
    if (core.empty()) throw std::logic_error("minimise_level: the clauses became unsatisfiable");
    if (core.size() > kTrimMinCore) trim_core(core);
    relax_core(core);
  }
}

// Returns false when the search is over (the model meets the lower bound).
bool OllSearch::on_satisfiable(std::uint64_t& threshold) {
  m_incumbent.offer(m_solver.model());
  if (!m_pending_sums.empty() || !m_pending_bounds.empty()) {
    apply_pending();  // WCE: the stratum is satisfiable once relaxed; now add the deferred totalizers
    return true;
  }
  if (upper_bound() <= m_lower_bound) return false;
  harden();
  const std::uint64_t next = next_threshold(threshold);
  if (next == 0) throw std::logic_error("minimise_level: a model met every term above the lower bound");
  threshold = next;
  return true;
}

// Re-solves under the core alone while that shrinks it (RC2 "trim").
void OllSearch::trim_core(std::vector<Lit>& core) {
  for (int round = 0; round < kTrimRounds && core.size() > 1; ++round) {
    const auto limits = m_budget.next_call(kMinimiseConflicts);
    if (!limits || m_solver.solve(core, *limits) != Answer::Unsatisfiable) return;
    const std::vector<Lit>& smaller = m_solver.failed_assumptions();
    if (smaller.empty() || smaller.size() >= core.size()) return;
    core = smaller;
  }
}

void OllSearch::relax_core(const std::vector<Lit>& core) {
  m_active_valid = false;
  std::uint64_t weight = std::numeric_limits<std::uint64_t>::max();
  for (const Lit lit : core) weight = std::min(weight, m_terms.at(lit).weight);
  m_lower_bound = add_saturating(m_lower_bound, weight);
  for (const Lit lit : core) {
    Term& term = m_terms.at(lit);
    term.weight -= weight;
    if (term.weight > 0) continue;
    if (term.sum >= 0) m_pending_bounds.push_back(PendingBound{.sum = term.sum, .bound = term.bound + 1});
    m_terms.erase(lit);
  }
  if (core.size() == 1) {
    m_solver.add_clause(std::vector<Lit>{~core.front()});
    return;
  }
  PendingSum sum{.inputs = {}, .weight = weight};
  for (const Lit lit : core) sum.inputs.push_back(~lit);
  m_pending_sums.push_back(std::move(sum));
}

void OllSearch::apply_pending() {
  for (const PendingBound& pending : m_pending_bounds) add_sum_bound(pending.sum, pending.bound);
  m_pending_bounds.clear();
  for (PendingSum& pending : m_pending_sums) {
    m_sums.push_back(Sum{.totalizer = std::make_unique<Totalizer>(pending.inputs), .weight = pending.weight});
    const auto index = static_cast<std::int32_t>(m_sums.size() - 1);
    m_sums.back().totalizer->extend(m_solver, 1);
    m_solver.add_clause(std::vector<Lit>{m_sums.back().totalizer->at_least(1)});  // the core: one input holds
    add_sum_bound(index, 2);
  }
  m_pending_sums.clear();
}

// Adds the term ¬(sum ≥ bound) with the sum's weight, unless the bound exceeds the sum's inputs.
void OllSearch::add_sum_bound(std::int32_t sum, std::uint32_t bound) {
  Totalizer& totalizer = *m_sums[sum].totalizer;
  if (bound > totalizer.size()) return;
  m_active_valid = false;
  totalizer.extend(m_solver, bound);
  Term& term = m_terms[~totalizer.at_least(bound)];
  term = Term{.weight = add_saturating(term.weight, m_sums[sum].weight), .sum = sum, .bound = bound};
}

void OllSearch::harden() {
  const std::uint64_t upper = upper_bound();
  for (auto it = m_terms.begin(); it != m_terms.end();) {
    if (add_saturating(m_lower_bound, it->second.weight) <= upper) {
      ++it;
      continue;
    }
    m_solver.add_clause(std::vector<Lit>{it->first});  // for a bound ¬(T ≥ j): T never reaches j
    it = m_terms.erase(it);
    m_active_valid = false;
  }
}

// Terms the incumbent violates that every model violates: unit cores, all relaxed at once.
void OllSearch::harden_forced_terms() {
  const std::vector<bool>& model = m_incumbent.model();
  std::vector<Lit> violated;
  for (const auto& [lit, term] : m_terms)
    if (lit.var().index < model.size() && model[lit.var().index] == lit.negated()) violated.push_back(lit);
  if (violated.size() < kMinForcedCandidates) return;
  for (const Lit lit : find_always_false(m_solver, m_budget, m_incumbent, violated, kForcedRounds)) {
    m_lower_bound = add_saturating(m_lower_bound, m_terms.at(lit).weight);
    m_solver.add_clause(std::vector<Lit>{~lit});
    m_terms.erase(lit);
  }
}

LevelSearch OllSearch::finish() {
  apply_pending();
  for (const auto& [lit, term] : m_terms) m_solver.add_clause(std::vector<Lit>{lit});
  return LevelSearch{.lower_bound = upper_bound(), .optimal = true};
}

}  // namespace

LevelSearch minimise_level(SatSolver& solver, const Budget& budget, Incumbent& incumbent, std::size_t level_index,
                           std::span<const WeightedLit> costs) {
  OllSearch search(solver, budget, incumbent, level_index, costs);
  return search.run();
}

}  // namespace thoth::sat
