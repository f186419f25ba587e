// `.thoth.yaml`: parsing, unknown keys, selection, conversion to a target, merging detected facts.
#include <catch2/catch.hpp>

#include "env/tags.hpp"
#include "env/thoth_config.hpp"

using thoth::env::merge_into_existing;
using thoth::env::parse_thoth_config;
using thoth::env::RuntimeEnvironment;

namespace {

constexpr const char* kThamosConfig = R"(# Project settings for thamos.
# Keep this header.
host: khemenu.thoth-station.ninja
tls_verify: true
requirements_format: pipenv
overlays_dir: null
runtime_environments:
  - name: rhel8
    operating_system: {name: rhel, version: "8"}
    labels: {team: ml}
    hardware: {cpu_family: 6, cpu_model: 94, gpu_model: null}
    python_version: "3.8"
    cuda_version: null
    recommendation_type: stable
    platform: linux-x86_64
    base_image: quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.x
  - name: alpine
    python_version: "3.11"
    platform: linux-x86_64
    libc: {family: musl, version: "1.2"}
managers:
  - name: update
    configuration:
      labels: [bot]  # a comment after the first key is lost
)";

}  // namespace

TEST_CASE("a thamos .thoth.yaml parses with its runtime environments and other keys kept", "[env][thoth_config]") {
  auto config = parse_thoth_config(kThamosConfig, ".thoth.yaml");
  REQUIRE(config.has_value());
  REQUIRE(config->runtime_environments.size() == 2);
  const RuntimeEnvironment& rhel = config->runtime_environments[0];
  CHECK(rhel.name == std::optional<std::string>("rhel8"));
  CHECK(rhel.operating_system.version == std::optional<std::string>("8"));
  CHECK(rhel.hardware.cpu_model == std::optional<int>(94));
  CHECK_FALSE(rhel.hardware.gpu_model.has_value());
  CHECK_FALSE(rhel.cuda_version.has_value());
  CHECK(rhel.recommendation_type == thoth::env::RecommendationType::Stable);
  CHECK(rhel.labels.at("team") == "ml");
  CHECK(rhel.line == 8);
  std::vector<std::string> keys;
  for (const auto& [key, value] : config->other_keys) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"host", "tls_verify", "requirements_format", "overlays_dir", "managers"});
}

TEST_CASE("an unknown key in a runtime environment is an error naming file, line and key", "[env][thoth_config]") {
  auto config = parse_thoth_config("runtime_environments:\n  - name: a\n    cuda_verison: '11.8'\n", "proj/.thoth.yaml");
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().location == "proj/.thoth.yaml:3");
  CHECK(config.error().message == "unknown key `cuda_verison` in a runtime environment");
  auto nested = parse_thoth_config("runtime_environments:\n  - hardware: {cpu_famly: 6}\n", "f.yaml");
  REQUIRE_FALSE(nested.has_value());
  CHECK(nested.error().message == "unknown key `cpu_famly` in hardware");
}

TEST_CASE("wrong value types and bad enumerations are errors", "[env][thoth_config]") {
  CHECK_FALSE(parse_thoth_config("runtime_environments:\n  - recommendation_type: fastest\n", "f").has_value());
  CHECK_FALSE(parse_thoth_config("runtime_environments:\n  - hardware: {cpu_family: six}\n", "f").has_value());
  CHECK_FALSE(parse_thoth_config("runtime_environments:\n  - libc: {family: bionic}\n", "f").has_value());
  CHECK_FALSE(parse_thoth_config("runtime_environments: {name: a}\n", "f").has_value());
  auto syntax = parse_thoth_config("a: [1, 2\n", "f");
  REQUIRE_FALSE(syntax.has_value());
  CHECK(syntax.error().message.starts_with("expected valid YAML"));
}

TEST_CASE("the first runtime environment is the default, others are selected by name", "[env][thoth_config]") {
  auto config = parse_thoth_config(kThamosConfig, ".thoth.yaml");
  REQUIRE(config.has_value());
  CHECK(thoth::env::select_runtime_environment(*config, "")->name == std::optional<std::string>("rhel8"));
  CHECK(thoth::env::select_runtime_environment(*config, "alpine")->name == std::optional<std::string>("alpine"));
  auto missing = thoth::env::select_runtime_environment(*config, "fedora");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().message == "expected a runtime environment named `fedora`, found only rhel8, alpine");
}

