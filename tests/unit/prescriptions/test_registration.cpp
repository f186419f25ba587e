// should_include evaluated against a request (prescriptions/registration.hpp): every key of thoth.md
// §1.3, the documented-intent choices ([code≠docs] null = absent, hardware entries as alternatives), and the
// base image pattern rules.
#include <catch2/catch.hpp>

#include "prescriptions/registration.hpp"
#include "unit/prescriptions/support.hpp"

namespace rx = thoth::prescriptions;
using prescriptions_test::only_unit;

namespace {

rx::ShouldInclude rule(const std::string& body) {
  std::string yaml = "units:\n  wraps:\n  - name: W\n    type: wrap\n    run: {}\n    should_include:\n" + body;
  return only_unit<rx::WrapUnit>(yaml).header.should_include;
}

bool includes(const std::string& body, const rx::RequestFacts& facts = {}) {
  return rx::should_include(rule(body), facts);
}

}  // namespace

TEST_CASE("adviser_pipeline must be true and times not 0", "[prescriptions][registration]") {
  CHECK_FALSE(includes("      {}\n"));
  CHECK(includes("      {adviser_pipeline: true}\n"));
  CHECK_FALSE(includes("      {adviser_pipeline: true, times: 0}\n"));
  CHECK_FALSE(includes("      {dependency_monkey_pipeline: true, decision_types: [all]}\n"));
}

TEST_CASE("recommendation_types, plain and negated", "[prescriptions][registration]") {
  rx::RequestFacts facts;
  facts.recommendation_type = rx::RecommendationType::Performance;
  CHECK(includes("      {adviser_pipeline: true, recommendation_types: [performance, stable]}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, recommendation_types: [latest]}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, recommendation_types: {not: [performance]}}\n", facts));
  CHECK(includes("      {adviser_pipeline: true, recommendation_types: {not: [security]}}\n", facts));
}

TEST_CASE("labels match when any pair matches", "[prescriptions][registration]") {
  rx::RequestFacts facts;
  facts.labels = {{"team", "ai"}};
  CHECK(includes("      {adviser_pipeline: true, labels: {team: ai, tier: gold}}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, labels: {team: web}}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, labels: {team: ai}}\n"));
}

TEST_CASE("authenticated and library_usage", "[prescriptions][registration]") {
  CHECK(includes("      {adviser_pipeline: true, authenticated: false}\n"));
  CHECK_FALSE(includes("      {adviser_pipeline: true, authenticated: true}\n"));
  std::string usage = "      {adviser_pipeline: true, library_usage: {tensorflow: [tensorflow.keras.*, tensorflow.function]}}\n";
  CHECK_FALSE(includes(usage));
  rx::RequestFacts facts;
  facts.library_usage["tensorflow"] = {"tensorflow.function", "tensorflow.keras.layers.Dense"};
  CHECK(includes(usage, facts));  // every symbol is checked against every used one (thoth.md [bug?])
  facts.library_usage["tensorflow"] = {"tensorflow.keras.layers.Dense"};
  CHECK_FALSE(includes(usage, facts));
}

TEST_CASE("dependencies ask the lookup for each named unit", "[prescriptions][registration]") {
  auto with_deps = rule("      {adviser_pipeline: true, dependencies: {boots: [B1], steps: [S1]}}\n");
  CHECK_FALSE(rx::should_include(with_deps, {}));
  std::vector<std::string> asked;
  auto all = [&](std::string_view section, std::string_view name) {
    asked.push_back(std::string(section) + ":" + std::string(name));
    return true;
  };
  CHECK(rx::should_include(with_deps, {}, all));
  CHECK(asked == std::vector<std::string>{"boots:B1", "steps:S1"});
  CHECK_FALSE(rx::should_include(with_deps, {}, [](std::string_view s, std::string_view) { return s == "boots"; }));
}

TEST_CASE("runtime *_version keys: absent any, null absent, specifier present and matching", "[prescriptions][registration]") {
  rx::RequestFacts none, cuda;
  cuda.target.cuda_version = "11.8";
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {cuda_version: null}}\n", none));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {cuda_version: null}}\n", cuda));
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {cuda_version: \">=0.0\"}}\n", cuda));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {cuda_version: \">=0.0\"}}\n", none));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {cuda_version: \">=12\"}}\n", cuda));
  rx::RequestFacts mkl;
  mkl.mkl_version = "2021.4";
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {mkl_version: \">=2021\"}}\n", mkl));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {openblas_version: \">=0.3\"}}\n", mkl));
}

