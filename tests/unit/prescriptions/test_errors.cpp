// Strict validation: each problem is reported with file, line:column, unit and key, errors are
// collected (the other units still load), and inert units come out as warnings.
#include <catch2/catch.hpp>

#include "unit/prescriptions/support.hpp"

namespace rx = thoth::prescriptions;
using prescriptions_test::parse;

namespace {

std::string wrap_with(const std::string& name, const std::string& body) {
  return "units:\n  wraps:\n  - name: " + name + "\n    type: wrap\n    run: {}\n" + body;
}

std::vector<std::string> messages(const std::vector<rx::Diagnostic>& diagnostics) {
  std::vector<std::string> text;
  for (const auto& d : diagnostics) text.push_back(d.to_string());
  return text;
}

}  // namespace

TEST_CASE("An unknown key is an error naming file, unit and key", "[prescriptions][errors]") {
  auto report = parse(wrap_with("FlaskWrap", "    should_include: {adviser_pipelin: true}\n"));
  CHECK(report.units.empty());
  CHECK(messages(report.errors) ==
        std::vector<std::string>{"test.yaml:6:22: unit `FlaskWrap`: key `should_include.adviser_pipelin`: expected one of "
                                 "the keys times, adviser_pipeline, dependency_monkey_pipeline, recommendation_types, "
                                 "decision_types, authenticated, labels, library_usage, dependencies, "
                                 "runtime_environments, found `adviser_pipelin`"});
}

TEST_CASE("A wrong type is an error that shows the value found", "[prescriptions][errors]") {
  auto report = parse(wrap_with("FlaskWrap", "    should_include: {adviser_pipeline: maybe}\n"));
  CHECK(messages(report.errors) == std::vector<std::string>{
                                       "test.yaml:6:40: unit `FlaskWrap`: key `should_include.adviser_pipeline`: "
                                       "expected a boolean, found `maybe`"});
  auto quoted = parse(wrap_with("W", "    should_include: {adviser_pipeline: \"true\"}\n"));
  REQUIRE(quoted.errors.size() == 1);  // a quoted "true" is a string, as in PyYAML
  auto number = parse("units:\n  boots:\n  - {name: B, type: boot, should_include: {}, run: {not_acceptable: 8}}\n");
  CHECK(messages(number.errors) == std::vector<std::string>{"test.yaml:3:69: unit `B`: key `run.not_acceptable`: "
                                                            "expected a non-empty string, found `8` (an integer)"});
}

TEST_CASE("A unit without a name is reported by its position", "[prescriptions][errors]") {
  auto report = parse("units:\n  wraps:\n  - type: wrap\n    should_include: {}\n    run: {}\n");
  CHECK(messages(report.errors) ==
        std::vector<std::string>{"test.yaml:3:5: unit `units.wraps[0]`: key `name`: missing required key `name`"});
}

TEST_CASE("A missing required key is an error", "[prescriptions][errors]") {
  auto report = parse("units:\n  sieves:\n  - {name: S, type: sieve, should_include: {}}\n");
  CHECK(messages(report.errors) ==
        std::vector<std::string>{"test.yaml:3:5: unit `S`: key `match`: missing required key `match`"});
}

TEST_CASE("A package name not in PEP 503 form is an error", "[prescriptions][errors]") {
  auto report = parse(wrap_with("FlaskWrap", "    should_include: {}\n    match: {state: {resolved_dependencies: [{name: Flask_Login}]}}\n"));
  CHECK(messages(report.errors) == std::vector<std::string>{
                                       "test.yaml:7:52: unit `FlaskWrap`: key `match.state.resolved_dependencies[0].name`: "
                                       "expected a PEP 503 normalised package name, found `Flask_Login` (write `flask-login`)"});
}

