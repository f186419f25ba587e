// Exclusions (yanked, requires_python, pre-release, files, ...) as groups of the minimal core: the
// relaxed encoding only explanations use, the core elements they become (kind, text, location, JSON),
// the derivation naming them, and a lock's encoding left without them.
#include <catch2/catch.hpp>

#include <algorithm>

#include "advise/advise.hpp"
#include "explain/explain.hpp"
#include "index/snapshot.hpp"
#include "support/small_index.hpp"

using namespace thoth;
using testing::index_of;
using testing::request_of;

namespace {

const explain::CoreElement* element_of(const explain::Explanation& why, explain::GroupKind kind) {
  auto it = std::find_if(why.core.begin(), why.core.end(), [&](const explain::CoreElement& e) { return e.kind == kind; });
  return it == why.core.end() ? nullptr : &*it;
}

std::size_t exclusion_clauses(const encoder::Encoding& encoding) {
  return static_cast<std::size_t>(std::count_if(encoding.origins.begin(), encoding.origins.end(), [](const encoder::ClauseOrigin& o) {
    return std::holds_alternative<encoder::ExclusionOrigin>(o);
  }));
}

std::vector<std::size_t> all_edges(const encoder::Encoding& encoding) {
  std::vector<std::size_t> out;
  for (std::size_t e = 0; e < encoding.universe.edges.size(); ++e)
    if (encoding.universe.edges[e].parent_package != encoder::kRootParent) out.push_back(e);
  return out;
}

// a 2.0 would do, but it is yanked; a 1.0 needs c==1.0 and the user pins c==2.0.
const char* kYankedWouldHelp = R"({"a": {"1.0": {"requires_dist": ["c==1.0"]}, "2.0": {"yanked": "broken wheel"}},
                                   "c": {"1.0": {}, "2.0": {}}})";

}  // namespace

TEST_CASE("a yanked release the conflict rests on is a core element with its text and location", "[explain]") {
  index::InMemoryIndex index = index_of(kYankedWouldHelp);
  advise::AdviseResult result = advise::advise(request_of({"a", "c==2.0"}), index);
  REQUIRE(result.explanation);
  const explain::Explanation& why = *result.explanation;
  const explain::CoreElement* yanked = element_of(why, explain::GroupKind::Yanked);
  REQUIRE(yanked != nullptr);
  CHECK(yanked->text == "a 2.0 is yanked: broken wheel");
  CHECK(yanked->location == "index: a 2.0 yanked");
  CHECK(yanked->package == "a");
  CHECK(why.core.size() == 4);  // two roots, the edge a 1.0 -> c, the yanked group
  CHECK(why.steps == std::vector<std::string>{
                         "Because you require `a` (line 1) but a 2.0 is yanked: broken wheel, a 1.0 requires `c==1.0` and "
                         "you require `c==2.0` (line 2), no version of a can be installed, so you cannot require `a` "
                         "(line 1) and `c==2.0` (line 2) together."});
  nlohmann::json json = explain::to_json(why);
  bool listed = false;
  for (const auto& element : json["core"])
    listed |= element["kind"] == "yanked" && element["origin"] == "a 2.0 is yanked: broken wheel" &&
              element["location"] == "index: a 2.0 yanked";
  CHECK(listed);
  CHECK(explain::render_text(why, true).find("yanked: a 2.0 is yanked: broken wheel [index: a 2.0 yanked]") != std::string::npos);
}

TEST_CASE("an exclusion the conflict does not need stays out of the core", "[explain]") {
  // Allowing the yanked a 2.0 would not help: it needs c==1.0 as well.
  index::InMemoryIndex index = index_of(R"({"a": {"1.0": {"requires_dist": ["c==1.0"]},
                                                  "2.0": {"yanked": true, "requires_dist": ["c==1.0"]}},
                                            "c": {"1.0": {}, "2.0": {}}})");
  advise::AdviseResult result = advise::advise(request_of({"a", "c==2.0"}), index);
  REQUIRE(result.explanation);
  for (const explain::CoreElement& element : result.explanation->core) CHECK_FALSE(explain::is_exclusion(element.kind));
  // Both versions of a are in the derivation: the core holds with the yanked one allowed.
  CHECK(result.explanation->steps.front().find("a 1.0 to 2.0 require `c==1.0`") != std::string::npos);
}

TEST_CASE("requires_python and pre-release exclusions become groups of their kinds", "[explain]") {
  index::InMemoryIndex index = index_of(R"({"b": {"1.0": {}, "2.0": {"requires_python": ">=3.11"}},
                                            "p": {"1.0": {"requires_dist": ["c<1"]}, "2.0rc1": {}},
                                            "c": {"0.9": {}, "1.0": {}}})");
  advise::AdviseRequest python = request_of({"b>=2"});
  env::set_python_version(python.environment, "3.8", "test");
  advise::AdviseResult result = advise::advise(python, index);
  REQUIRE(result.explanation);
  const explain::CoreElement* element = element_of(*result.explanation, explain::GroupKind::RequiresPython);
  REQUIRE(element != nullptr);
  CHECK(element->text == "b 2.0 requires Python >=3.11 (the target is 3.8.0)");
  CHECK(element->location == "index: b 2.0 requires_python");
  CHECK(std::string(explain::kind_name(element->kind)) == "requires-python");

  advise::AdviseResult pre = advise::advise(request_of({"p", "c>=1"}), index);
  REQUIRE(pre.explanation);
  element = element_of(*pre.explanation, explain::GroupKind::Prerelease);
  REQUIRE(element != nullptr);
  CHECK(element->text == "p 2.0rc1 is a pre-release");
}

TEST_CASE("a lock's encoding has no exclusion clauses, the explanation's relaxed one guards each excluded match", "[explain]") {
  index::InMemoryIndex index = index_of(kYankedWouldHelp);
  encoder::Problem problem;
  for (const char* text : {"a", "c==2.0"}) problem.roots.push_back({*packaging::Requirement::parse(text), "default", text});
  encoder::Encoding normal = encoder::encode(problem, index);
  CHECK(exclusion_clauses(normal) == 0);
  CHECK(normal.universe.packages[normal.universe.by_name.at("a")].candidates.size() == 1);
  explain::RelaxedEncoding relaxed = explain::encode_for_explanation(problem, index);
  CHECK(exclusion_clauses(relaxed.encoding) == 1);
  const encoder::PackageNode& a = relaxed.encoding.universe.packages[relaxed.encoding.universe.by_name.at("a")];
  REQUIRE(a.candidates.size() == 2);
  REQUIRE(a.guards.size() == 2);
  CHECK(a.guards[0].size() == 1);  // a 2.0: yanked
  CHECK(a.guards[0][0].kind == encoder::ExclusionKind::Yanked);
  CHECK(a.guards[1].empty());      // a 1.0: a normal candidate
  // With every exclusion enforced the relaxed encoding is as unsatisfiable as the normal one.
  const auto& roots = relaxed.encoding.universe.active_roots;
  CHECK_FALSE(explain::satisfiable_with(relaxed.encoding, roots, all_edges(relaxed.encoding)));
  CHECK(explain::satisfiable_with(relaxed.encoding, roots, all_edges(relaxed.encoding), std::nullopt,
                                  std::vector<explain::ExclusionGroup>{}));
}
