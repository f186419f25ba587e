// Prescriptions in an advise run (advise/prescribe.hpp): sieve exclusions recorded with the unit,
// the score level's place by recommendation type, conflicts naming the forbidding unit, Thoth's
// justification fields and short links, GHReleaseNotes links, determinism, and the real prescriptions
// repository on the bundled example (skipped when ../shared is absent).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <iostream>

#include "advise/advise.hpp"
#include "advise/prescribe_session.hpp"
#include "base/error.hpp"
#include "index/snapshot.hpp"
#include "project/pipfile.hpp"
#include "support/shared_data.hpp"
#include "support/small_index.hpp"

namespace ad = thoth::advise;
namespace rx = thoth::prescriptions;
using thoth::testing::index_of;

namespace {

ad::AdviseRequest request_for(std::vector<std::string> requirements, const std::string& units_yaml) {
  ad::AdviseRequest request;
  for (const auto& text : requirements) request.roots.push_back({*thoth::packaging::Requirement::parse(text), "default", text});
  auto report = rx::parse_prescription_file(units_yaml, "units.yaml");
  for (const auto& error : report.errors) UNSCOPED_INFO(error.to_string());
  REQUIRE(report.errors.empty());
  request.prescriptions.catalog = ad::UnitCatalog::from_units(std::move(report.units));
  return request;
}

const char* kTwoVersions = R"({"a": {"1.0": {}, "2.0": {}}})";

}  // namespace

TEST_CASE("A sieve's removals are exclusions naming the unit and its file", "[advise][prescriptions]") {
  auto index = index_of(kTwoVersions);
  auto request = request_for({"a"}, R"(units:
  sieves:
  - {name: A2Sieve, type: sieve, should_include: {adviser_pipeline: true}, match: {package_version: {name: a, version: ==2.0}}}
)");
  ad::PrescriptionSession session(request, index);
  thoth::encoder::Problem problem;
  for (const auto& root : request.roots) problem.roots.push_back({root.requirement, root.section, root.origin});
  session.prepare(problem);
  auto encoding = thoth::encoder::encode(problem, index);
  const auto& node = encoding.universe.packages.at(encoding.universe.by_name.at("a"));
  REQUIRE(node.candidates.size() == 1);
  CHECK(node.candidates[0]->version_text == "1.0");
  REQUIRE(node.excluded.size() == 1);
  CHECK(node.excluded[0].version == "2.0");
  CHECK(node.excluded[0].reason == "sieve thoth.A2Sieve (units.yaml:3)");
}

TEST_CASE("Step scores weigh on the prescription score levels of the recommendation type", "[advise][prescriptions]") {
  auto index = index_of(kTwoVersions);
  std::string units = R"(units:
  steps:
  - {name: AScore, type: step, should_include: {adviser_pipeline: true}, match: {package_version: {name: a, version: ==1.0}}, run: {score: 0.2}}
  - {name: APenalty, type: step, should_include: {adviser_pipeline: true}, match: {package_version: {name: a, version: ==2.0}}, run: {score: -0.1}}
)";
  auto level = [](const ad::AdviseResult& result, const std::string& name) {
    auto it = std::find_if(result.levels.begin(), result.levels.end(), [&](const auto& l) { return l.name == name; });
    REQUIRE(it != result.levels.end());
    return it - result.levels.begin();
  };
  // performance: positive scores first; the +0.2 of a 1.0 beats the newer 2.0.
  auto performance = request_for({"a"}, units);
  performance.recommendation = thoth::env::RecommendationType::Performance;
  auto result = ad::advise(performance, index);
  REQUIRE(result.outcome == ad::Outcome::Locked);
  CHECK(level(result, "positive prescription scores") == 0);
  CHECK(result.levels[0].cost == 0);
  CHECK(result.pins.at("a").version == "1.0");
  CHECK(result.prescriptions.score == Approx(0.2));

  // stable: advisories, then negative scores, then versions; the -0.1 of a 2.0 holds it back.
  auto stable = request_for({"a"}, units);
  result = ad::advise(stable, index);
  CHECK(level(result, "negative prescription scores") == 1);
  CHECK(result.levels[1].cost == 0);
  CHECK(result.pins.at("a").version == "1.0");

  // latest: no score level; the newest 2.0 and its penalty (100 milli-points, not an objective).
  auto latest = request_for({"a"}, units);
  latest.recommendation = thoth::env::RecommendationType::Latest;
  result = ad::advise(latest, index);
  CHECK(std::none_of(result.levels.begin(), result.levels.end(),
                     [](const auto& l) { return l.name.find("prescription") != std::string::npos; }));
  CHECK(result.pins.at("a").version == "2.0");
  CHECK(result.prescriptions.score == Approx(-0.1));
}

