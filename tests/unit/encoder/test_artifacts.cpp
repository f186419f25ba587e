// The artifact filter and its place in the universe: which files of a release install in the target
// (tags, sdists and --only-binary, ABI symbols, CUDA/cuDNN/CPU needs, +cuXY labels), the exact reason
// recorded when none does, the exclusion it leaves in PackageNode::excluded, and its effect on ranks.
// Indexes are snapshot JSON, read by the real loader, so `files[].abi` / `files[].requires` parsing is
// covered too.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "encoder/artifacts.hpp"
#include "encoder/encoding.hpp"
#include "index/snapshot.hpp"
#include "verify/verify.hpp"

namespace {

using nlohmann::json;
using thoth::encoder::ArtifactFilter;
using thoth::encoder::ExclusionKind;
using thoth::env::TargetEnvironment;

const thoth::index::Release& release_of(thoth::index::InMemoryIndex& index, const std::string& name,
                                        const std::string& version) {
  const auto* project = index.find(name);
  REQUIRE(project != nullptr);
  for (const auto& release : project->releases)
    if (release.version_text == version) return release;
  FAIL("no release " << name << " " << version);
  throw std::logic_error("unreachable");
}

json torch_index() {
  return {{"torch",
           {{"2.1.0+cu121", {{"files", {{{"filename", "torch-2.1.0+cu121-cp312-cp312-linux_x86_64.whl"}}}}}},
            {"2.1.0+cu118", {{"files", {{{"filename", "torch-2.1.0+cu118-cp312-cp312-linux_x86_64.whl"}}}}}},
            {"2.1.0+cpu", {{"files", {{{"filename", "torch-2.1.0+cpu-cp312-cp312-linux_x86_64.whl"}}}}}}}}};
}

thoth::encoder::Problem problem_for(const std::string& requirement, const TargetEnvironment& environment) {
  thoth::encoder::Problem problem;
  problem.environment = environment;
  problem.roots.push_back({*thoth::packaging::Requirement::parse(requirement), "default", "test"});
  return problem;
}

}  // namespace

TEST_CASE("a +cuXY build without the CUDA it needs is excluded with the reason", "[encoder][artifacts]") {
  auto index = thoth::index::snapshot_from_json(torch_index(), "test");
  TargetEnvironment environment;
  ArtifactFilter filter(environment);
  auto verdict = filter.check("torch", release_of(index, "torch", "2.1.0+cu118"));
  CHECK_FALSE(verdict.installable);
  CHECK(verdict.reason == "no file of torch 2.1.0+cu118 installs: +cu118 build needs CUDA >=11.8, environment has none");
  CHECK(filter.check("torch", release_of(index, "torch", "2.1.0+cpu")).installable);

  environment.cuda_version = "10.2";
  CHECK(ArtifactFilter(environment).check("torch", release_of(index, "torch", "2.1.0+cu118")).reason ==
        "no file of torch 2.1.0+cu118 installs: +cu118 build needs CUDA >=11.8, environment has 10.2");
  environment.cuda_version = "11.8";
  CHECK(ArtifactFilter(environment).check("torch", release_of(index, "torch", "2.1.0+cu118")).installable);
}

TEST_CASE("a wheel-tag reason says which libc the tags assumed", "[encoder][artifacts]") {
  auto index = thoth::index::snapshot_from_json(
      json{{"a", {{"1.0", {{"files", {{{"filename", "a-1.0-cp312-cp312-manylinux_2_28_x86_64.whl"}}}}}}}}}, "test");
  TargetEnvironment environment;
  CHECK(ArtifactFilter(environment).check("a", release_of(index, "a", "1.0")).reason ==
        "no file of a 1.0 installs: no wheel tag supported by CPython 3.12.0 on linux-x86_64 (glibc 2.17 assumed) "
        "(a-1.0-cp312-cp312-manylinux_2_28_x86_64.whl)");
  environment.supported_tags = {"py3-none-any"};
  CHECK(ArtifactFilter(environment).check("a", release_of(index, "a", "1.0")).reason ==
        "no file of a 1.0 installs: no wheel tag supported by the environment's supported_tags list "
        "(a-1.0-cp312-cp312-manylinux_2_28_x86_64.whl)");
}

