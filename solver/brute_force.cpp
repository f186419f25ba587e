// Brute-force lexicographic MaxSAT: tries all 2^n assignments. An independent oracle for tests
// (PubGrub's SatResolve idea), never used by the resolver. Ties keep the first assignment in
// counting order, so the answer is deterministic.
#include <stdexcept>

#include "solver/maxsat.hpp"
#include "solver/search_state.hpp"

namespace thoth::sat {
namespace {

constexpr std::uint32_t kMaxVars = 20;

std::uint32_t count_vars(const Cnf& hard, std::span<const ObjectiveLevel> levels, std::span<const Lit> assumptions) {
  std::uint32_t count = hard.num_vars();
  for (std::span<const Lit> clause : hard.clauses())
    for (const Lit lit : clause) count = std::max(count, lit.var().index + 1);
  for (const ObjectiveLevel& level : levels)
    for (const WeightedLit& term : level.costs) count = std::max(count, term.lit.var().index + 1);
  for (const Lit lit : assumptions) count = std::max(count, lit.var().index + 1);
  return count;
}

bool holds(Lit lit, const std::vector<bool>& model) { return model[lit.var().index] != lit.negated(); }

bool satisfies(const Cnf& hard, std::span<const Lit> assumptions, const std::vector<bool>& model) {
  for (const Lit lit : assumptions)
    if (!holds(lit, model)) return false;
  for (std::span<const Lit> clause : hard.clauses()) {
    bool satisfied = false;
    for (const Lit lit : clause) satisfied = satisfied || holds(lit, model);
    if (!satisfied) return false;
  }
  return true;
}

std::vector<bool> assignment(std::uint64_t bits, std::uint32_t vars) {
  std::vector<bool> model(vars);
  for (std::uint32_t i = 0; i < vars; ++i) model[i] = ((bits >> i) & 1U) != 0;
  return model;
}

bool satisfiable(const Cnf& hard, std::span<const Lit> assumptions, std::uint32_t vars) {
  for (std::uint64_t bits = 0; bits < (std::uint64_t{1} << vars); ++bits)
    if (satisfies(hard, assumptions, assignment(bits, vars))) return true;
  return false;
}

// A minimal subset of `assumptions` that cannot hold together (deletion-based).
std::vector<Lit> minimal_failed(const Cnf& hard, std::span<const Lit> assumptions, std::uint32_t vars) {
  std::vector<Lit> core(assumptions.begin(), assumptions.end());
  for (std::size_t i = 0; i < core.size();) {
    std::vector<Lit> without(core);
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
    if (satisfiable(hard, without, vars)) {
      ++i;
    } else {
      core = std::move(without);
    }
  }
  return core;
}

}  // namespace

MaxSatResult solve_brute_force(const Cnf& hard, std::span<const ObjectiveLevel> levels, std::span<const Lit> assumptions) {
  const std::uint32_t vars = count_vars(hard, levels, assumptions);
  if (vars > kMaxVars) throw std::invalid_argument("solve_brute_force: expected at most 20 variables");
  MaxSatResult result;
  Incumbent incumbent(levels, vars);
  for (std::uint64_t bits = 0; bits < (std::uint64_t{1} << vars); ++bits) {
    const std::vector<bool> model = assignment(bits, vars);
    if (satisfies(hard, assumptions, model)) incumbent.offer(model);
  }
  if (!incumbent.has_model()) {
    result.status = MaxSatStatus::Unsatisfiable;
    if (satisfiable(hard, {}, vars)) result.failed_assumptions = minimal_failed(hard, assumptions, vars);
    return result;
  }
  result.status = MaxSatStatus::Optimal;
  result.model = incumbent.model();
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const std::uint64_t cost = incumbent.costs()[i];
    result.levels.push_back(LevelOutcome{.name = levels[i].name, .cost = cost, .lower_bound = cost, .proven_optimal = true});
  }
  return result;
}

}  // namespace thoth::sat
