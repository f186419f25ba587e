// Benchmark of solve_lexicographic on a generated resolver-shaped instance: P packages with V versions
// each, encoded like encoder/ (docs/encoding.md): the rank ladder, version-range literals, dependency
// and required-by clauses, root selectors as assumptions, and three levels (direct ranks, transitive
// ranks, package count). Some dependencies cap their target below its newest versions, so the optimum
// is above zero and the cores are real. Not a test: it prints sizes, costs and times.
//
//   thoth_solver_bench [packages=5000] [versions=20] [roots=50] [seed=1] [time_ms=0] [gap_weights=0]
//
// gap_weights=1 gives one ladder step in five a weight of 2..4 (encoder: releases skipped between
// neighbouring candidates), as docs/encoding.md §4 does.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "solver/maxsat.hpp"

namespace {

using namespace thoth::sat;

struct Package {
  std::vector<Lit> version;  // x(P, k), rank 0 = newest
  std::vector<Lit> older;    // older[k] = rank >= k; older[0] = installed(P)
  std::vector<std::vector<Lit>> requesters;
};

struct Instance {
  Cnf hard;
  std::vector<Package> packages;
  std::vector<Lit> selectors;
  std::vector<ObjectiveLevel> levels;
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, Lit> ranges;
};

Lit fresh(Cnf& cnf) { return Lit::positive(cnf.new_var()); }

// The ladder of docs/encoding.md "AtMostOneVersion".
void add_ladder(Instance& instance, std::uint32_t versions) {
  Package package;
  for (std::uint32_t k = 0; k < versions; ++k) package.version.push_back(fresh(instance.hard));
  for (std::uint32_t k = 0; k < versions; ++k) package.older.push_back(fresh(instance.hard));
  Cnf& cnf = instance.hard;
  for (std::uint32_t k = 0; k < versions; ++k) {
    cnf.add_clause({~package.version[k], package.older[k]});
    if (k + 1 < versions) {
      cnf.add_clause({~package.older[k + 1], package.older[k]});
      cnf.add_clause({~package.version[k], ~package.older[k + 1]});
      cnf.add_clause({~package.older[k], package.version[k], package.older[k + 1]});
    }
  }
  cnf.add_clause({~package.older[versions - 1], package.version[versions - 1]});
  instance.packages.push_back(std::move(package));
}

// A literal for "the rank of P is in first..last" (VersionRange).
Lit range_literal(Instance& instance, std::uint32_t p, std::uint32_t first, std::uint32_t last) {
  const Package& package = instance.packages[p];
  const auto versions = static_cast<std::uint32_t>(package.version.size());
  if (first == last) return package.version[first];
  if (last + 1 == versions) return package.older[first];
  auto [it, inserted] = instance.ranges.try_emplace({p, first, last}, Lit{});
  if (!inserted) return it->second;
  it->second = fresh(instance.hard);
  instance.hard.add_clause({~it->second, package.older[first]});
  instance.hard.add_clause({~it->second, ~package.older[last + 1]});
  return it->second;
}

void add_dependencies(Instance& instance, std::uint32_t p, std::mt19937& random) {
  const auto count = static_cast<std::uint32_t>(instance.packages.size());
  const std::uint32_t versions = instance.packages[p].version.size();
  const std::uint32_t targets = p + 1 < count ? random() % 4 : 0;
  for (std::uint32_t t = 0; t < targets; ++t) {
    const std::uint32_t q = p + 1 + random() % std::min<std::uint32_t>(300, count - p - 1);
    const std::uint32_t kind = random() % 20;           // most requirements admit everything
    const std::uint32_t cap = 1 + random() % 3;         // "q < its cap-th newest"
    const std::uint32_t newer_than = 1 + random() % 3;  // "q >= its newer_than-th newest"
    for (std::uint32_t k = 0; k < versions; ++k) {
      std::uint32_t first = 0;
      std::uint32_t last = versions - 1;
      if (kind == 0 && k < versions / 2) first = cap;  // p's newer half caps q
      if (kind == 1 && k < versions / 2) last = newer_than;
      const Lit version = instance.packages[p].version[k];
      instance.hard.add_clause({~version, range_literal(instance, q, first, last)});
      instance.packages[q].requesters.push_back({version});
    }
  }
}

Instance generate(std::uint32_t count, std::uint32_t versions, std::uint32_t roots, std::uint32_t seed, bool gap_weights) {
  Instance instance;
  std::mt19937 random(seed);
  for (std::uint32_t p = 0; p < count; ++p) add_ladder(instance, versions);
  for (std::uint32_t p = 0; p < count; ++p) add_dependencies(instance, p, random);
  for (std::uint32_t r = 0; r < roots && r < count; ++r) {
    instance.selectors.push_back(fresh(instance.hard));
    instance.hard.add_clause({~instance.selectors.back(), instance.packages[r].older[0]});
    instance.packages[r].requesters.push_back({instance.selectors.back()});
  }
  ObjectiveLevel direct{.name = "direct", .costs = {}};
  ObjectiveLevel transitive{.name = "transitive", .costs = {}};
  ObjectiveLevel installed{.name = "packages", .costs = {}};
  for (std::uint32_t p = 0; p < count; ++p) {
    Package& package = instance.packages[p];
    Clause required_by{~package.older[0]};  // nothing is installed unless something asks for it
    for (const auto& requester : package.requesters) required_by.push_back(requester.front());
    instance.hard.add_clause(required_by);
    for (std::uint32_t k = 1; k < versions; ++k) {
      const std::uint64_t weight = gap_weights && random() % 5 == 0 ? 2 + random() % 3 : 1;
      (p < roots ? direct : transitive).costs.push_back({package.older[k], weight});
    }
    installed.costs.push_back({package.older[0], 1});
  }
  instance.levels = {direct, transitive, installed};
  return instance;
}

std::uint32_t argument(int argc, char** argv, int index, std::uint32_t fallback) {
  return argc > index ? static_cast<std::uint32_t>(std::strtoul(argv[index], nullptr, 10)) : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint32_t packages = argument(argc, argv, 1, 5000);
  const std::uint32_t versions = argument(argc, argv, 2, 20);
  const std::uint32_t roots = argument(argc, argv, 3, 50);
  const std::uint32_t seed = argument(argc, argv, 4, 1);
  const std::uint32_t time_ms = argument(argc, argv, 5, 0);
  const bool gap_weights = argument(argc, argv, 6, 0) != 0;

  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  const Instance instance = generate(packages, versions, roots, seed, gap_weights);
  const auto generated = std::chrono::steady_clock::now();
  const MaxSatResult result = solve_lexicographic(instance.hard, instance.levels, instance.selectors,
                                                  SolveLimits{.time = std::chrono::milliseconds(time_ms)});
  const auto solved = std::chrono::steady_clock::now();
  const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;

  auto ms = [](auto duration) { return std::chrono::duration<double, std::milli>(duration).count(); };
  std::size_t cost_lits = 0;
  for (const auto& level : instance.levels) cost_lits += level.costs.size();
  std::printf("instance: %u packages x %u versions, %u roots, seed %u, gap weights %d\n", packages, versions, roots, seed, gap_weights ? 1 : 0);
  std::printf("vars %u, clauses %zu, cost literals %zu\n", instance.hard.num_vars(), instance.hard.clauses().size(), cost_lits);
  std::printf("status %d, sat calls %llu\n", static_cast<int>(result.status), static_cast<unsigned long long>(result.sat_calls));
  for (const LevelOutcome& level : result.levels)
    std::printf("  %-10s cost %llu lower bound %llu optimal %d\n", level.name.c_str(),
                static_cast<unsigned long long>(level.cost), static_cast<unsigned long long>(level.lower_bound),
                level.proven_optimal ? 1 : 0);
  std::printf("generate %.1f ms, solve %.1f ms (wall); %.1f ms CPU in all\n", ms(generated - start), ms(solved - generated), cpu_ms);
  return result.status == MaxSatStatus::Optimal ? 0 : 1;
}