TEST_CASE("the universe records non-installable releases as exclusions and picks the matching build", "[encoder][artifacts]") {
  auto index = thoth::index::snapshot_from_json(torch_index(), "test");
  TargetEnvironment environment;
  environment.cuda_version = "11.8";
  auto universe = thoth::encoder::build_universe(problem_for("torch==2.1.0", environment), index);
  REQUIRE(universe.packages.size() == 1);
  const auto& torch = universe.packages[0];
  REQUIRE(torch.candidates.size() == 2);
  CHECK(torch.candidates[0]->version_text == "2.1.0+cu118");
  CHECK(torch.candidates[1]->version_text == "2.1.0+cpu");
  CHECK(torch.newer_eligible == std::vector<std::size_t>{0, 1});  // the excluded cu121 build costs nothing
  REQUIRE(torch.excluded.size() == 1);
  CHECK(torch.excluded[0].version == "2.1.0+cu121");
  CHECK(torch.excluded[0].kind == ExclusionKind::NotInstallable);
  CHECK(torch.excluded[0].reason == "no file of torch 2.1.0+cu121 installs: +cu121 build needs CUDA >=12.1, environment has 11.8");
  REQUIRE(torch.installable_files.size() == 2);
  CHECK(torch.installable_files[0] == std::vector<std::size_t>{0});
}

TEST_CASE("files install by wheel tag, best first, sdists last, and --only-binary removes sdists", "[encoder][artifacts]") {
  json files = json::array({{{"filename", "a-1.0.tar.gz"}},
                            {{"filename", "a-1.0-py3-none-any.whl"}},
                            {{"filename", "a-1.0-cp312-cp312-win_amd64.whl"}},
                            {{"filename", "a-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"}}});
  auto index = thoth::index::snapshot_from_json(json{{"a", {{"1.0", {{"files", files}}}}}}, "test");
  const auto& release = release_of(index, "a", "1.0");
  TargetEnvironment environment;
  CHECK(ArtifactFilter(environment).check("a", release).files == std::vector<std::size_t>{3, 1, 0});
  environment.only_binary = {"a"};
  CHECK(ArtifactFilter(environment).check("a", release).files == std::vector<std::size_t>{3, 1});
  environment.only_binary = {"b"};
  CHECK(ArtifactFilter(environment).check("a", release).files == std::vector<std::size_t>{3, 1, 0});
  environment.platform = "win-amd64";
  environment.only_binary = {":all:"};
  CHECK(ArtifactFilter(environment).check("a", release).files == std::vector<std::size_t>{2, 1});
}

TEST_CASE("the reason groups files by what they lack and names them", "[encoder][artifacts]") {
  json files = json::array(
      {{{"filename", "a-2.0.tar.gz"}},
       {{"filename", "a-2.0-cp311-cp311-win_amd64.whl"}},
       {{"filename", "a-2.0-cp310-cp310-win_amd64.whl"}},
       {{"filename", "a-2.0-cp39-cp39-win_amd64.whl"}},
       {{"filename", "a-2.0-cp312-cp312-manylinux_2_17_x86_64.whl"}, {"abi", {"GLIBC_2.17", "GLIBCXX_3.4.30"}}},
       {{"filename", "a-2.0-cp312-cp312-manylinux_2_28_x86_64.whl"}, {"requires", {{"cpu_flags", {"avx512f"}}}}},
       {{"filename", "a-2.0-py3.12.egg"}}});
  auto index = thoth::index::snapshot_from_json(json{{"a", {{"2.0", {{"files", files}}}}}}, "test");
  TargetEnvironment environment;
  environment.libc_family = "glibc";
  environment.libc_version = "2.28";
  environment.libstdcxx_version = "8.1.0";
  environment.only_binary = {":all:"};
  auto verdict = ArtifactFilter(environment).check("a", release_of(index, "a", "2.0"));
  CHECK_FALSE(verdict.installable);
  CHECK(verdict.reason ==
        "no file of a 2.0 installs: sdist, but only binaries are allowed for a (a-2.0.tar.gz); "
        "no wheel tag supported by CPython 3.12.0 on linux-x86_64 with glibc 2.28 (a-2.0-cp311-cp311-win_amd64.whl, "
        "a-2.0-cp310-cp310-win_amd64.whl and 1 more); "
        "needs symbol GLIBCXX_3.4.30, environment does not provide it (a-2.0-cp312-cp312-manylinux_2_17_x86_64.whl); "
        "needs CPU flag avx512f, environment does not list it (a-2.0-cp312-cp312-manylinux_2_28_x86_64.whl); "
        "neither a wheel nor an sdist (.tar.gz, .zip) (a-2.0-py3.12.egg)");
}

