// Each unit type parses from inline YAML into its value type, with match and run keys as
// documented in thoth.md §1.5.
#include <catch2/catch.hpp>

#include "unit/prescriptions/support.hpp"

namespace rx = thoth::prescriptions;
using prescriptions_test::only_unit;

TEST_CASE("A boot unit keeps its match, stack_info and not_acceptable", "[prescriptions][units]") {
  auto boot = only_unit<rx::BootUnit>(R"(
units:
  boots:
  - name: GPUNoCUDABoot
    type: boot
    should_include: {adviser_pipeline: true}
    match: [{package_name: tensorflow}, {package_name: torch}]
    run:
      not_acceptable: No CUDA
      stack_info: [{type: WARNING, message: GPU present but no CUDA, link: gpu_no_cuda}]
      log: {type: INFO, message: checked}
)");
  CHECK(boot.header.name == "GPUNoCUDABoot");
  CHECK(boot.header.source.file == "test.yaml");
  CHECK(boot.header.source.line == 4);
  REQUIRE(boot.match.size() == 2);
  CHECK(boot.match[1].package_name == "torch");
  CHECK(boot.run.not_acceptable == "No CUDA");
  REQUIRE(boot.run.stack_info.size() == 1);
  CHECK(boot.run.stack_info[0].type == rx::MessageType::Warning);
  CHECK(boot.run.stack_info[0].link == "https://thoth-station.ninja/j/gpu_no_cuda");
  REQUIRE(boot.run.log.has_value());
  CHECK(boot.run.log->message == "checked");
}

