// Totalizer: for every input assignment of small sizes, "at least j" is forced exactly when
// j inputs or more are true (the only direction it encodes), also after lazy extension.
#include <catch2/catch.hpp>

#include <bit>

#include "solver/sat_solver.hpp"
#include "solver/totalizer.hpp"

namespace {

using thoth::sat::Answer;
using thoth::sat::Lit;
using thoth::sat::SatSolver;
using thoth::sat::Totalizer;

std::vector<Lit> fresh_inputs(SatSolver& solver, std::uint32_t count) {
  std::vector<Lit> inputs;
  for (std::uint32_t i = 0; i < count; ++i) inputs.push_back(Lit::positive(solver.new_var()));
  return inputs;
}

// True when the inputs fixed by `bits` allow "fewer than j are true" (¬ at_least(j)).
bool allows_fewer_than(SatSolver& solver, const Totalizer& totalizer, const std::vector<Lit>& inputs,
                       std::uint32_t bits, std::uint32_t j) {
  std::vector<Lit> assumptions;
  for (std::uint32_t i = 0; i < inputs.size(); ++i) assumptions.push_back(((bits >> i) & 1U) != 0 ? inputs[i] : ~inputs[i]);
  assumptions.push_back(~totalizer.at_least(j));
  return solver.solve(assumptions) == Answer::Satisfiable;
}

}  // namespace

TEST_CASE("A totalizer forces at-least-j exactly when j inputs are true", "[solver][totalizer]") {
  const std::uint32_t n = GENERATE(1U, 2U, 3U, 4U, 5U, 6U, 7U);
  const bool lazily = GENERATE(false, true);
  SatSolver solver;
  const std::vector<Lit> inputs = fresh_inputs(solver, n);
  Totalizer totalizer(inputs);
  if (lazily) {
    for (std::uint32_t bound = 1; bound <= n; ++bound) totalizer.extend(solver, bound);
  } else {
    totalizer.extend(solver, n + 3);  // asking beyond the size stops at the size
  }
  REQUIRE(totalizer.size() == n);
  REQUIRE(totalizer.built() == n);
  for (std::uint32_t bits = 0; bits < (1U << n); ++bits) {
    const auto count = static_cast<std::uint32_t>(std::popcount(bits));
    for (std::uint32_t j = 1; j <= n; ++j) {
      INFO("n=" << n << " bits=" << bits << " j=" << j);
      CHECK(allows_fewer_than(solver, totalizer, inputs, bits, j) == (count < j));
    }
  }
}

TEST_CASE("A totalizer builds only the outputs it is asked for", "[solver][totalizer]") {
  SatSolver solver;
  const std::vector<Lit> inputs = fresh_inputs(solver, 100);
  Totalizer totalizer(inputs);
  totalizer.extend(solver, 2);
  CHECK(totalizer.built() == 2);
  CHECK(solver.num_vars() < 100 + 2 * 2 * 100);  // O(n * bound), not O(n^2)
  CHECK_THROWS(totalizer.at_least(3));
}
