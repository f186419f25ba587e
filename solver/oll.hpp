// Core-guided minimisation of one objective level (OLL, Morgado et al. CP 2014, in the RC2 form of
// Ignatiev, Morgado, Marques-Silva 2018/2019): see oll.cpp for the algorithm and its SAT forms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "solver/sat_solver.hpp"
#include "solver/search_state.hpp"
#include "solver/types.hpp"

namespace thoth::sat {

struct LevelSearch {
  std::uint64_t lower_bound = 0;  // proven, given the clauses in the solver
  bool optimal = false;           // the optimum was reached and frozen into the solver
};

// Minimises the sum of the weights of the true literals of `costs` over the clauses in `solver`.
// requires: the solver's clauses are satisfiable and `incumbent` holds one of their models.
// ensures: every model met is offered to `incumbent`; when `optimal`, clauses forcing the level's cost
//          to its optimum were added to `solver` (the level is frozen); otherwise the budget ran out.
[[nodiscard]] LevelSearch minimise_level(SatSolver& solver, const Budget& budget, Incumbent& incumbent,
                                         std::size_t level_index, std::span<const WeightedLit> costs);

}  // namespace thoth::sat