TEST_CASE("a runtime environment becomes a target environment with the new fields", "[env][thoth_config]") {
  auto config = parse_thoth_config(kThamosConfig, ".thoth.yaml");
  REQUIRE(config.has_value());
  auto target = thoth::env::to_target_environment(config->runtime_environments[1]);
  CHECK(target.python_version == "3.11");
  CHECK(target.libc_family == "musl");
  CHECK(target.libc_version == "1.2");
  CHECK(thoth::env::supported_tags(target)->front() == "cp311-cp311-musllinux_1_2_x86_64");
  RuntimeEnvironment bad;
  bad.python_version = "three";
  CHECK_THROWS_AS(thoth::env::to_target_environment(bad), thoth::InputError);
}

TEST_CASE("merging detected facts updates only those fields and keeps the rest", "[env][thoth_config]") {
  RuntimeEnvironment detected;
  detected.python_version = "3.10";
  detected.cuda_version = "12.1";
  detected.hardware.cpu_flags = std::vector<std::string>{"avx", "avx2"};
  detected.libc = {"glibc", "2.28"};
  auto merged = merge_into_existing(kThamosConfig, detected);
  REQUIRE(merged.has_value());
  CHECK(merged->starts_with("# Project settings for thamos.\n# Keep this header.\n"));
  auto reread = parse_thoth_config(*merged, "merged");
  REQUIRE(reread.has_value());
  const RuntimeEnvironment& rhel = reread->runtime_environments[0];
  CHECK(rhel.python_version == std::optional<std::string>("3.10"));
  CHECK(rhel.cuda_version == std::optional<std::string>("12.1"));
  CHECK(rhel.hardware.cpu_model == std::optional<int>(94));  // untouched
  CHECK(rhel.hardware.cpu_flags == std::optional<std::vector<std::string>>({"avx", "avx2"}));
  CHECK(rhel.base_image == std::optional<std::string>("quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.x"));
  CHECK(rhel.libc.version == std::optional<std::string>("2.28"));
  RuntimeEnvironment alpine_after = reread->runtime_environments[1];
  RuntimeEnvironment alpine_before = parse_thoth_config(kThamosConfig, "f")->runtime_environments[1];
  alpine_after.line = alpine_before.line = 0;  // lines move when the first environment grows
  CHECK(alpine_after == alpine_before);
  CHECK(reread->other_keys == parse_thoth_config(kThamosConfig, "f")->other_keys);
  CHECK(merged->find("python_version: \"3.10\"") != std::string::npos);  // stays a string for PyYAML
  CHECK(merged->find("operating_system: {name: rhel, version: \"8\"}") != std::string::npos);  // flow style kept
}

TEST_CASE("merging into a named environment, an empty file, or a missing name", "[env][thoth_config]") {
  RuntimeEnvironment detected;
  detected.platform = "linux-aarch64";
  auto named = merge_into_existing(kThamosConfig, detected, "alpine");
  REQUIRE(named.has_value());
  auto reread = parse_thoth_config(*named, "f");
  CHECK(reread->runtime_environments[0].platform == std::optional<std::string>("linux-x86_64"));
  CHECK(reread->runtime_environments[1].platform == std::optional<std::string>("linux-aarch64"));
  CHECK_FALSE(merge_into_existing(kThamosConfig, detected, "fedora").has_value());
  auto fresh = parse_thoth_config(thoth::env::new_thoth_config(detected), "f");
  REQUIRE(fresh.has_value());
  REQUIRE(fresh->runtime_environments.size() == 1);
  CHECK(fresh->runtime_environments[0].name == std::optional<std::string>("default"));
  CHECK(fresh->runtime_environments[0].platform == std::optional<std::string>("linux-aarch64"));
}

TEST_CASE("merging the same facts twice gives the same text", "[env][thoth_config]") {
  RuntimeEnvironment detected;
  detected.operating_system = {"ubuntu", "22.04"};
  detected.hardware.cpu_family = 6;
  auto once = merge_into_existing(kThamosConfig, detected);
  REQUIRE(once.has_value());
  auto twice = merge_into_existing(*once, detected);
  REQUIRE(twice.has_value());
  CHECK(*once == *twice);
}

TEST_CASE("only_binary in a runtime environment becomes the target's --only-binary list", "[env][thoth_config]") {
  auto config = parse_thoth_config("runtime_environments:\n  - name: slim\n    only_binary: [\":all:\", Torch_Vision]\n",
                                   ".thoth.yaml");
  REQUIRE(config.has_value());
  const RuntimeEnvironment& runtime = config->runtime_environments.at(0);
  CHECK(runtime.only_binary == std::optional<std::vector<std::string>>({":all:", "Torch_Vision"}));
  auto target = thoth::env::to_target_environment(runtime);
  CHECK(target.only_binary == std::vector<std::string>{":all:", "torch-vision"});
  CHECK_FALSE(target.sdist_allowed("numpy"));
  auto wrong = parse_thoth_config("runtime_environments:\n  - only_binary: numpy\n", ".thoth.yaml");
  CHECK_FALSE(wrong.has_value());
}