TEST_CASE("a release without files is one pure-Python wheel, PyPy gets compatible tags only", "[encoder][artifacts]") {
  auto index = thoth::index::snapshot_from_json(
      json{{"a", {{"1.0", json::object()},
                  {"2.0", {{"files", {{{"filename", "a-2.0-cp310-cp310-manylinux2014_x86_64.whl"}},
                                      {{"filename", "a-2.0-pp310-none-any.whl"}}}}}}}}},
      "test");
  TargetEnvironment environment;
  environment.platform = "win-arm64";
  environment.only_binary = {":all:"};
  CHECK(ArtifactFilter(environment).check("a", release_of(index, "a", "2.0")).reason ==
        "no file of a 2.0 installs: no wheel tag supported by CPython 3.12.0 on win-arm64 "
        "(a-2.0-cp310-cp310-manylinux2014_x86_64.whl and a-2.0-pp310-none-any.whl)");
  auto plain = ArtifactFilter(environment).check("a", release_of(index, "a", "1.0"));
  CHECK(plain.installable);
  CHECK(plain.files.empty());

  environment = TargetEnvironment{};
  environment.implementation = "pypy";
  environment.python_version = "3.10";
  ArtifactFilter pypy(environment);
  CHECK(pypy.tags_error().empty());
  CHECK(std::find(pypy.tags().begin(), pypy.tags().end(), "pp310-none-any") != pypy.tags().end());
  CHECK(pypy.check("a", release_of(index, "a", "2.0")).files == std::vector<std::size_t>{1});
}

TEST_CASE("a release that installs only through an uninstallable final lets a pre-release through", "[encoder][artifacts]") {
  auto index = thoth::index::snapshot_from_json(
      json{{"a", {{"1.0", {{"files", {{{"filename", "a-1.0-cp311-cp311-manylinux2014_x86_64.whl"}}}}}},
                  {"2.0b1", {{"files", {{{"filename", "a-2.0b1-py3-none-any.whl"}}}}}}}}},
      "test");
  TargetEnvironment environment;  // CPython 3.12
  auto universe = thoth::encoder::build_universe(problem_for("a", environment), index);
  REQUIRE(universe.packages[0].candidates.size() == 1);
  CHECK(universe.packages[0].candidates[0]->version_text == "2.0b1");
  thoth::verify::LockToCheck lock;
  lock.roots = {*thoth::packaging::Requirement::parse("a")};
  lock.pins = {{"a", "2.0b1"}};
  lock.environment = environment;
  CHECK(thoth::verify::verify_lock(lock, index).empty());
  lock.pins = {{"a", "1.0"}};
  auto violations = thoth::verify::verify_lock(lock, index);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0] == "a==1.0 does not install in the target environment: no file installs: "
                         "a-1.0-cp311-cp311-manylinux2014_x86_64.whl: no supported wheel tag");
}

TEST_CASE("snapshot files carry abi and requires, malformed values name the file", "[encoder][artifacts][index]") {
  json good = {{"a", {{"1.0", {{"files", {{{"filename", "a-1.0-py3-none-any.whl"},
                                           {"abi", {"GLIBCXX_3.4.21", "GLIBC_2.17"}},
                                           {"requires", {{"cuda", ">=11.8"}, {"cudnn", ">=8"}, {"cpu_flags", {"avx2"}}, {"abi", {"GLIBC_2.17"}}}}}}}}}}}};
  auto index = thoth::index::snapshot_from_json(good, "snap.json");
  const auto& file = release_of(index, "a", "1.0").files.at(0);
  CHECK(file.requirements.abi == std::vector<std::string>{"GLIBCXX_3.4.21", "GLIBC_2.17"});
  CHECK(file.requirements.cuda == std::optional<std::string>(">=11.8"));
  CHECK(file.requirements.cudnn == std::optional<std::string>(">=8"));
  CHECK(file.requirements.cpu_flags == std::vector<std::string>{"avx2"});

  json bad = {{"a", {{"1.0", {{"files", {{{"filename", "a-1.0-py3-none-any.whl"}, {"requires", {{"cuda_version", "11"}}}}}}}}}}};
  try {
    (void)thoth::index::snapshot_from_json(bad, "snap.json");
    FAIL("expected an InputError");
  } catch (const thoth::InputError& error) {
    std::string what = error.what();
    CHECK(what.find("snap.json: package `a`, version `1.0`, file `a-1.0-py3-none-any.whl`") != std::string::npos);
    CHECK(what.find("expected one of cuda, cudnn, cpu_flags, abi, found `cuda_version`") != std::string::npos);
  }
  json bad_abi = {{"a", {{"1.0", {{"files", {{{"filename", "a-1.0-py3-none-any.whl"}, {"abi", "GLIBC_2.17"}}}}}}}}};
  CHECK_THROWS_AS(thoth::index::snapshot_from_json(bad_abi, "snap.json"), thoth::InputError);
}
