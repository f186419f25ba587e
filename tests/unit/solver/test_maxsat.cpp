// Lexicographic MaxSAT: agreement with brute force on seeded random problems, failed assumptions,
// ladder objectives with a known optimum, and the budget contract (Feasible / Unknown).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "solver/maxsat.hpp"

namespace {

using namespace thoth::sat;

Lit pos(std::uint32_t index) { return Lit::positive(Var{index}); }
Lit neg(std::uint32_t index) { return Lit::negative(Var{index}); }

bool satisfies(const Cnf& cnf, const std::vector<bool>& model) {
  return std::all_of(cnf.clauses().begin(), cnf.clauses().end(), [&](std::span<const Lit> clause) {
    return std::any_of(clause.begin(), clause.end(),
                       [&](Lit lit) { return lit.var().index < model.size() && model[lit.var().index] != lit.negated(); });
  });
}

std::uint64_t cost_of(const ObjectiveLevel& level, const std::vector<bool>& model) {
  std::uint64_t sum = 0;
  for (const WeightedLit& term : level.costs)
    if (model[term.lit.var().index] != term.lit.negated()) sum += term.weight;
  return sum;
}

struct RandomProblem {
  Cnf hard;
  std::vector<ObjectiveLevel> levels;
  std::vector<Lit> assumptions;
};

Lit random_lit(std::mt19937& random, std::uint32_t vars) {
  return Lit(Var{static_cast<std::uint32_t>(random() % vars)}, random() % 2 == 0);
}

std::uint64_t random_weight(std::mt19937& random, int style) {
  if (style == 0) return 1;
  if (style == 1) return 1 + random() % 5;
  return 1 + random() % 1000000;
}

RandomProblem random_problem(std::mt19937& random, bool with_assumptions) {
  RandomProblem problem;
  const std::uint32_t vars = 3 + random() % 10;
  for (std::uint32_t i = 0; i < vars; ++i) (void)problem.hard.new_var();
  const std::uint32_t clauses = random() % (3 * vars);
  for (std::uint32_t c = 0; c < clauses; ++c) {
    Clause clause;
    const std::uint32_t width = 1 + random() % 3;
    for (std::uint32_t k = 0; k < width; ++k) clause.push_back(random_lit(random, vars));
    problem.hard.add_clause(clause);
  }
  const std::uint32_t level_count = 1 + random() % 3;
  for (std::uint32_t l = 0; l < level_count; ++l) {
    ObjectiveLevel level{.name = "level" + std::to_string(l), .costs = {}};
    const int style = static_cast<int>(random() % 3);
    const std::uint32_t terms = random() % (2 * vars);
    for (std::uint32_t t = 0; t < terms; ++t) level.costs.push_back({random_lit(random, vars), random_weight(random, style)});
    problem.levels.push_back(std::move(level));
  }
  if (with_assumptions) {
    const std::uint32_t count = random() % 4;
    for (std::uint32_t a = 0; a < count; ++a) problem.assumptions.push_back(random_lit(random, vars));
  }
  return problem;
}

void check_against_brute_force(const RandomProblem& problem) {
  const MaxSatResult expected = solve_brute_force(problem.hard, problem.levels, problem.assumptions);
  const MaxSatResult actual = solve_lexicographic(problem.hard, problem.levels, problem.assumptions);
  if (expected.status == MaxSatStatus::Unsatisfiable) {
    REQUIRE(actual.status == MaxSatStatus::Unsatisfiable);
    for (const Lit lit : actual.failed_assumptions)
      CHECK(std::find(problem.assumptions.begin(), problem.assumptions.end(), lit) != problem.assumptions.end());
    CHECK(solve_brute_force(problem.hard, {}, actual.failed_assumptions).status == MaxSatStatus::Unsatisfiable);
    return;
  }
  REQUIRE(actual.status == MaxSatStatus::Optimal);
  REQUIRE(satisfies(problem.hard, actual.model));
  for (const Lit lit : problem.assumptions) CHECK(actual.model[lit.var().index] != lit.negated());
  REQUIRE(actual.levels.size() == problem.levels.size());
  for (std::size_t i = 0; i < problem.levels.size(); ++i) {
    INFO("level " << i);
    CHECK(actual.levels[i].cost == expected.levels[i].cost);
    CHECK(actual.levels[i].cost == cost_of(problem.levels[i], actual.model));
    CHECK(actual.levels[i].lower_bound == actual.levels[i].cost);
    CHECK(actual.levels[i].proven_optimal);
    CHECK(actual.levels[i].name == problem.levels[i].name);
  }
}

// Packages with a ladder of unit costs "rank >= k"; the newest `blocked[p]` versions of package p are
// forbidden, and each package pair (2i, 2i+1) cannot both take its newest allowed version.
struct Ladder {
  Cnf hard;
  ObjectiveLevel level{.name = "rank", .costs = {}};
  std::uint64_t optimum = 0;
};

Ladder ladder_problem(std::uint32_t packages, std::uint32_t versions, std::mt19937& random) {
  Ladder ladder;
  std::vector<std::vector<Var>> version_vars(packages);
  std::uint32_t previous_blocked = 0;
  for (std::uint32_t p = 0; p < packages; ++p) {
    Clause some_version;
    for (std::uint32_t r = 0; r < versions; ++r) {
      version_vars[p].push_back(ladder.hard.new_var());
      some_version.push_back(Lit::positive(version_vars[p].back()));
    }
    ladder.hard.add_clause(some_version);
    std::vector<Var> rank_at_least(versions);  // rank_at_least[k] for k >= 1
    for (std::uint32_t k = 1; k < versions; ++k) {
      rank_at_least[k] = ladder.hard.new_var();
      ladder.level.costs.push_back({Lit::positive(rank_at_least[k]), 1});
      if (k > 1) ladder.hard.add_clause({Lit::negative(rank_at_least[k]), Lit::positive(rank_at_least[k - 1])});
    }
    for (std::uint32_t r = 1; r < versions; ++r)
      ladder.hard.add_clause({Lit::negative(version_vars[p][r]), Lit::positive(rank_at_least[r])});
    const std::uint32_t blocked = random() % 3;
    for (std::uint32_t r = 0; r < blocked; ++r) ladder.hard.add_clause({Lit::negative(version_vars[p][r])});
    ladder.optimum += blocked;
    if (p % 2 == 1) {  // the newest allowed versions of p-1 and p clash: one of them steps down once
      ladder.hard.add_clause({Lit::negative(version_vars[p - 1][previous_blocked]), Lit::negative(version_vars[p][blocked])});
      ladder.optimum += 1;
    }
    previous_blocked = blocked;
  }
  return ladder;
}

}  // namespace

