// The real PyPA advisory database on a real 2020 PyPI snapshot (skipped without ../shared): for
// `requests` on Python 3.8, stable pins fewer vulnerable packages than latest (docs/advisories.md),
// its advisory level is proven optimal, and security either locks with no affected pin or names
// the advisories that emptied a requirement.
#include <catch2/catch.hpp>

#include <set>

#include "advise/advise.hpp"
#include "index/snapshot.hpp"
#include "support/shared_data.hpp"

namespace {

std::set<std::string> warned(const thoth::advise::AdviseResult& result) {
  std::set<std::string> packages;
  for (const auto& j : result.justifications)
    if (j.type == thoth::advise::JustificationType::Warning) packages.insert(j.package);
  return packages;
}

}  // namespace

TEST_CASE("real advisories: stable beats latest on requests of February 2020", "[advisories][shared]") {
  auto db_path = thoth::testing::shared_path("data/advisory-db", "the PyPA advisory database");
  auto snapshot = thoth::testing::shared_path("data/pypi-snapshots/pypi-2020-02-15-pandas.json", "the pandas snapshot");
  if (!db_path || !snapshot) return;
  auto database = thoth::advisories::load_advisory_folder(*db_path);
  auto index = thoth::index::load_snapshot(*snapshot);
  thoth::advise::AdviseRequest request;
  request.roots.push_back({*thoth::packaging::Requirement::parse("requests"), "default", "test"});
  thoth::env::set_python_version(request.environment, "3.8", "test");
  request.advisories = &database;

  request.recommendation = thoth::env::RecommendationType::Latest;
  auto latest = thoth::advise::advise(request, index);
  request.recommendation = thoth::env::RecommendationType::Stable;
  auto stable = thoth::advise::advise(request, index);
  REQUIRE(latest.outcome == thoth::advise::Outcome::Locked);
  REQUIRE(stable.outcome == thoth::advise::Outcome::Locked);
  CHECK(warned(latest).size() == 4);
  CHECK(warned(stable).size() == 1);
  CHECK(stable.levels.front().name == "known advisories");
  CHECK(stable.levels.front().proven_optimal);
  for (const auto& [name, pin] : stable.pins)  // a WARNING exactly for the affected pins
    CHECK(database.affecting(name, pin.version).empty() == (warned(stable).count(name) == 0));

  request.recommendation = thoth::env::RecommendationType::Security;
  auto security = thoth::advise::advise(request, index);
  if (security.outcome == thoth::advise::Outcome::Locked) {
    for (const auto& [name, pin] : security.pins) CHECK(database.affecting(name, pin.version).empty());
  } else {
    REQUIRE(security.outcome == thoth::advise::Outcome::Unsatisfiable);
    bool names_advisory = false;
    for (const auto& line : security.conflict) names_advisory = names_advisory || line.find("PYSEC-") != std::string::npos;
    CHECK(names_advisory);
  }
}
