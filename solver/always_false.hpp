// Bulk detection of literals that are false in every model (a backbone filter over candidates).
// For a minimiser these are the unit cores, found here with a few SAT calls instead of one each.
#pragma once

#include <vector>

#include "solver/sat_solver.hpp"
#include "solver/search_state.hpp"
#include "solver/types.hpp"

namespace thoth::sat {

// Returns the subset of `candidates` (all false in the incumbent) proven false in every model of the
// solver's clauses; empty when no proof came within `max_rounds` calls or the budget. Every model met
// is offered to `incumbent`. Adds only clauses that are switched off afterwards.
[[nodiscard]] std::vector<Lit> find_always_false(SatSolver& solver, const Budget& budget, Incumbent& incumbent,
                                                 std::vector<Lit> candidates, int max_rounds);

}  // namespace thoth::sat
