// Every should_include key and runtime_environments sub-key of thoth.md §1.3 reaches the value type.
#include <catch2/catch.hpp>

#include "unit/prescriptions/support.hpp"

namespace rx = thoth::prescriptions;
using prescriptions_test::only_unit;

namespace {

rx::ShouldInclude should_include(const std::string& body) {
  std::string yaml = "units:\n  wraps:\n  - name: W\n    type: wrap\n    run: {}\n    should_include:\n" + body;
  return only_unit<rx::WrapUnit>(yaml).header.should_include;
}

}  // namespace

TEST_CASE("should_include defaults follow upstream", "[prescriptions][should_include]") {
  auto include = should_include("      {}\n");
  CHECK(include.times == 1);
  CHECK_FALSE(include.adviser_pipeline);
  CHECK_FALSE(include.dependency_monkey_pipeline);
  CHECK_FALSE(include.authenticated.has_value());
  CHECK_FALSE(include.runtime_environments.has_value());
}

TEST_CASE("should_include reads every pipeline key", "[prescriptions][should_include]") {
  auto include = should_include(R"(
      times: 0
      adviser_pipeline: true
      dependency_monkey_pipeline: true
      recommendation_types: {not: [latest, testing]}
      decision_types: [random]
      authenticated: false
      labels: {team: thoth, tier: gold}
      library_usage: {tensorflow: [tensorflow.keras.*]}
      dependencies: {boots: [B1], pseudonyms: [P1], sieves: [S1], steps: [T1], strides: [R1], wraps: [W1, W2]}
)");
  CHECK(include.times == 0);
  CHECK(include.adviser_pipeline);
  CHECK(include.dependency_monkey_pipeline);
  REQUIRE(include.recommendation_types.has_value());
  CHECK(include.recommendation_types->negated);
  CHECK(include.recommendation_types->items ==
        std::vector<rx::RecommendationType>{rx::RecommendationType::Latest, rx::RecommendationType::Testing});
  CHECK(include.decision_types->items == std::vector<rx::DecisionType>{rx::DecisionType::Random});
  CHECK(include.authenticated == false);
  CHECK(include.labels.size() == 2);
  CHECK(include.library_usage.at("tensorflow") == std::vector<std::string>{"tensorflow.keras.*"});
  CHECK(include.dependencies.boots == std::vector<std::string>{"B1"});
  CHECK(include.dependencies.pseudonyms == std::vector<std::string>{"P1"});
  CHECK(include.dependencies.sieves == std::vector<std::string>{"S1"});
  CHECK(include.dependencies.steps == std::vector<std::string>{"T1"});
  CHECK(include.dependencies.strides == std::vector<std::string>{"R1"});
  CHECK(include.dependencies.wraps.size() == 2);
}

TEST_CASE("should_include reads every runtime_environments key", "[prescriptions][should_include]") {
  auto include = should_include(R"(
      adviser_pipeline: true
      runtime_environments:
        operating_systems: [{name: rhel, version: "8"}, {name: fedora}]
        hardware:
        - {cpu_families: [6], cpu_models: [null, 85], cpu_flags: {not: [avx512]}, gpu_models: {not: [null]}}
        python_version: ">=3.8"
        cuda_version: null
        cudnn_version: ">=0.0"
        openblas_version: ">=0.3"
        openmpi_version: "<5"
        mkl_version: "==2021.*"
        platforms: [linux-x86_64]
        base_images: {not: ["quay.io/thoth-station/s2i-thoth-ubi8-py38:v1.*", null]}
        abi: [GLIBC_2.4]
        rpm_packages: {not: [{package_name: cuda, package_version: "11", release: "1", epoch: "0", arch: x86_64, src: false, package_identifier: cuda-11}]}
        python_packages: [{name: setuptools, version: "<58.0.0", location: ^/opt/app-root/.*}]
)");
  REQUIRE(include.runtime_environments.has_value());
  const auto& env = *include.runtime_environments;
  REQUIRE(env.operating_systems.size() == 2);
  CHECK(env.operating_systems[0].version == "8");
  CHECK_FALSE(env.operating_systems[1].version.has_value());
  REQUIRE(env.hardware.size() == 1);
  CHECK(env.hardware[0].cpu_families->items[0] == 6);
  CHECK_FALSE(env.hardware[0].cpu_models->items[0].has_value());
  CHECK(env.hardware[0].cpu_flags->negated);
  CHECK(env.hardware[0].cpu_flags->items == std::vector<std::string>{"avx512"});
  CHECK(env.hardware[0].gpu_models->negated);
  CHECK(env.python_version->specifier->to_string() == ">=3.8");
  REQUIRE(env.cuda_version.has_value());
  CHECK_FALSE(env.cuda_version->specifier.has_value());  // written as null
  CHECK(env.cudnn_version->specifier->to_string() == ">=0.0");
  CHECK(env.openblas_version.has_value());
  CHECK(env.openmpi_version.has_value());
  CHECK(env.mkl_version.has_value());
  CHECK(env.platforms->items[0] == "linux-x86_64");
  CHECK(env.base_images->negated);
  CHECK_FALSE(env.base_images->items[1].has_value());
  CHECK(env.abi->items[0] == "GLIBC_2.4");
  CHECK(env.rpm_packages->negated);
  CHECK(env.rpm_packages->items[0].arch == "x86_64");
  CHECK(env.rpm_packages->items[0].src == false);
  CHECK(env.python_packages->items[0].name == "setuptools");
  CHECK(env.python_packages->items[0].location == "^/opt/app-root/.*");
}
