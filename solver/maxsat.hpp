// Lexicographic weighted MaxSAT on the incremental SAT solver.
//
// Levels are solved in order; each level's optimum is frozen (as a hard bound) before the next.
// The result says whether every level is proven optimal; under a time or conflict budget it returns
// the best model found so far and says so.
//
//   Cnf hard = ...;  std::vector<ObjectiveLevel> levels = {{"direct", ...}, {"transitive", ...}};
//   MaxSatResult r = solve_lexicographic(hard, levels, {}, {.time = 5s});
//   if (r.status == MaxSatStatus::Optimal) use(r.model);
#pragma once

#include <span>
#include <string>
#include <vector>

#include "solver/sat_solver.hpp"
#include "solver/types.hpp"

namespace thoth::sat {

enum class MaxSatStatus {
  Optimal,         // model valid, every level proven optimal
  Feasible,        // model valid, a budget ran out before optimality was proven
  Unsatisfiable,   // the hard clauses (under the assumptions) have no model
  Unknown,         // a budget ran out before any model was found
};

struct LevelOutcome {
  std::string name;
  std::uint64_t cost = 0;         // of the returned model
  std::uint64_t lower_bound = 0;  // proven: no model (given earlier levels) costs less
  bool proven_optimal = false;    // cost == lower_bound
};

struct MaxSatResult {
  MaxSatStatus status = MaxSatStatus::Unknown;
  std::vector<bool> model;               // indexed by Var::index
  std::vector<LevelOutcome> levels;      // one per input level, in order
  std::vector<Lit> failed_assumptions;   // when Unsatisfiable: a subset of `assumptions`
  std::uint64_t sat_calls = 0;
};

// `assumptions` hold for this call only (e.g. selector literals for explanations).
[[nodiscard]] MaxSatResult solve_lexicographic(const Cnf& hard, std::span<const ObjectiveLevel> levels,
                                               std::span<const Lit> assumptions = {},
                                               const SolveLimits& limits = {});

// Enumerates every assignment: only for tiny problems in tests (num_vars <= 20).
[[nodiscard]] MaxSatResult solve_brute_force(const Cnf& hard, std::span<const ObjectiveLevel> levels,
                                             std::span<const Lit> assumptions = {});

}  // namespace thoth::sat
