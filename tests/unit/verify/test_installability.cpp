// The verifier's own installability rule: a pin whose release has no file for the target is a
// violation, named with the file and what it lacks; a release without files always passes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "index/snapshot.hpp"
#include "verify/installability.hpp"
#include "verify/verify.hpp"

namespace {

using nlohmann::json;

thoth::index::InMemoryIndex sample_index() {
  return thoth::index::snapshot_from_json(
      json{{"a", {{"1.0", {{"files", {{{"filename", "a-1.0.tar.gz"}}}}}},
                  {"2.0", {{"files", {{{"filename", "a-2.0-cp312-cp312-manylinux_2_17_x86_64.whl"},
                                       {"requires", {{"cudnn", ">=8.9"}}}}}}}}}},
           {"torch", {{"2.1.0+cu121", json::object()}, {"2.1.0", json::object()}}}},
      "test");
}

std::vector<std::string> violations(const std::string& pin_name, const std::string& version,
                                    const thoth::env::TargetEnvironment& environment) {
  auto index = sample_index();
  thoth::verify::LockToCheck lock{{*thoth::packaging::Requirement::parse(pin_name)}, {{pin_name, version}}, environment, false, {}};
  return thoth::verify::verify_lock(lock, index);
}

}  // namespace

TEST_CASE("the verifier rejects a pin with no installable file and names what is missing", "[verify][installability]") {
  thoth::env::TargetEnvironment environment;
  CHECK(violations("a", "1.0", environment).empty());
  environment.only_binary = {":all:"};
  CHECK(violations("a", "1.0", environment) ==
        std::vector<std::string>{"a==1.0 does not install in the target environment: no file installs: "
                                 "a-1.0.tar.gz: sdist under --only-binary"});
  environment.only_binary = {"b"};
  CHECK(violations("a", "1.0", environment).empty());

  environment.cudnn_version = "8.6";
  CHECK(violations("a", "2.0", environment) ==
        std::vector<std::string>{"a==2.0 does not install in the target environment: no file installs: "
                                 "a-2.0-cp312-cp312-manylinux_2_17_x86_64.whl: cuDNN >=8.9 not met"});
  environment.cudnn_version = "9.0";
  CHECK(violations("a", "2.0", environment).empty());
  environment.platform = "linux-aarch64";
  CHECK(violations("a", "2.0", environment).size() == 1);
}

TEST_CASE("the verifier reads +cuXY labels itself, even on releases without files", "[verify][installability]") {
  auto index = sample_index();
  thoth::env::TargetEnvironment environment;
  const auto& releases = index.find("torch")->releases;
  thoth::verify::Installability none(environment);
  CHECK(none.problem("torch", releases[0]) == std::nullopt);  // 2.1.0: no label, no files
  CHECK(none.problem("torch", releases[1]) == std::optional<std::string>("needs CUDA 12.1 (local label), the environment has none"));
  environment.cuda_version = "11.8";
  CHECK(thoth::verify::Installability(environment).problem("torch", releases[1]) ==
        std::optional<std::string>("needs CUDA 12.1 (local label), the environment has 11.8"));
  environment.cuda_version = "12.2";
  CHECK(thoth::verify::Installability(environment).problem("torch", releases[1]) == std::nullopt);
}