TEST_CASE("python_version and platforms", "[prescriptions][registration]") {
  rx::RequestFacts facts;
  facts.target.python_version = "3.8";
  facts.target.platform = "linux-x86_64";
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {python_version: \"<3.9\"}}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {python_version: \">=3.9\"}}\n", facts));
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {platforms: [linux-x86_64]}}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {platforms: {not: [linux-x86_64]}}}\n", facts));
}

TEST_CASE("operating systems: alternatives, UBI as RHEL, RHEL major version", "[prescriptions][registration]") {
  std::string body = "      {adviser_pipeline: true, runtime_environments: {operating_systems: [{name: fedora, version: \"35\"}, {name: rhel, version: \"8\"}]}}\n";
  rx::RequestFacts facts;
  facts.os_name = "ubi";
  facts.os_version = "8.6";
  CHECK(includes(body, facts));
  facts.os_name = "fedora";
  facts.os_version = "35";
  CHECK(includes(body, facts));
  facts.os_version = "36";
  CHECK_FALSE(includes(body, facts));
  CHECK_FALSE(includes(body));
}

TEST_CASE("hardware entries are alternatives, null means not detected", "[prescriptions][registration]") {
  rx::RequestFacts facts;
  facts.cpu_family = 6;
  facts.cpu_model = 85;
  facts.target.cpu_flags = {"avx2", "avx512f"};
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {hardware: [{cpu_families: [6], cpu_flags: [avx2]}]}}\n", facts));
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {hardware: [{cpu_families: [6]}, {cpu_models: [94]}]}}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {hardware: [{cpu_families: [13], cpu_models: [6]}, {cpu_families: [10], cpu_models: [6]}]}}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {hardware: [{cpu_families: [6], cpu_models: [94]}]}}\n", facts));
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {hardware: [{gpu_models: [null]}]}}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {hardware: [{gpu_models: {not: [null]}}]}}\n", facts));
  facts.target.gpu_model = "Tesla V100";
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {hardware: [{gpu_models: {not: [null]}}]}}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {hardware: [{cpu_flags: {not: [avx2]}}]}}\n", facts));
  rx::RequestFacts unknown;
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {hardware: [{cpu_models: [null]}]}}\n", unknown));
}

TEST_CASE("base images: tags, tag prefixes, negation, unknown image", "[prescriptions][registration]") {
  CHECK(rx::base_image_matches("quay.io/thoth-station/s2i-thoth-ubi8-py38", "quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.29.0"));
  CHECK(rx::base_image_matches("quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.*", "quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.29.0"));
  CHECK_FALSE(rx::base_image_matches("quay.io/thoth-station/s2i-thoth-ubi8-py38:v1.*", "quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.29.0"));
  CHECK(rx::base_image_matches("localhost:5000/img:v1", "localhost:5000/img:v1"));
  CHECK_FALSE(rx::base_image_matches("localhost:5000/img:v1", "localhost:5000/img"));
  std::string body = "      {adviser_pipeline: true, runtime_environments: {base_images: {not: [\"quay.io/a/b:v1\"]}}}\n";
  rx::RequestFacts facts;
  CHECK(includes(body, facts));
  facts.base_image = "quay.io/a/b:v1";
  CHECK_FALSE(includes(body, facts));
}

TEST_CASE("abi and the contents of an analysed base image", "[prescriptions][registration]") {
  rx::RequestFacts facts;
  facts.target.abi_symbols = {"GLIBC_2.17", "GLIBC_2.28"};
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {abi: [GLIBC_2.17]}}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {abi: [GLIBC_2.34]}}\n", facts));
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {abi: {not: [GLIBC_2.34]}}}\n", facts));
  CHECK_FALSE(includes("      {adviser_pipeline: true, runtime_environments: {rpm_packages: [{package_name: gcc}]}}\n", facts));
  CHECK(includes("      {adviser_pipeline: true, runtime_environments: {python_packages: {not: [{name: flask}]}}}\n", facts));
}
