// Supported wheel tags against packaging 23.0's lists (tests/data/tags/*.json, made by the dev-only
// tests/data/tags/generate.py), element by element, plus the rules behind them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "env/tags.hpp"
#include "support/shared_data.hpp"

namespace {

using thoth::env::TargetEnvironment;

std::vector<std::filesystem::path> reference_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(thoth::testing::source_dir() / "tests/data/tags"))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TargetEnvironment target_of(const nlohmann::json& document) {
  TargetEnvironment env;
  env.python_version = document.at("python_version").get<std::string>();
  env.platform = document.at("platform").get<std::string>();
  env.libc_family = document.value("libc_family", "");
  env.libc_version = document.value("libc_version", "");
  return env;
}

}  // namespace

TEST_CASE("supported tags equal packaging's list element by element for every reference environment", "[env][tags]") {
  auto files = reference_files();
  REQUIRE(files.size() >= 6);
  for (const auto& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      std::ifstream stream(file);
      nlohmann::json document = nlohmann::json::parse(stream);
      auto expected = document.at("tags").get<std::vector<std::string>>();
      auto tags = thoth::env::supported_tags(target_of(document));
      REQUIRE(tags.has_value());
      REQUIRE(tags->size() == expected.size());
      for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("position " << i);
        CHECK((*tags)[i] == expected[i]);
      }
    }
  }
}

TEST_CASE("manylinux platforms stop at 2_17 off x86 and put legacy aliases after their glibc", "[env][tags]") {
  auto aarch64 = thoth::env::manylinux_platforms("aarch64", 2, 18);
  CHECK(aarch64 == std::vector<std::string>{"manylinux_2_18_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64"});
  auto x86 = thoth::env::manylinux_platforms("x86_64", 2, 12);
  CHECK(x86.front() == "manylinux_2_12_x86_64");
  CHECK(x86[1] == "manylinux2010_x86_64");
  CHECK(x86.back() == "manylinux1_x86_64");
  CHECK(thoth::env::manylinux_platforms("riscv64", 2, 35).empty());
}

TEST_CASE("an explicit supported_tags list wins over the derived one", "[env][tags]") {
  TargetEnvironment env;
  env.implementation = "pypy";
  env.supported_tags = {"pp310-pypy310_pp73-manylinux_2_17_x86_64", "py3-none-any"};
  auto tags = thoth::env::supported_tags(env);
  REQUIRE(tags.has_value());
  CHECK(*tags == env.supported_tags);
}

TEST_CASE("non-CPython targets without an explicit tag list are an error", "[env][tags]") {
  TargetEnvironment env;
  env.implementation = "pypy";
  auto tags = thoth::env::supported_tags(env);
  REQUIRE_FALSE(tags.has_value());
  CHECK(tags.error().message == "expected implementation cpython, found `pypy`");
}

TEST_CASE("Linux with an unknown libc is treated as glibc 2.17", "[env][tags]") {
  TargetEnvironment env;  // CPython 3.12 on linux-x86_64, libc unknown
  auto platforms = thoth::env::platform_tags(env);
  REQUIRE(platforms.has_value());
  CHECK(platforms->front() == "manylinux_2_17_x86_64");
  CHECK(platforms->back() == "linux_x86_64");
}

TEST_CASE("malformed platforms and libc versions are reported", "[env][tags]") {
  TargetEnvironment env;
  env.platform = "macosx-arm64";
  CHECK_FALSE(thoth::env::platform_tags(env).has_value());
  env.platform = "linux-x86_64";
  env.libc_family = "glibc";
  env.libc_version = "two";
  auto result = thoth::env::platform_tags(env);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == "expected a glibc version X.Y, found `two`");
}
