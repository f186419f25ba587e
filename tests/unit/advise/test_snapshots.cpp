// Every request on the real PyPI snapshots (each snapshot's root project, and each of its packages as
// a single root requirement) gets a lock that the independent verifier accepts, or a proof that none
// exists. Locks the newest-candidate shortcut answered are compared with the SAT solver's. Reads
// ../shared/data/pypi-snapshots; skips with a notice when it is absent.
#include <catch2/catch.hpp>

#include <iostream>

#include "advise/advise.hpp"
#include "index/snapshot.hpp"
#include "support/shared_data.hpp"
#include "verify/verify.hpp"

namespace {

struct SnapshotCase {
  const char* file;
  std::vector<std::string> roots;
  const char* python;
};

struct Tally {
  int locked = 0, unsatisfiable = 0, not_optimal = 0, shortcut = 0, newest_first = 0;
};

// A lock the newest-candidate shortcut answered, on the complete or the newest-first universe, must be
// the SAT solver's on the complete universe: same pins, extras, graph and level costs (the optimum is
// unique there, see encoder/newest_lock.hpp and encoder/newest_universe.hpp).
void check_shortcut_against_sat(thoth::advise::AdviseRequest request, thoth::index::InMemoryIndex& index,
                                const thoth::advise::AdviseResult& shortcut) {
  request.newest_shortcut = false;
  auto solved = thoth::advise::advise(request, index);
  REQUIRE(solved.outcome == thoth::advise::Outcome::Locked);
  CHECK(solved.sat_calls > 0);
  CHECK_FALSE(solved.size.newest_first);
  REQUIRE(solved.pins.size() == shortcut.pins.size());
  for (const auto& [name, pin] : shortcut.pins) {
    CAPTURE(name);
    REQUIRE(solved.pins.count(name) == 1);
    CHECK(solved.pins.at(name).version == pin.version);
    CHECK(solved.pins.at(name).extras == pin.extras);
  }
  REQUIRE(solved.levels.size() == shortcut.levels.size());
  for (std::size_t level = 0; level < solved.levels.size(); ++level) CHECK(solved.levels[level].cost == shortcut.levels[level].cost);
  REQUIRE(solved.graph.size() == shortcut.graph.size());
  for (std::size_t e = 0; e < solved.graph.size(); ++e) {
    CHECK(solved.graph[e].from == shortcut.graph[e].from);
    CHECK(solved.graph[e].from_version == shortcut.graph[e].from_version);
    CHECK(solved.graph[e].to == shortcut.graph[e].to);
    CHECK(solved.graph[e].requirement == shortcut.graph[e].requirement);
  }
  for (const auto& [name, pin] : shortcut.pins) {
    CAPTURE(name);
    CHECK(solved.pins.at(name).sections == pin.sections);
    CHECK(solved.pins.at(name).files == pin.files);
    CHECK(solved.pins.at(name).direct == pin.direct);
  }
}

// Resolves `roots` and, when locked, runs the verifier on the lock; returns the outcome.
thoth::advise::Outcome resolve_and_verify(thoth::index::InMemoryIndex& index, const std::vector<std::string>& roots,
                                          const thoth::env::TargetEnvironment& environment, Tally& tally) {
  thoth::advise::AdviseRequest request;
  request.environment = environment;
  thoth::verify::LockToCheck lock;
  lock.environment = environment;
  for (const std::string& text : roots) {
    auto requirement = thoth::packaging::Requirement::parse(text);
    REQUIRE(requirement.has_value());
    request.roots.push_back({*requirement, "default", text});
    lock.roots.push_back(*requirement);
  }
  auto result = thoth::advise::advise(request, index);
  if (result.outcome != thoth::advise::Outcome::Locked) {
    ++tally.unsatisfiable;
    return result.outcome;
  }
  ++tally.locked;
  if (!result.proven_optimal) ++tally.not_optimal;
  if (result.sat_calls == 0) {
    ++tally.shortcut;
    if (result.size.newest_first) ++tally.newest_first;
    CAPTURE(roots);
    check_shortcut_against_sat(request, index, result);
  }
  for (const auto& [name, pin] : result.pins) lock.pins[name] = pin.version;
  auto violations = thoth::verify::verify_lock(lock, index);
  CAPTURE(roots, violations);
  CHECK(violations.empty());
  return result.outcome;
}

}  // namespace

TEST_CASE("Every request on the real PyPI snapshots gets a verified lock", "[advise][snapshots]") {
  auto folder = thoth::testing::shared_path("data/pypi-snapshots", "locking every package of the PyPI snapshots");
  if (!folder) return;
  const std::vector<SnapshotCase> cases = {
      {"pypi-2020-02-13-chalice.json", {"chalice"}, "3.8"},
      {"pypi-2020-02-13-dask.json", {"dask"}, "3.8"},
      {"pypi-2020-02-15-pandas.json", {"pandas"}, "3.8"},
      {"pypi-2020-02-15-pyrax.json", {"pyrax"}, "3.8"},
      {"pypi-2020-02-19-virtualenv-six.json", {"virtualenv", "six"}, "3.8"},
      {"pypi-2020-11-17-cheroot.json", {"cheroot"}, "3.8"},
      {"pypi-2023-12-01-pyrax.json", {"pyrax==1.9.8"}, "3.11"},
  };
  for (const SnapshotCase& c : cases) {
    auto index = thoth::index::load_snapshot(*folder / c.file);
    thoth::env::TargetEnvironment environment;
    thoth::env::set_python_version(environment, c.python, "test");
    Tally tally;
    CHECK(resolve_and_verify(index, c.roots, environment, tally) == thoth::advise::Outcome::Locked);
    for (const auto& [name, project] : index.projects()) resolve_and_verify(index, {name}, environment, tally);
    std::cout << c.file << ": " << tally.locked << " locked and verified, " << tally.unsatisfiable
              << " without a lock, " << tally.not_optimal << " not proven optimal, " << tally.shortcut
              << " answered by the newest-candidate shortcut (" << tally.newest_first
              << " of them on the newest-first universe; each checked against the SAT solver)\n";
    CHECK(tally.not_optimal == 0);
    CHECK(tally.shortcut > 0);             // the shortcut is exercised ...
    CHECK(tally.newest_first > 0);         // ... on the newest-first universe too ...
    CHECK(tally.newest_first < tally.shortcut);  // ... and on the complete one ...
    CHECK(tally.shortcut < tally.locked);  // ... and so is the solver
  }
}

TEST_CASE("The newest-candidate shortcut agrees with the SAT solver on the bundled sample index", "[advise][shortcut]") {
  auto index = thoth::index::load_snapshot(thoth::testing::source_dir() / "fixtures" / "index" / "pypi-sample.json");
  for (const char* python : {"3.8", "3.12"}) {
    thoth::env::TargetEnvironment environment;
    thoth::env::set_python_version(environment, python, "test");
    Tally tally;
    for (const auto& [name, project] : index.projects()) resolve_and_verify(index, {name}, environment, tally);
    CAPTURE(python, tally.locked, tally.shortcut);
    CHECK(tally.not_optimal == 0);
    // Every locked single-package request of this index takes the shortcut; each answer was solved
    // again by the SAT solver above and compared.
    CHECK(tally.shortcut > 0);
  }
}
