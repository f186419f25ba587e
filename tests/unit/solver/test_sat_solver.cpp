// SatSolver: answers, models, failed assumptions and budgets on small formulas.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <future>

#include "solver/sat_solver.hpp"

namespace {

using thoth::sat::Answer;
using thoth::sat::Cnf;
using thoth::sat::Lit;
using thoth::sat::SatSolver;
using thoth::sat::SolveLimits;
using thoth::sat::Var;

Lit pos(std::uint32_t index) { return Lit::positive(Var{index}); }
Lit neg(std::uint32_t index) { return Lit::negative(Var{index}); }

bool satisfied_by(const std::vector<Lit>& clause, const SatSolver& solver) {
  return std::any_of(clause.begin(), clause.end(), [&](Lit lit) { return solver.value(lit); });
}

// Pigeons 0..holes each in some hole, no two in one hole: unsat, and hard for resolution.
void add_pigeonhole(SatSolver& solver, std::uint32_t holes) {
  const std::uint32_t pigeons = holes + 1;
  auto in = [&](std::uint32_t pigeon, std::uint32_t hole) { return pos(pigeon * holes + hole); };
  for (std::uint32_t p = 0; p < pigeons; ++p) {
    std::vector<Lit> somewhere;
    for (std::uint32_t h = 0; h < holes; ++h) somewhere.push_back(in(p, h));
    solver.add_clause(somewhere);
  }
  for (std::uint32_t h = 0; h < holes; ++h)
    for (std::uint32_t p = 0; p < pigeons; ++p)
      for (std::uint32_t q = p + 1; q < pigeons; ++q) solver.add_clause(std::vector<Lit>{~in(p, h), ~in(q, h)});
}

}  // namespace

TEST_CASE("A satisfiable formula gives a model that satisfies every clause", "[solver][sat_solver]") {
  const std::vector<std::vector<Lit>> clauses = {{pos(0), pos(1)}, {neg(0), pos(2)}, {neg(1), neg(2)}, {neg(2), pos(3)}};
  SatSolver solver;
  for (const auto& clause : clauses) solver.add_clause(clause);
  REQUIRE(solver.num_vars() == 4);
  REQUIRE(solver.solve() == Answer::Satisfiable);
  for (const auto& clause : clauses) CHECK(satisfied_by(clause, solver));
  CHECK(solver.model().size() == 4);
}

TEST_CASE("An unsatisfiable formula has no failed assumptions", "[solver][sat_solver]") {
  SatSolver solver;
  solver.add_clause(std::vector<Lit>{pos(0)});
  solver.add_clause(std::vector<Lit>{neg(0), pos(1)});
  solver.add_clause(std::vector<Lit>{neg(1)});
  const std::vector<Lit> assumptions = {pos(5)};
  CHECK(solver.solve(assumptions) == Answer::Unsatisfiable);
  CHECK(solver.failed_assumptions().empty());
}

TEST_CASE("Failed assumptions are a subset of the assumptions that is unsatisfiable", "[solver][sat_solver]") {
  SatSolver solver;
  solver.add_clause(std::vector<Lit>{neg(0), neg(1)});  // a and b exclude each other
  solver.add_clause(std::vector<Lit>{pos(2), pos(3)});
  const std::vector<Lit> assumptions = {pos(0), pos(1), pos(2), neg(4)};
  REQUIRE(solver.solve(assumptions) == Answer::Unsatisfiable);
  const std::vector<Lit> failed = solver.failed_assumptions();
  REQUIRE_FALSE(failed.empty());
  for (const Lit lit : failed) CHECK(std::find(assumptions.begin(), assumptions.end(), lit) != assumptions.end());
  CHECK(std::find(failed.begin(), failed.end(), neg(4)) == failed.end());
  CHECK(solver.solve(failed) == Answer::Unsatisfiable);

  SECTION("the solver stays usable and the assumptions hold only for one call") {
    REQUIRE(solver.solve() == Answer::Satisfiable);
    const std::vector<Lit> only_a = {pos(0), pos(2)};
    REQUIRE(solver.solve(only_a) == Answer::Satisfiable);
    CHECK(solver.value(pos(0)));
    CHECK_FALSE(solver.value(pos(1)));
  }
}