TEST_CASE("A forbidden combination that leaves no lock is named in the conflict", "[advise][prescriptions]") {
  auto index = index_of(R"({"a": {"1.0": {}}, "b": {"1.0": {}}})");
  auto request = request_for({"a", "b"}, R"(units:
  steps:
  - name: ABGroup
    type: step.Group
    should_include: {adviser_pipeline: true}
    match: {group: [{package_version: {name: a}}, {package_version: {name: b}}]}
    run: {not_acceptable: a and b conflict}
)");
  auto result = ad::advise(request, index);
  REQUIRE(result.outcome == ad::Outcome::Unsatisfiable);
  CHECK(std::any_of(result.conflict.begin(), result.conflict.end(), [](const std::string& line) {
    return line == "prescription thoth.ABGroup (units.yaml:3) forbids a with b (a and b conflict)";
  }));
  REQUIRE(result.explanation.has_value());
  CHECK(std::any_of(result.explanation->core.begin(), result.explanation->core.end(), [](const auto& element) {
    return element.kind == thoth::explain::GroupKind::Prescription && element.location == "units.yaml:3";
  }));
}

TEST_CASE("Justifications keep Thoth's fields, expand short links and are sorted", "[advise][prescriptions]") {
  auto index = index_of(R"({"flask": {"3.0.0": {}}, "jinja2": {"3.1.0": {}}})");
  auto request = request_for({"flask", "jinja2"}, R"(units:
  wraps:
  - name: FlaskCVEWrap
    type: wrap
    should_include: {adviser_pipeline: true}
    match: {state: {resolved_dependencies: [{name: flask}]}}
    run:
      justification:
      - {type: WARNING, message: Flask has a CVE, link: cve_flask, package_name: flask, version_range: "<3.1", advisory: upgrade, cve_id: CVE-2023-30861, cve_name: cookie}
  - name: FlaskRelease
    type: wrap.GHReleaseNotes
    should_include: {adviser_pipeline: true}
    match: {state: {resolved_dependencies: [{name: flask}]}}
    run: {release_notes: {organization: pallets, repository: flask}}
  - name: JinjaWrap
    type: wrap
    should_include: {adviser_pipeline: true}
    match: {state: {resolved_dependencies: [{name: jinja2}]}}
    run: {justification: [{type: INFO, message: jinja2 is fine, link: "https://palletsprojects.com"}]}
)");
  auto result = ad::advise(request, index);
  REQUIRE(result.outcome == ad::Outcome::Locked);
  REQUIRE(result.justifications.size() == 3);
  const ad::Justification& notes = result.justifications[0];
  CHECK(notes.package == "flask");
  CHECK(notes.message == "Release notes for package 'flask'");
  CHECK(notes.link == "https://github.com/pallets/flask/releases/tag/3.0.0");
  const ad::Justification& cve = result.justifications[1];
  CHECK(cve.type == ad::JustificationType::Warning);
  CHECK(cve.link == "https://thoth-station.ninja/j/cve_flask");
  CHECK(cve.version_range == "<3.1");
  CHECK(cve.advisory == "upgrade");
  CHECK(cve.cve_id == "CVE-2023-30861");
  CHECK(cve.cve_name == "cookie");
  CHECK(cve.source == "prescription thoth.FlaskCVEWrap (units.yaml:3)");
  CHECK(result.justifications[2].package == "jinja2");  // the wrap's state package when package_name is absent
  auto json = ad::result_to_json(result);
  CHECK(json["justifications"][1]["cve_id"] == "CVE-2023-30861");
  CHECK_FALSE(json["justifications"][2].contains("cve_id"));
}

TEST_CASE("Advise with prescriptions is deterministic", "[advise][prescriptions]") {
  auto index = index_of(R"({"a": {"1.0": {"requires_dist": ["b"]}, "2.0": {"requires_dist": ["b>=2"]}}, "b": {"1.0": {}, "2.0": {}}})");
  std::string units = R"(units:
  sieves:
  - {name: B2Sieve, type: sieve, should_include: {adviser_pipeline: true}, match: {package_version: {name: b, version: ==2.0}}, run: {stack_info: [{type: INFO, message: b2 gone, link: b2}]}}
  wraps:
  - {name: AWrap, type: wrap, should_include: {adviser_pipeline: true}, run: {justification: [{type: INFO, message: always, link: always}]}}
)";
  auto first = ad::result_to_json(ad::advise(request_for({"a"}, units), index));
  auto second = ad::result_to_json(ad::advise(request_for({"a"}, units), index));
  first.erase("timings");
  second.erase("timings");
  CHECK(first.dump() == second.dump());
  CHECK(first["pins"]["a"] == "1.0");
  CHECK(first["prescriptions"]["stack_info"].size() == 1);
}

