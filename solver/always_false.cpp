// Backbone filtering with one activation clause per round (the "chunking" idea of Previti,
// Ignatiev, Morgado, Marques-Silva, "Simpler and faster algorithms for backbone computation", 2015,
// with the whole candidate set as one chunk):
//   round: fresh a, clause (¬a ∨ c1 ∨ … ∨ cm), solve under {a}, then retire a with the unit (¬a).
//   UNSAT -> no model makes any candidate true: all are false in every model.
//   SAT   -> the candidates true in that model are not forced; drop them and try again.
// Why: in the resolver's "number of packages" level almost every installed package is forced, and
// OLL would prove each of them with its own call (thousands on big instances).
#include "solver/always_false.hpp"

#include <algorithm>

namespace thoth::sat {

std::vector<Lit> find_always_false(SatSolver& solver, const Budget& budget, Incumbent& incumbent,
                                   std::vector<Lit> candidates, int max_rounds) {
  for (int round = 0; round < max_rounds && !candidates.empty(); ++round) {
    const auto limits = budget.next_call();
    if (!limits) return {};
    const Lit activation = Lit::positive(solver.new_var());
    std::vector<Lit> clause{~activation};
    clause.insert(clause.end(), candidates.begin(), candidates.end());
    solver.add_clause(clause);
    const Answer answer = solver.solve(std::vector<Lit>{activation}, *limits);
    solver.add_clause(std::vector<Lit>{~activation});
    if (answer == Answer::Unsatisfiable) return candidates;
    if (answer == Answer::Unknown) return {};
    incumbent.offer(solver.model());
    std::erase_if(candidates, [&](Lit lit) { return solver.value(lit); });
  }
  return {};
}

}  // namespace thoth::sat