TEST_CASE("An assumption false at the top level fails alone", "[solver][sat_solver]") {
  SatSolver solver;
  solver.add_clause(std::vector<Lit>{neg(0)});
  solver.add_clause(std::vector<Lit>{pos(1), pos(2)});
  const std::vector<Lit> assumptions = {pos(1), pos(0)};
  REQUIRE(solver.solve(assumptions) == Answer::Unsatisfiable);
  CHECK(solver.failed_assumptions() == std::vector<Lit>{pos(0)});
}

TEST_CASE("Budgets make a hard call return Unknown and apply per call", "[solver][sat_solver]") {
  SatSolver solver;
  add_pigeonhole(solver, 10);
  SECTION("a conflict budget") {
    CHECK(solver.solve({}, SolveLimits{.conflicts = 1}) == Answer::Unknown);
    CHECK(solver.solve({}, SolveLimits{.conflicts = 1}) == Answer::Unknown);
    CHECK(solver.conflicts() >= 1);
  }
  SECTION("a time budget") {
    CHECK(solver.solve({}, SolveLimits{.time = std::chrono::milliseconds(20)}) == Answer::Unknown);
  }
}

TEST_CASE("One watchdog serves solvers in several threads and calls with stale deadlines", "[solver][sat_solver]") {
  // An easy call with a long budget leaves the watchdog sleeping towards a deadline no call needs
  // any more; a later call with a short budget must still be interrupted on time, in every thread.
  auto hard_call_with_short_budget = [](std::chrono::milliseconds budget) {
    SatSolver easy;
    easy.add_clause(std::vector<Lit>{pos(0)});
    REQUIRE(easy.solve({}, SolveLimits{.time = std::chrono::seconds(100)}) == Answer::Satisfiable);
    SatSolver hard;
    add_pigeonhole(hard, 10);
    auto started = std::chrono::steady_clock::now();
    Answer answer = hard.solve({}, SolveLimits{.time = budget});
    return std::pair{answer, std::chrono::steady_clock::now() - started};
  };
  std::vector<std::future<std::pair<Answer, std::chrono::steady_clock::duration>>> calls;
  for (int i = 1; i <= 3; ++i)
    calls.push_back(std::async(std::launch::async, hard_call_with_short_budget, std::chrono::milliseconds(20 * i)));
  for (auto& call : calls) {
    auto [answer, took] = call.get();
    CHECK(answer == Answer::Unknown);
    CHECK(took < std::chrono::seconds(10));  // generous: a loaded CI machine, but no hang
  }
}

TEST_CASE("The same calls give the same model", "[solver][sat_solver]") {
  auto model_of_fresh_solver = [] {
    SatSolver solver;
    for (std::uint32_t i = 0; i + 2 < 60; ++i) solver.add_clause(std::vector<Lit>{pos(i), neg(i + 1), pos(i + 2)});
    REQUIRE(solver.solve() == Answer::Satisfiable);
    return solver.model();
  };
  CHECK(model_of_fresh_solver() == model_of_fresh_solver());
}

TEST_CASE("New variables are numbered after the existing ones", "[solver][sat_solver]") {
  SatSolver solver;
  solver.ensure_vars(3);
  CHECK(solver.new_var().index == 3);
  CHECK(solver.num_vars() == 4);
  solver.ensure_vars(2);
  CHECK(solver.num_vars() == 4);
}

TEST_CASE("A Cnf gives its clauses back in order, also one added from its own storage", "[solver][cnf]") {
  Cnf cnf;
  for (int i = 0; i < 3; ++i) (void)cnf.new_var();
  cnf.add_clause({pos(0), neg(1)});
  cnf.add_clause(std::vector<Lit>{});
  cnf.add_clause({pos(2)});
  for (int i = 0; i < 100; ++i) cnf.add_clause(cnf.clauses()[0]);  // grows the storage while reading it
  REQUIRE(cnf.clauses().size() == 103);
  CHECK(cnf.clauses()[1].empty());
  CHECK(std::vector<Lit>(cnf.clauses()[2].begin(), cnf.clauses()[2].end()) == std::vector<Lit>{pos(2)});
  std::size_t copies = 0;
  for (std::span<const Lit> clause : cnf.clauses())
    if (std::vector<Lit>(clause.begin(), clause.end()) == std::vector<Lit>{pos(0), neg(1)}) ++copies;
  CHECK(copies == 101);
}