TEST_CASE("A pseudonym unit yields another package", "[prescriptions][units]") {
  auto pseudonym = only_unit<rx::PseudonymUnit>(R"(
units:
  pseudonyms:
  - name: TensorFlowGPUPseudonym
    type: pseudonym
    should_include: {adviser_pipeline: true}
    match: [{package_version: {name: tensorflow, index_url: https://pypi.org/simple}}]
    run:
      yield:
        yield_matched_version: true
        package_version: {name: tensorflow-gpu, index_url: https://pypi.org/simple}
)");
  REQUIRE(pseudonym.match.size() == 1);
  CHECK(pseudonym.match[0].name == "tensorflow");
  CHECK(pseudonym.match[0].index_url->url == "https://pypi.org/simple");
  CHECK(pseudonym.run.yield_matched_version);
  CHECK(pseudonym.run.yielded.name == "tensorflow-gpu");
}

TEST_CASE("A sieve unit keeps a negated index_url and its specifier", "[prescriptions][units]") {
  auto sieve = only_unit<rx::SieveUnit>(R"(
units:
  sieves:
  - name: TorchCU111OnlySieve
    type: sieve
    should_include: {adviser_pipeline: true, labels: {pytorch-cu111-index: solely}}
    match: {package_version: {name: torch, version: ">=1.8", index_url: {not: https://download.pytorch.org/whl/cu111}, develop: false}}
)");
  REQUIRE(sieve.match.size() == 1);
  CHECK(sieve.match[0].index_url->negated);
  CHECK(sieve.match[0].version->to_string() == ">=1.8");
  CHECK(sieve.match[0].develop == false);
  CHECK(sieve.header.should_include.labels.at("pytorch-cu111-index") == "solely");
}

TEST_CASE("A sieve.SkipPackage unit lists package names", "[prescriptions][units]") {
  auto skip = only_unit<rx::SkipPackageSieveUnit>(R"(
units:
  sieves:
  - {name: Enum34Backport, type: sieve.SkipPackage, should_include: {adviser_pipeline: true}, match: {package_name: enum34}}
)");
  CHECK(skip.package_names == std::vector<std::string>{"enum34"});
}

TEST_CASE("A step unit keeps score, justification and state", "[prescriptions][units]") {
  auto step = only_unit<rx::StepUnit>(R"(
units:
  steps:
  - name: TensorFlowAVX2Step
    type: step
    should_include: {adviser_pipeline: true, recommendation_types: [performance]}
    match:
      package_version: {name: tensorflow, index_url: https://tensorflow.pypi.thoth-station.ninja/index/os/fedora/30/jemalloc/simple/}
      state:
        resolved_dependencies: [{name: h5py, version: ">=3"}]
        package_version_from: [{name: keras}]
        package_version_from_allow_other: true
    run:
      score: 0.2
      multi_package_resolution: true
      justification:
      - {type: INFO, message: AVX2 build, link: https://example.org/avx2, package_name: tensorflow,
         version_range: "<2.5", advisory: A1, cve_id: CVE-1, cve_name: name}
)");
  REQUIRE(step.match.size() == 1);
  REQUIRE(step.match[0].state.has_value());
  CHECK(step.match[0].state->resolved_dependencies[0].name == "h5py");
  CHECK(step.match[0].state->package_version_from[0].name == "keras");
  CHECK(step.match[0].state->package_version_from_allow_other);
  CHECK(step.run.score == Approx(0.2));
  CHECK(step.run.multi_package_resolution);
  REQUIRE(step.run.justification.size() == 1);
  const auto& j = step.run.justification[0];
  CHECK(j.link == "https://example.org/avx2");
  CHECK(j.package_name == "tensorflow");
  CHECK(j.version_range->to_string() == "<2.5");
  CHECK(j.advisory == "A1");
  CHECK(j.cve_id == "CVE-1");
  CHECK(j.cve_name == "name");
}

TEST_CASE("A step.SkipPackage unit takes one match entry", "[prescriptions][units]") {
  auto skip = only_unit<rx::SkipPackageStepUnit>(R"(
units:
  steps:
  - name: TensorFlowRMSciPyStep
    type: step.SkipPackage
    should_include: {adviser_pipeline: true}
    match: {package_version: {name: scipy}, state: {package_version_from: [{name: tensorflow, version: ">2.1,<=2.3"}]}}
)");
  REQUIRE(skip.match.size() == 1);
  CHECK(skip.match[0].package_version.name == "scipy");
}

TEST_CASE("A step.AddPackage unit needs the full package_version", "[prescriptions][units]") {
  auto add = only_unit<rx::AddPackageStepUnit>(R"(
units:
  steps:
  - name: AddSix
    type: step.AddPackage
    should_include: {adviser_pipeline: true}
    match: {package_version: {name: foo}}
    run: {package_version: {name: six, locked_version: ==1.16.0, index_url: https://pypi.org/simple, develop: false}}
)");
  CHECK(add.run.package_version.name == "six");
  CHECK(add.run.package_version.locked_version == "==1.16.0");
  CHECK(add.run.package_version.develop == false);
}

TEST_CASE("A step.Group unit keeps each group's members", "[prescriptions][units]") {
  auto group = only_unit<rx::GroupStepUnit>(R"(
units:
  steps:
  - name: TensorFlow26Keras27
    type: step.Group
    should_include: {adviser_pipeline: true}
    match: [{group: [{package_version: {name: keras, version: ">=2.7.0"}}, {package_version: {name: tensorflow, version: ">=2.6.0,<2.7.0"}}]}]
    run: {not_acceptable: TF 2.6 overpinned keras}
)");
  REQUIRE(group.groups.size() == 1);
  REQUIRE(group.groups[0].size() == 2);
  CHECK(group.groups[0][1].name == "tensorflow");
  CHECK(group.run.not_acceptable == "TF 2.6 overpinned keras");
}

TEST_CASE("A stride unit needs state.resolved_dependencies", "[prescriptions][units]") {
  auto stride = only_unit<rx::StrideUnit>(R"(
units:
  strides:
  - name: NoFlaskAndDjango
    type: stride
    should_include: {adviser_pipeline: true}
    match: {state: {resolved_dependencies: [{name: flask}, {name: django}]}}
    run: {not_acceptable: pick one web framework}
)");
  REQUIRE(stride.match.size() == 1);
  CHECK(stride.match[0].resolved_dependencies.size() == 2);
  CHECK(stride.run.not_acceptable.has_value());
}

TEST_CASE("A wrap unit keeps justification, metadata and manifest changes", "[prescriptions][units]") {
  auto wrap = only_unit<rx::WrapUnit>(R"(
units:
  wraps:
  - name: MKLThreadsTorchWrap
    type: wrap
    metadata: {prescriptions_version: 0.8.0}
    should_include: {adviser_pipeline: true}
    match: {state: {resolved_dependencies: [{name: torch}]}}
    run:
      justification: [{type: WARNING, message: Set OMP_NUM_THREADS, link: mkl_threads, package_name: torch}]
      advised_manifest_changes:
      - apiVersion: apps.openshift.io/v1
        kind: DeploymentConfig
        patch: {op: add, path: /spec/template/spec/containers/0/env/0, value: {name: OMP_NUM_THREADS, value: "1"}}
)");
  CHECK(wrap.header.metadata["prescriptions_version"] == "0.8.0");
  REQUIRE(wrap.run.advised_manifest_changes.size() == 1);
  CHECK(wrap.run.advised_manifest_changes[0].kind == "DeploymentConfig");
  CHECK(wrap.run.advised_manifest_changes[0].patch["value"]["value"] == "1");
  CHECK(wrap.run.justification[0].link == "https://thoth-station.ninja/j/mkl_threads");
}

TEST_CASE("A wrap.GHReleaseNotes unit names one package and its repository", "[prescriptions][units]") {
  auto notes = only_unit<rx::GHReleaseNotesWrapUnit>(R"(
units:
  wraps:
  - name: FlaskGHReleaseNotesWrap
    type: wrap.GHReleaseNotes
    should_include: {adviser_pipeline: true}
    match: {state: {resolved_dependencies: [{name: flask}]}}
    run: {release_notes: {organization: pallets, repository: flask, tag_version_prefix: v}}
)");
  REQUIRE(notes.match.size() == 1);
  CHECK(notes.match[0].name == "flask");
  CHECK(notes.release_notes.organization == "pallets");
  CHECK(notes.release_notes.tag_version_prefix == "v");
}

TEST_CASE("YAML anchors and merge keys resolve as in PyYAML", "[prescriptions][units]") {
  auto sieve = only_unit<rx::SieveUnit>(R"(
units:
  sieves:
  - name: MergedSieve
    type: sieve
    should_include: {adviser_pipeline: true}
    match: {package_version: {name: flask-openid}}
    run:
      stack_info:
      - &info {type: INFO, message: first, link: https://example.org}
      - <<: *info
        message: second
)");
  REQUIRE(sieve.run.stack_info.size() == 2);
  CHECK(sieve.run.stack_info[1].message == "second");
  CHECK(sieve.run.stack_info[1].link == "https://example.org");
}