TEST_CASE("A bad specifier, a unit type in the wrong section and a duplicate name are errors", "[prescriptions][errors]") {
  auto bad_specifier = parse(wrap_with("W", "    should_include: {}\n    match: {state: {resolved_dependencies: [{name: a, version: \">=1,<\"}]}}\n"));
  REQUIRE(bad_specifier.errors.size() == 1);
  CHECK(bad_specifier.errors[0].key == "match.state.resolved_dependencies[0].version");
  auto wrong_section = parse("units:\n  boots:\n  - {name: X, type: wrap, should_include: {}, run: {}}\n");
  REQUIRE(wrong_section.errors.size() == 1);
  CHECK(wrong_section.errors[0].message == "expected a unit type of `boots` (boot), found `wrap`");
  auto duplicate = parse("units:\n  wraps:\n  - {name: X, type: wrap, should_include: {adviser_pipeline: true}, run: {}}\n"
                         "  - {name: X, type: wrap, should_include: {adviser_pipeline: true}, run: {}}\n");
  CHECK(duplicate.units.size() == 1);
  CHECK(duplicate.errors.size() == 1);
}

TEST_CASE("Errors are collected and the valid units of the file still load", "[prescriptions][errors]") {
  auto report = parse(R"(
units:
  wraps:
  - {name: Good, type: wrap, should_include: {adviser_pipeline: true}, run: {}}
  - {name: Bad, type: wrap, should_include: {adviser_pipeline: 1, times: 3}, run: {extra: 1}}
)");
  CHECK(report.units.size() == 1);
  CHECK(report.errors.size() == 3);
  for (const auto& error : report.errors) CHECK(error.unit == "Bad");
}

TEST_CASE("A YAML syntax error names line and column", "[prescriptions][errors]") {
  auto report = parse("units:\n  wraps: [\n");
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0].file == "test.yaml");
  CHECK(report.errors[0].line > 0);
}

TEST_CASE("An unsatisfiable specifier is a warning naming the unit and key", "[prescriptions][warnings]") {
  auto report = parse(R"(
units:
  sieves:
  - name: TensorFlowGPUCUDA8Sieve
    type: sieve
    should_include: {adviser_pipeline: true}
    match: {package_version: {name: tensorflow-gpu, version: "<1.0,>1.4"}}
)");
  CHECK(report.errors.empty());
  CHECK(report.units.size() == 1);
  CHECK(messages(report.warnings) == std::vector<std::string>{
                                         "test.yaml:7:62: unit `TensorFlowGPUCUDA8Sieve`: key `match.package_version.version`: "
                                         "specifier `<1.0,>1.4` can never match: `>1.4` and `<1.0` leave no version"});
  CHECK(report.warnings[0].kind == rx::WarningKind::UnsatisfiableSpecifier);
}

TEST_CASE("Units that can never take effect are warnings", "[prescriptions][warnings]") {
  auto report = parse(R"(
units:
  sieves:
  - {name: NoPipeline, type: sieve, should_include: {labels: {pypi-index: solely}}, match: {package_version: {name: a}}}
  steps:
  - name: Typed
    type: step
    should_include: {adviser_pipeline: true, times: 0, recommendation_types: {not: [latest, stable, testing, performance, security]}}
    match: {package_version: {name: a}}
    run: {score: 2.0}
  wraps:
  - name: Patch
    type: wrap
    should_include: {adviser_pipeline: true}
    run: {advised_manifest_changes: [{apiVersion: v1, kind: DeploymentConfig, patch: {op: "add,", path: /x, value: 1}}]}
)");
  CHECK(report.errors.empty());
  std::vector<rx::WarningKind> kinds;
  for (const auto& warning : report.warnings) kinds.push_back(warning.kind);
  std::sort(kinds.begin(), kinds.end());
  CHECK(kinds == std::vector<rx::WarningKind>{rx::WarningKind::NeverRegisters, rx::WarningKind::Disabled,
                                              rx::WarningKind::NoRecommendationType, rx::WarningKind::InvalidJsonPatch,
                                              rx::WarningKind::ScoreOutOfRange});
}

TEST_CASE("A legacy `==` specifier loads as an exact string match with a warning", "[prescriptions][warnings]") {
  auto report = parse(wrap_with("W", "    should_include: {adviser_pipeline: true}\n"
                                     "    match: {state: {resolved_dependencies: [{name: dpath, version: ==git-unknown}]}}\n"));
  CHECK(report.errors.empty());
  REQUIRE(report.warnings.size() == 1);
  CHECK(report.warnings[0].kind == rx::WarningKind::LegacySpecifier);
  const auto& wrap = std::get<rx::WrapUnit>(report.units.at(0));
  CHECK(wrap.match[0].resolved_dependencies[0].version->contains(std::string_view("git-unknown")));
}