TEST_CASE("Lexicographic MaxSAT agrees with brute force on random small problems", "[solver][maxsat]") {
  std::mt19937 random(12345);
  for (int round = 0; round < 400; ++round) {
    INFO("round " << round);
    check_against_brute_force(random_problem(random, round % 2 == 1));
  }
}

// Larger problems where every variable carries a cost, many of them forced by the hard clauses, so
// the bulk detection of forced costs (always_false.cpp) runs, then OLL on what is left.
RandomProblem random_problem_with_forced_costs(std::mt19937& random) {
  RandomProblem problem;
  const std::uint32_t vars = 12 + random() % 5;
  for (std::uint32_t i = 0; i < vars; ++i) (void)problem.hard.new_var();
  for (std::uint32_t i = 0; i < vars; ++i)
    if (random() % 3 == 0) problem.hard.add_clause({pos(i)});
  const std::uint32_t clauses = vars + random() % vars;
  for (std::uint32_t c = 0; c < clauses; ++c) problem.hard.add_clause({random_lit(random, vars), random_lit(random, vars)});
  const std::uint32_t level_count = 1 + random() % 3;
  for (std::uint32_t l = 0; l < level_count; ++l) {
    ObjectiveLevel level{.name = "level" + std::to_string(l), .costs = {}};
    const int style = static_cast<int>(random() % 3);
    for (std::uint32_t i = 0; i < vars; ++i) level.costs.push_back({random() % 4 == 0 ? neg(i) : pos(i), random_weight(random, style)});
    problem.levels.push_back(std::move(level));
  }
  return problem;
}

TEST_CASE("Lexicographic MaxSAT agrees with brute force when many costs are forced", "[solver][maxsat]") {
  std::mt19937 random(4242);
  for (int round = 0; round < 60; ++round) {
    INFO("round " << round);
    check_against_brute_force(random_problem_with_forced_costs(random));
  }
}

TEST_CASE("Levels are optimised in order, each optimum kept for the next", "[solver][maxsat]") {
  Cnf hard;
  for (int i = 0; i < 3; ++i) (void)hard.new_var();
  hard.add_clause({pos(0), pos(1)});
  hard.add_clause({neg(0), neg(2)});
  const std::vector<ObjectiveLevel> levels = {
      {.name = "first", .costs = {{pos(0), 1}, {pos(1), 1}}},
      {.name = "second", .costs = {{pos(1), 5}, {pos(2), 1}, {neg(2), 1}}},
  };
  const MaxSatResult result = solve_lexicographic(hard, levels);
  REQUIRE(result.status == MaxSatStatus::Optimal);
  CHECK(result.levels[0].cost == 1);
  CHECK(result.levels[1].cost == 1);  // x0 true (avoids the 5), so x2 false
  CHECK(result.model == std::vector<bool>{true, false, false});
}

