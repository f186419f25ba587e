// Property test of the recommendation types on random small indexes with random advisories: for
// `stable`, no valid lock (brute-force enumeration, independent verifier) beats thoth's under
// (advisory count, direct ranks, transitive ranks, package count); for `security`, thoth locks exactly
// when a valid lock without any affected pin exists, its lock has none, and no such lock beats it
// under (direct, transitive, count) with ranks counted among clean releases only.
#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "advise/advise.hpp"
#include "index/snapshot.hpp"
#include "support/valid_locks.hpp"
#include "verify/verify.hpp"

namespace {

using nlohmann::json;
using Pins = std::map<std::string, std::string>;
using Cost = std::tuple<long, long, long, long>;  // advisories, direct, transitive, count

struct Case {
  json index = json::object();
  json advisories = json::array();
  std::vector<std::string> roots;
  std::set<std::pair<std::string, std::string>> affected;  // (package, version)
};

std::string specifier(std::mt19937& rng) {
  std::string v = std::to_string(1 + rng() % 3) + ".0";
  switch (rng() % 4) {
    case 0: return ">=" + v;
    case 1: return "<" + v;
    case 2: return "!=" + v;
    default: return "";
  }
}

Case random_case(unsigned seed) {
  std::mt19937 rng(seed);
  Case c;
  int packages = 2 + static_cast<int>(rng() % 3);
  for (int p = 0; p < packages; ++p) {
    std::string name = "p" + std::to_string(p);
    json versions_hit = json::array();
    for (int v = 1; v <= 1 + static_cast<int>(rng() % 3); ++v) {
      json deps = json::array();
      for (int q = p + 1; q < packages; ++q)
        if (rng() % 3 == 0) deps.push_back("p" + std::to_string(q) + specifier(rng));
      std::string version = std::to_string(v) + ".0";
      c.index[name][version] = {{"requires_dist", deps}};
      if (rng() % 3 == 0) {
        versions_hit.push_back(version);
        c.affected.emplace(name, version);
      }
    }
    if (!versions_hit.empty())
      c.advisories.push_back({{"id", "PYSEC-" + name},
                              {"affected", {{{"package", {{"name", name}, {"ecosystem", "PyPI"}}}, {"versions", versions_hit}}}}});
  }
  c.roots.push_back("p0" + specifier(rng));
  if (rng() % 2 == 0) c.roots.push_back("p" + std::to_string(1 + rng() % (packages - 1)) + specifier(rng));
  return c;
}


// `clean_only`: ranks count only releases without an advisory (the security veto removes the others).
Cost cost_of(const Pins& pins, thoth::index::InMemoryIndex& index, const std::set<std::string>& direct,
             const Case& c, bool clean_only) {
  Cost cost{0, 0, 0, 0};
  for (const auto& [name, version] : pins) {
    auto pinned = *thoth::packaging::Version::parse(version);
    long rank = 0;
    for (const auto& release : index.find(name)->releases)
      if (release.version > pinned && !(clean_only && c.affected.count({name, release.version_text}))) ++rank;
    std::get<0>(cost) += c.affected.count({name, version}) ? 1 : 0;
    (direct.count(name) ? std::get<1>(cost) : std::get<2>(cost)) += rank;
    std::get<3>(cost) += 1;
  }
  return cost;
}

}  // namespace

TEST_CASE("stable and security locks are optimal under their levels on random indexes", "[advise][optimality][advisories]") {
  unsigned seed = GENERATE(range(1u, 101u));
  Case c = random_case(seed);
  CAPTURE(seed, c.index.dump(), c.advisories.dump(), c.roots);
  auto index = thoth::index::snapshot_from_json(c.index, "random");
  auto database = thoth::advisories::advisories_from_json(c.advisories, "random");

  thoth::advise::AdviseRequest request;
  thoth::verify::LockToCheck lock;
  std::set<std::string> direct;
  for (const std::string& text : c.roots) {
    auto requirement = thoth::packaging::Requirement::parse(text);
    REQUIRE(requirement.has_value());
    request.roots.push_back({*requirement, "default", text});
    lock.roots.push_back(*requirement);
    direct.insert(requirement->canonical_name());
  }
  request.advisories = &database;
  std::vector<std::string> names;
  for (const auto& [name, project] : index.projects()) names.push_back(name);
  std::vector<Pins> valid = thoth::testing::every_valid_lock(index, lock, names);

  auto pins_of = [](const thoth::advise::AdviseResult& result) {
    Pins pins;
    for (const auto& [name, pin] : result.pins) pins[name] = pin.version;
    return pins;
  };

  SECTION("stable") {
    request.recommendation = thoth::env::RecommendationType::Stable;
    auto result = thoth::advise::advise(request, index);
    REQUIRE((result.outcome == thoth::advise::Outcome::Locked) == !valid.empty());
    if (valid.empty()) return;
    Pins pins = pins_of(result);
    Cost best = cost_of(pins, index, direct, c, false);
    for (const Pins& other : valid) REQUIRE(best <= cost_of(other, index, direct, c, false));
    REQUIRE(result.levels.front().name == "known advisories");
    REQUIRE(result.levels.front().cost == static_cast<std::uint64_t>(std::get<0>(best)));
    std::size_t warnings = 0;
    for (const auto& j : result.justifications) warnings += j.type == thoth::advise::JustificationType::Warning;
    REQUIRE(warnings == static_cast<std::size_t>(std::get<0>(best)));  // one record per package here
  }
  SECTION("security") {
    request.recommendation = thoth::env::RecommendationType::Security;
    auto result = thoth::advise::advise(request, index);
    std::vector<Pins> clean;
    for (const Pins& other : valid)
      if (std::get<0>(cost_of(other, index, direct, c, true)) == 0) clean.push_back(other);
    REQUIRE((result.outcome == thoth::advise::Outcome::Locked) == !clean.empty());
    if (clean.empty()) return;
    Cost best = cost_of(pins_of(result), index, direct, c, true);
    REQUIRE(std::get<0>(best) == 0);
    for (const Pins& other : clean) REQUIRE(best <= cost_of(other, index, direct, c, true));
  }
}
