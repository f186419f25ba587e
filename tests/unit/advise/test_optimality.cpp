// Property test: on small random indexes, thoth's lock is valid (independent verifier), and no valid
// lock found by brute-force enumeration is lexicographically better under the documented objective
// (direct ranks, transitive ranks, package count), computed here from the index alone. Satisfiability must agree too.
#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "advise/advise.hpp"
#include "index/snapshot.hpp"
#include "packaging/name.hpp"
#include "support/valid_locks.hpp"
#include "verify/verify.hpp"

namespace {

using nlohmann::json;

struct RandomCase {
  json index;
  std::vector<std::string> roots;
};

std::string random_specifier(std::mt19937& rng, int versions) {
  int v = static_cast<int>(rng() % versions) + 1;
  switch (rng() % 5) {
    case 0: return ">=" + std::to_string(v) + ".0";
    case 1: return "<" + std::to_string(v) + ".0";
    case 2: return "==" + std::to_string(v) + ".0";
    case 3: return "!=" + std::to_string(v) + ".0";
    default: return "";
  }
}

RandomCase random_case(unsigned seed) {
  std::mt19937 rng(seed);
  int packages = 2 + static_cast<int>(rng() % 4);  // p0..p(n-1)
  RandomCase c;
  for (int p = 0; p < packages; ++p) {
    int versions = 1 + static_cast<int>(rng() % 3);
    json project = json::object();
    for (int v = 1; v <= versions; ++v) {
      json deps = json::array();
      for (int q = p + 1; q < packages; ++q)
        if (rng() % 3 == 0) deps.push_back("p" + std::to_string(q) + random_specifier(rng, 3));
      project[std::to_string(v) + ".0"] = {{"requires_dist", deps}};
    }
    c.index["p" + std::to_string(p)] = project;
  }
  c.roots.push_back("p0" + random_specifier(rng, 3));
  if (rng() % 2 == 0) c.roots.push_back("p" + std::to_string(1 + rng() % (packages - 1)) + random_specifier(rng, 3));
  return c;
}

using Cost = std::tuple<long, long, long>;

// Objective of a lock, computed from the index alone: the rank of a pin is the number of releases of
// its package that are newer (the generator makes only final, unyanked releases without
// requires_python, so every release is eligible); direct = named by a root requirement.
Cost cost_of(const std::map<std::string, std::string>& pins, thoth::index::InMemoryIndex& index,
             const std::set<std::string>& direct) {
  Cost cost{0, 0, 0};
  for (const auto& [name, version] : pins) {
    const auto& releases = index.find(name)->releases;
    long rank = 0;
    for (const auto& release : releases)
      if (release.version > *thoth::packaging::Version::parse(version)) ++rank;
    (direct.count(name) ? std::get<0>(cost) : std::get<1>(cost)) += rank;
    std::get<2>(cost) += 1;
  }
  return cost;
}


}  // namespace

TEST_CASE("thoth's lock is valid and lexicographically optimal on random small indexes", "[advise][optimality]") {
  unsigned seed = GENERATE(range(1u, 151u));
  RandomCase c = random_case(seed);
  CAPTURE(seed, c.index.dump(), c.roots);
  auto index = thoth::index::snapshot_from_json(c.index, "random");

  thoth::advise::AdviseRequest request;
  thoth::verify::LockToCheck lock;
  for (const std::string& text : c.roots) {
    auto requirement = thoth::packaging::Requirement::parse(text);
    REQUIRE(requirement.has_value());
    request.roots.push_back({*requirement, "default", text});
    lock.roots.push_back(*requirement);
  }
  thoth::advise::AdviseResult result = thoth::advise::advise(request, index);

  std::vector<std::string> names;
  for (const auto& [name, project] : index.projects()) names.push_back(name);
  std::vector<std::map<std::string, std::string>> valid = thoth::testing::every_valid_lock(index, lock, names);

  REQUIRE((result.outcome == thoth::advise::Outcome::Locked) == !valid.empty());
  if (valid.empty()) return;
  REQUIRE(result.proven_optimal);
  for (const auto& [name, pin] : result.pins) lock.pins[name] = pin.version;
  CAPTURE(lock.pins);
  REQUIRE(thoth::verify::verify_lock(lock, index).empty());

  std::set<std::string> direct;
  for (const auto& root : request.roots) direct.insert(root.requirement.canonical_name());
  Cost thoth_cost = cost_of(lock.pins, index, direct);
  for (const auto& other : valid) {
    CAPTURE(other);
    REQUIRE(thoth_cost <= cost_of(other, index, direct));
  }
}