TEST_CASE("Unsatisfiable hard clauses report Unsatisfiable with a subset of the assumptions", "[solver][maxsat]") {
  Cnf hard;
  for (int i = 0; i < 4; ++i) (void)hard.new_var();
  hard.add_clause({neg(0), neg(1)});
  const std::vector<ObjectiveLevel> levels = {{.name = "only", .costs = {{pos(2), 1}}}};
  const std::vector<Lit> assumptions = {pos(3), pos(0), pos(1)};
  const MaxSatResult result = solve_lexicographic(hard, levels, assumptions);
  REQUIRE(result.status == MaxSatStatus::Unsatisfiable);
  CHECK(result.failed_assumptions == std::vector<Lit>{pos(0), pos(1)});

  hard.add_clause({pos(0)});
  hard.add_clause({pos(1)});
  const MaxSatResult without = solve_lexicographic(hard, levels, assumptions);
  CHECK(without.status == MaxSatStatus::Unsatisfiable);
  CHECK(without.failed_assumptions.empty());
}

TEST_CASE("A ladder of unit costs reaches its known optimum", "[solver][maxsat]") {
  std::mt19937 random(7);
  const Ladder ladder = ladder_problem(300, 8, random);
  const MaxSatResult result = solve_lexicographic(ladder.hard, std::vector<ObjectiveLevel>{ladder.level});
  REQUIRE(result.status == MaxSatStatus::Optimal);
  CHECK(result.levels[0].cost == ladder.optimum);
  CHECK(satisfies(ladder.hard, result.model));
}

// Pigeons 0..holes each in some hole, no two in one hole. As an optimisation, "pigeon p is left out"
// costs 1: the optimum is 1, easy to reach but needing a pigeonhole proof to certify.
Cnf pigeonhole(std::uint32_t holes, bool every_pigeon_placed, ObjectiveLevel& out_left_out) {
  Cnf cnf;
  const std::uint32_t pigeons = holes + 1;
  std::vector<std::vector<Lit>> in(pigeons);
  for (auto& row : in)
    for (std::uint32_t h = 0; h < holes; ++h) row.push_back(Lit::positive(cnf.new_var()));
  for (std::uint32_t p = 0; p < pigeons; ++p) {
    Clause somewhere = in[p];
    if (!every_pigeon_placed) {
      const Lit left_out = Lit::positive(cnf.new_var());
      somewhere.push_back(left_out);
      out_left_out.costs.push_back({left_out, 1});
    }
    cnf.add_clause(somewhere);
  }
  for (std::uint32_t h = 0; h < holes; ++h)
    for (std::uint32_t p = 0; p < pigeons; ++p)
      for (std::uint32_t q = p + 1; q < pigeons; ++q) cnf.add_clause({~in[p][h], ~in[q][h]});
  return cnf;
}

TEST_CASE("A budget spent before any model gives Unknown", "[solver][maxsat]") {
  ObjectiveLevel unused{.name = "unused", .costs = {}};
  const Cnf hard = pigeonhole(10, true, unused);
  const MaxSatResult result = solve_lexicographic(hard, std::vector<ObjectiveLevel>{unused}, {}, {.conflicts = 1});
  CHECK(result.status == MaxSatStatus::Unknown);
  CHECK(result.model.empty());
  REQUIRE(result.levels.size() == 1);
  CHECK_FALSE(result.levels[0].proven_optimal);
}

TEST_CASE("A budget spent after a model gives Feasible with that model", "[solver][maxsat]") {
  ObjectiveLevel left_out{.name = "left out", .costs = {}};
  const Cnf hard = pigeonhole(10, false, left_out);
  const std::vector<ObjectiveLevel> levels = {left_out};
  SECTION("a conflict budget") {
    const MaxSatResult result = solve_lexicographic(hard, levels, {}, {.conflicts = 200});
    REQUIRE(result.status == MaxSatStatus::Feasible);
    CHECK(satisfies(hard, result.model));
    CHECK(result.levels[0].cost == cost_of(left_out, result.model));
    CHECK(result.levels[0].cost >= 1);
    CHECK(result.levels[0].lower_bound < result.levels[0].cost);
    CHECK_FALSE(result.levels[0].proven_optimal);
  }
  SECTION("a time budget") {
    const MaxSatResult result = solve_lexicographic(hard, levels, {}, {.time = std::chrono::milliseconds(200)});
    REQUIRE(result.status == MaxSatStatus::Feasible);
    CHECK(satisfies(hard, result.model));
    CHECK(result.levels[0].cost >= 1);
  }
}

TEST_CASE("Repeated runs give the same model", "[solver][maxsat]") {
  std::mt19937 random(99);
  const Ladder ladder = ladder_problem(100, 6, random);
  const std::vector<ObjectiveLevel> levels = {ladder.level};
  CHECK(solve_lexicographic(ladder.hard, levels).model == solve_lexicographic(ladder.hard, levels).model);
}
