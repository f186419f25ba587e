// The newest-first universe (encoder/newest_universe.hpp): which requests it answers, which it hands
// to the complete universe, and that its answer is always the SAT solver's on the complete universe.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "advise/advise.hpp"
#include "index/snapshot.hpp"

namespace {

using nlohmann::json;

thoth::advise::AdviseResult lock(const json& index_json, const std::vector<std::string>& roots, bool newest_first = true) {
  auto index = thoth::index::snapshot_from_json(index_json, "test");
  thoth::advise::AdviseRequest request;
  thoth::env::set_python_version(request.environment, "3.10", "test");
  request.newest_shortcut = newest_first;
  for (const std::string& text : roots) {
    auto requirement = thoth::packaging::Requirement::parse(text);
    REQUIRE(requirement.has_value());
    request.roots.push_back({*requirement, "default", text});
  }
  return thoth::advise::advise(request, index);
}

std::map<std::string, std::string> pins_of(const thoth::advise::AdviseResult& result) {
  std::map<std::string, std::string> pins;
  for (const auto& [name, pin] : result.pins) pins[name] = pin.version;
  return pins;
}

// Locks with and without the shortcuts; both must agree on pins, extras and every level's cost.
thoth::advise::AdviseResult lock_and_compare(const json& index_json, const std::vector<std::string>& roots) {
  auto fast = lock(index_json, roots);
  auto solved = lock(index_json, roots, false);
  REQUIRE(fast.outcome == solved.outcome);
  CHECK(pins_of(fast) == pins_of(solved));
  for (const auto& [name, pin] : fast.pins) CHECK(solved.pins.at(name).extras == pin.extras);
  REQUIRE(fast.levels.size() == solved.levels.size());
  for (std::size_t level = 0; level < fast.levels.size(); ++level) CHECK(fast.levels[level].cost == solved.levels[level].cost);
  return fast;
}

}  // namespace

TEST_CASE("The newest-first universe answers a plain request with the newest releases", "[advise][newest-first]") {
  json index = {{"a", {{"1.0", {{"requires_dist", {"b>=1"}}}}, {"2.0", {{"requires_dist", {"b>=2"}}}}}},
                {"b", {{"1.0", json::object()}, {"2.0", json::object()}, {"3.0", {{"requires_python", ">=3.11"}}}}}};
  auto result = lock_and_compare(index, {"a"});
  CHECK(result.size.newest_first);
  CHECK(result.size.candidates == 2);  // one release of each package
  CHECK(pins_of(result) == std::map<std::string, std::string>{{"a", "2.0"}, {"b", "2.0"}});
  CHECK(result.sat_calls == 0);
}

TEST_CASE("Packages reached only through extras are answered by the newest-first universe", "[advise][newest-first]") {
  // b and c are required only by extras, so their `installed` needs the extra-requester literals
  // the shortcut's model sets (encoder/newest_lock.cpp).
  json index = {{"a", {{"1.0", {{"provides_extra", {"x"}}, {"requires_dist", {"b[y]; extra == 'x'"}}}}}},
                {"b", {{"1.0", {{"provides_extra", {"y"}}, {"requires_dist", {"c; extra == 'y'"}}}}}},
                {"c", {{"1.0", json::object()}}}};
  auto result = lock_and_compare(index, {"a[x]"});
  CHECK(result.size.newest_first);
  CHECK(pins_of(result) == std::map<std::string, std::string>{{"a", "1.0"}, {"b", "1.0"}, {"c", "1.0"}});
  CHECK(result.pins.at("b").extras == std::set<std::string>{"y"});
}

TEST_CASE("The newest-first universe hands over when its optimum might not be the complete one's", "[advise][newest-first]") {
  SECTION("a requirement excludes the newest release") {
    json index = {{"a", {{"1.0", {{"requires_dist", {"b<2"}}}}}}, {"b", {{"1.0", json::object()}, {"2.0", json::object()}}}};
    auto result = lock_and_compare(index, {"a"});
    CHECK_FALSE(result.size.newest_first);
    CHECK(pins_of(result) == std::map<std::string, std::string>{{"a", "1.0"}, {"b", "1.0"}});
  }
  SECTION("the newest installable release is a pre-release some requirement may admit") {
    // A requirement elsewhere in the complete universe (`b>=2.0b1`, say) would make 2.0b1 a candidate
    // of rank 0; the newest-first universe cannot know without building it, so it hands over.
    json index = {{"a", {{"1.0", {{"requires_dist", {"b"}}}}}},
                  {"b", {{"1.0", json::object()}, {"2.0b1", json::object()}}}};
    auto result = lock_and_compare(index, {"a"});
    CHECK_FALSE(result.size.newest_first);
    CHECK(pins_of(result) == std::map<std::string, std::string>{{"a", "1.0"}, {"b", "1.0"}});
  }
  SECTION("the newest installable release is yanked (an == pin would admit it)") {
    json index = {{"a", {{"1.0", json::object()}, {"2.0", {{"yanked", "broken"}}}}}};
    auto result = lock_and_compare(index, {"a"});
    CHECK_FALSE(result.size.newest_first);
    CHECK(pins_of(result) == std::map<std::string, std::string>{{"a", "1.0"}});
    CHECK(pins_of(lock_and_compare(index, {"a==2.0"})) == std::map<std::string, std::string>{{"a", "2.0"}});
  }
  SECTION("no release can be installed: the complete universe explains it") {
    json index = {{"a", {{"1.0", {{"requires_python", ">=3.11"}}}}}};
    auto result = lock_and_compare(index, {"a"});
    CHECK(result.outcome == thoth::advise::Outcome::Unsatisfiable);
    CHECK_FALSE(result.size.newest_first);
  }
}

TEST_CASE("Newer releases the target cannot install do not stop the newest-first universe", "[advise][newest-first]") {
  json index = {{"a", {{"1.0", json::object()},
                       {"2.0", {{"requires_python", ">=3.12"}}},
                       {"3.0", {{"files", {{{"filename", "a-3.0-cp312-cp312-win_amd64.whl"}, {"hashes", {{"sha256", "00"}}}}}}}}}}};
  auto result = lock_and_compare(index, {"a"});
  CHECK(result.size.newest_first);
  CHECK(pins_of(result) == std::map<std::string, std::string>{{"a", "1.0"}});
}
