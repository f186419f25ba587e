// find_always_false: proves in bulk which candidates no model can make true.
#include <catch2/catch.hpp>

#include "solver/always_false.hpp"

namespace {

using namespace thoth::sat;

Lit pos(std::uint32_t index) { return Lit::positive(Var{index}); }
Lit neg(std::uint32_t index) { return Lit::negative(Var{index}); }

}  // namespace

TEST_CASE("Candidates false in every model are found together", "[solver][always_false]") {
  SatSolver solver;
  for (std::uint32_t i = 0; i < 10; ++i) solver.add_clause(std::vector<Lit>{neg(i)});  // x0..x9 false
  solver.add_clause(std::vector<Lit>{pos(10), pos(11)});
  REQUIRE(solver.solve() == Answer::Satisfiable);
  const std::vector<ObjectiveLevel> levels;
  Incumbent incumbent(levels, solver.num_vars());
  incumbent.offer(solver.model());
  const Budget budget({}, solver);

  std::vector<Lit> forced;
  for (std::uint32_t i = 0; i < 10; ++i) forced.push_back(pos(i));
  CHECK(find_always_false(solver, budget, incumbent, forced, 4) == forced);

  SECTION("one candidate that some model makes true spoils nothing but itself") {
    std::vector<Lit> mixed = forced;
    mixed.push_back(solver.value(pos(10)) ? pos(11) : pos(10));  // false now, true in another model
    CHECK(find_always_false(solver, budget, incumbent, mixed, 4) == forced);
  }
  SECTION("the activation clauses are switched off afterwards") {
    REQUIRE(solver.solve() == Answer::Satisfiable);
    const std::vector<Lit> free_choice = {neg(10), pos(11)};
    CHECK(solver.solve(free_choice) == Answer::Satisfiable);
  }
}
