// The core is minimal on every unsatisfiable fixture: the core alone is unsatisfiable, and without
// any one of its groups the rest is satisfiable. Also: every unsatisfiable fixture has a golden
// explanation, there are at least 25 of them, and the fixes each give a lock.
#include <catch2/catch.hpp>

#include <set>

#include "advise/advise.hpp"
#include "encoder/encoding.hpp"
#include "explain/explain.hpp"
#include "fixtures/runner/runner.hpp"
#include "fixtures/runner/scenario.hpp"
#include "support/shared_data.hpp"

namespace {

using namespace thoth;

encoder::Problem problem_of(fixtures::Scenario& scenario) {
  return advise::to_problem(scenario.request, *scenario.index);
}

std::vector<fixtures::Scenario> unsatisfiable_scenarios() {
  std::vector<fixtures::Scenario> out;
  for (const auto& path : fixtures::collect_scenarios({testing::source_dir() / "fixtures" / "scenarios"})) {
    fixtures::Scenario scenario = fixtures::load_scenario(path);
    if (!scenario.expect.satisfiable) out.push_back(std::move(scenario));
  }
  return out;
}

template <typename T>
std::vector<T> without(const std::vector<T>& items, std::size_t i) {
  std::vector<T> rest = items;
  rest.erase(rest.begin() + static_cast<long>(i));
  return rest;
}

}  // namespace

TEST_CASE("the core is minimal on every unsatisfiable fixture", "[explain]") {
  std::vector<fixtures::Scenario> scenarios = unsatisfiable_scenarios();
  REQUIRE(scenarios.size() >= 25);
  std::size_t with_exclusions = 0;
  std::set<encoder::ExclusionKind> kinds;
  for (fixtures::Scenario& scenario : scenarios) {
    INFO(scenario.path.generic_string());
    encoder::Problem problem = problem_of(scenario);
    // The relaxed encoding (exclusions as groups) is unsatisfiable exactly when the normal one is.
    encoder::Encoding normal = encoder::encode(problem, *scenario.index);
    std::vector<std::size_t> normal_edges;
    for (std::size_t e = 0; e < normal.universe.edges.size(); ++e)
      if (normal.universe.edges[e].parent_package != encoder::kRootParent) normal_edges.push_back(e);
    REQUIRE_FALSE(explain::satisfiable_with(normal, normal.universe.active_roots, normal_edges));
    explain::RelaxedEncoding relaxed = explain::encode_for_explanation(problem, *scenario.index);
    const encoder::Encoding& encoding = relaxed.encoding;
    explain::Core core = explain::minimal_core(encoding);
    REQUIRE_FALSE(core.roots.empty());  // nothing is installed unless a root requires it
    with_exclusions += core.exclusions.empty() ? 0 : 1;
    for (const explain::ExclusionGroup& group : core.exclusions) kinds.insert(group.second);
    const auto& roots = core.roots;
    const auto& edges = core.edges;
    const auto& rules = core.rules;
    const auto& exclusions = core.exclusions;
    CHECK_FALSE(explain::satisfiable_with(encoding, roots, edges, rules, exclusions));
    for (std::size_t i = 0; i < roots.size(); ++i)
      CHECK(explain::satisfiable_with(encoding, without(roots, i), edges, rules, exclusions));
    for (std::size_t i = 0; i < edges.size(); ++i)
      CHECK(explain::satisfiable_with(encoding, roots, without(edges, i), rules, exclusions));
    for (std::size_t i = 0; i < rules.size(); ++i)
      CHECK(explain::satisfiable_with(encoding, roots, edges, without(rules, i), exclusions));
    for (std::size_t i = 0; i < exclusions.size(); ++i) {
      INFO("without the exclusion group of " << encoding.universe.packages[exclusions[i].first].name);
      CHECK(explain::satisfiable_with(encoding, roots, edges, rules, without(exclusions, i)));
    }
  }
  // requires_python, yanked, artifact, advisory and pre-release fixtures name their exclusion.
  CHECK(with_exclusions >= 5);
  using Kind = encoder::ExclusionKind;
  for (Kind kind : {Kind::RequiresPython, Kind::NotInstallable, Kind::Yanked, Kind::Prerelease, Kind::AdvisoryVeto,
                    Kind::Constraint, Kind::Rule}) {
    INFO("exclusion kind " << explain::kind_name(explain::group_kind(kind)) << " in no fixture's core");
    CHECK(kinds.count(kind) == 1);
  }
}

TEST_CASE("every unsatisfiable fixture pins its explanation as golden text", "[explain]") {
  for (const fixtures::Scenario& scenario : unsatisfiable_scenarios()) {
    INFO(scenario.path.generic_string());
    REQUIRE(scenario.expect.explanation.has_value());
    const std::string& text = *scenario.expect.explanation;
    CHECK((text.rfind("Because ", 0) == 0 || text.rfind("These requirements cannot all hold together:\n", 0) == 0));
  }
}

TEST_CASE("every fix of every unsatisfiable fixture gives a lock of the direct packages it names", "[explain]") {
  for (fixtures::Scenario& scenario : unsatisfiable_scenarios()) {
    INFO(scenario.path.generic_string());
    encoder::Problem problem = problem_of(scenario);
    encoder::Encoding encoding = encoder::encode(problem, *scenario.index);
    explain::Explanation why = explain::explain(problem, encoding, *scenario.index);
    REQUIRE_FALSE(why.fixes.empty());
    for (const explain::Fix& fix : why.fixes) {
      REQUIRE_FALSE(fix.changes.empty());
      // A fix that drops every root locks nothing; any other fix locks the packages it keeps.
      bool drops_all = fix.changes.size() == encoding.universe.active_roots.size() &&
                       std::all_of(fix.changes.begin(), fix.changes.end(), [](const std::string& c) { return c.rfind("drop ", 0) == 0; });
      CHECK(fix.pins.empty() == drops_all);
    }
  }
}
