// Lexicographic weighted MaxSAT (BMO, specs §2.3): one incremental SatSolver for the whole call.
//
//   1. Solve the hard clauses under the caller's assumptions. UNSAT -> the failed assumptions (the
//      explanations feature needs them); otherwise the first model becomes the incumbent.
//   2. The assumptions then hold for the rest of the call, so they are added as unit clauses.
//   3. Each level in order is minimised by core-guided OLL (oll.cpp), which freezes its optimum as
//      clauses before the next level starts (conda's sequential minimise, made incremental, §2.4).
// Every model met on the way is offered to the incumbent, so under a budget the best model so far is
// returned (Feasible) with the proven lower bound of the level that was interrupted.
#include "solver/maxsat.hpp"

#include <algorithm>

#include "solver/oll.hpp"
#include "solver/search_state.hpp"

namespace thoth::sat {
namespace {

// The number of variables the caller knows: the model is cut to this size.
std::uint32_t count_user_vars(const Cnf& hard, std::span<const ObjectiveLevel> levels, std::span<const Lit> assumptions) {
  std::uint32_t count = hard.num_vars();
  for (std::span<const Lit> clause : hard.clauses())
    for (const Lit lit : clause) count = std::max(count, lit.var().index + 1);
  for (const ObjectiveLevel& level : levels)
    for (const WeightedLit& term : level.costs) count = std::max(count, term.lit.var().index + 1);
  for (const Lit lit : assumptions) count = std::max(count, lit.var().index + 1);
  return count;
}

std::vector<LevelOutcome> named_levels(std::span<const ObjectiveLevel> levels) {
  std::vector<LevelOutcome> outcomes;
  for (const ObjectiveLevel& level : levels) outcomes.push_back(LevelOutcome{.name = level.name});
  return outcomes;
}

// Fills costs from the incumbent; a level is proven optimal when its cost meets its lower bound.
void report_incumbent(const Incumbent& incumbent, MaxSatResult& result) {
  result.model = incumbent.model();
  bool all_optimal = true;
  for (std::size_t i = 0; i < result.levels.size(); ++i) {
    LevelOutcome& level = result.levels[i];
    level.cost = incumbent.costs()[i];
    level.lower_bound = std::min(level.lower_bound, level.cost);
    level.proven_optimal = level.cost == level.lower_bound;
    all_optimal = all_optimal && level.proven_optimal;
  }
  result.status = all_optimal ? MaxSatStatus::Optimal : MaxSatStatus::Feasible;
}

}  // namespace

MaxSatResult solve_lexicographic(const Cnf& hard, std::span<const ObjectiveLevel> levels,
                                 std::span<const Lit> assumptions, const SolveLimits& limits) {
  MaxSatResult result;
  result.levels = named_levels(levels);
  SatSolver solver;
  const std::uint32_t user_vars = count_user_vars(hard, levels, assumptions);
  solver.ensure_vars(user_vars);
  solver.add_cnf(hard);
  const Budget budget(limits, solver);
  Incumbent incumbent(levels, user_vars);

  const auto first_call = budget.next_call();
  const Answer answer = first_call ? solver.solve(assumptions, *first_call) : Answer::Unknown;
  result.sat_calls = solver.calls();
  if (answer == Answer::Unknown) return result;
  if (answer == Answer::Unsatisfiable) {
    result.status = MaxSatStatus::Unsatisfiable;
    result.failed_assumptions = solver.failed_assumptions();
    return result;
  }
  incumbent.offer(solver.model());
  for (const Lit lit : assumptions) solver.add_clause(std::vector<Lit>{lit});

  for (std::size_t i = 0; i < levels.size(); ++i) {
    const LevelSearch search = minimise_level(solver, budget, incumbent, i, levels[i].costs);
    result.levels[i].lower_bound = search.lower_bound;
    if (!search.optimal) break;
  }
  report_incumbent(incumbent, result);
  result.sat_calls = solver.calls();
  return result;
}

}  // namespace thoth::sat