TEST_CASE("A unit file with an error fails the advise naming the file and unit", "[advise][prescriptions]") {
  auto dir = std::filesystem::temp_directory_path() / "thoth-test-prescribe-bad";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "_x");
  {
    std::ofstream out(dir / "_x" / "bad.yaml");
    out << "units:\n  sieves:\n  - {name: Bad, type: sieve, should_include: {adviser_pipeline: maybe}, match: {package_version: {name: a}}}\n";
  }
  auto index = index_of(kTwoVersions);
  ad::AdviseRequest request;
  request.roots.push_back({*thoth::packaging::Requirement::parse("a"), "default", "a"});
  request.prescriptions.catalog = ad::UnitCatalog::open({dir});
  try {
    (void)ad::advise(request, index);
    FAIL("expected an InputError");
  } catch (const thoth::InputError& error) {
    std::string text = error.what();
    CHECK(text.find("Bad") != std::string::npos);
    CHECK(text.find("adviser_pipeline") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

namespace {

// The bundled example's roots (examples/Pipfile), optionally without some packages.
ad::AdviseRequest example_request(const std::filesystem::path& repository, const std::set<std::string>& without = {}) {
  auto pipfile = thoth::project::load_pipfile(thoth::testing::source_dir() / "examples" / "Pipfile");
  ad::AdviseRequest request;
  for (const auto& [category, entries] : pipfile.categories)
    for (const auto& entry : entries)
      if (without.count(entry.name) == 0)
        request.roots.push_back({entry.to_requirement(), thoth::project::lock_section_for(category), entry.name});
  thoth::env::set_python_version(request.environment, pipfile.requires_.at("python_version"), "Pipfile");
  request.prescriptions.catalog = ad::UnitCatalog::open({repository});
  return request;
}

}  // namespace

TEST_CASE("The real prescriptions repository on the bundled example", "[advise][prescriptions][shared]") {
  auto repository = thoth::testing::shared_path("data/thoth-prescriptions", "the real prescriptions advise test");
  if (!repository) return;
  auto index = thoth::index::load_snapshot(thoth::testing::source_dir() / "fixtures" / "index" / "pypi-sample.json");

  // Jinja2300Flask100Step forbids jinja2>=3 with flask>1.0.0; every flask of the sample needs jinja2>=3.
  auto start = std::chrono::steady_clock::now();
  auto result = ad::advise(example_request(*repository), index);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::cout << "real prescriptions on examples/Pipfile: " << result.prescriptions.units_loaded << " units loaded, "
            << result.prescriptions.units_registered << " registered, " << ms << " ms\n";
  REQUIRE(result.outcome == ad::Outcome::Unsatisfiable);
  bool named = std::any_of(result.conflict.begin(), result.conflict.end(), [](const std::string& line) {
    return line.find("thoth.Jinja2300Flask100Step") != std::string::npos;
  });
  CHECK(named);
  CHECK(result.prescriptions.units_loaded < 20000);  // lazily: the universe's folders and `_*`, not 90,611

  // Without flask a lock exists, with justifications from the packages' wraps.
  result = ad::advise(example_request(*repository, {"flask"}), index);
  REQUIRE(result.outcome == ad::Outcome::Locked);
  CHECK(result.pins.count("flask") == 0);
  bool release_notes = std::any_of(result.justifications.begin(), result.justifications.end(), [](const auto& j) {
    return j.package == "requests" && j.message == "Release notes for package 'requests'";
  });
  CHECK(release_notes);
}

TEST_CASE("The real Pillow830TypeErrorStep steers pillow away from 8.3.0 only with numpy", "[advise][prescriptions][shared]") {
  auto repository = thoth::testing::shared_path("data/thoth-prescriptions", "the real Pillow830TypeErrorStep test");
  if (!repository) return;
  auto index = index_of(R"({"pillow": {"8.2.0": {}, "8.3.0": {}}, "numpy": {"1.21.0": {}}})");
  auto with_numpy = request_for({"pillow", "numpy"}, "units: {}\n");
  with_numpy.prescriptions.catalog = ad::UnitCatalog::open({*repository});
  auto result = ad::advise(with_numpy, index);
  REQUIRE(result.outcome == ad::Outcome::Locked);
  CHECK(result.pins.at("pillow").version == "8.2.0");
  bool warned = std::any_of(result.prescriptions.stack_info.begin(), result.prescriptions.stack_info.end(),
                            [](const auto& s) { return s.message == "Pillow in version 8.3.0 does not work with NumPy"; });
  CHECK(warned);

  auto alone = request_for({"pillow"}, "units: {}\n");
  alone.prescriptions.catalog = ad::UnitCatalog::open({*repository});
  result = ad::advise(alone, index);
  REQUIRE(result.outcome == ad::Outcome::Locked);
  CHECK(result.pins.at("pillow").version == "8.3.0");
}
