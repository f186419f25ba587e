// Wheel and sdist file names (PEP 427/425) and tag priorities.
#include <catch2/catch.hpp>

#include "env/tags.hpp"
#include "env/wheel.hpp"

using thoth::env::parse_sdist_name;
using thoth::env::parse_wheel_name;
using thoth::env::TagPriorities;

TEST_CASE("a wheel name with compressed tag sets expands to every combination", "[env][wheel]") {
  auto wheel = parse_wheel_name("numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
  REQUIRE(wheel.has_value());
  CHECK(wheel->name == "numpy");
  CHECK(wheel->version.to_string() == "1.26.4");
  CHECK_FALSE(wheel->build.has_value());
  CHECK(wheel->tags() == std::vector<std::string>{"cp312-cp312-manylinux_2_17_x86_64", "cp312-cp312-manylinux2014_x86_64"});
}

TEST_CASE("a wheel name may carry a build tag and a non-canonical distribution name", "[env][wheel]") {
  auto wheel = parse_wheel_name("Typing_Extensions-4.8.0-1abc-py2.py3-none-any.whl");
  REQUIRE(wheel.has_value());
  CHECK(wheel->name == "typing-extensions");
  CHECK(wheel->build == std::optional<std::string>("1abc"));
  CHECK(wheel->python_tags == std::vector<std::string>{"py2", "py3"});
}

TEST_CASE("malformed wheel names are errors that say what was expected", "[env][wheel]") {
  auto check_error = [](const char* name, const std::string& message) {
    auto wheel = parse_wheel_name(name);
    REQUIRE_FALSE(wheel.has_value());
    CHECK(wheel.error().message == message);
  };
  check_error("numpy-1.0-cp312-cp312.whl", "expected {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl, found `numpy-1.0-cp312-cp312.whl`");
  check_error("numpy-one-py3-none-any.whl", "expected a PEP 440 version, found `one`");
  check_error("numpy-1.0-abc-py3-none-any.whl", "expected a build tag starting with a digit, found `abc`");
  check_error("foo__bar-1.0-py3-none-any.whl", "expected a distribution name, found `foo__bar`");
  check_error("numpy-1.0-py3-none-.whl", "expected a platform tag, found ``");
  check_error("numpy-1.0.tar.gz", "expected a file name ending in .whl, found `numpy-1.0.tar.gz`");
}

TEST_CASE("sdist names split at the last dash", "[env][wheel]") {
  auto sdist = parse_sdist_name("zope.interface-6.0.tar.gz");
  REQUIRE(sdist.has_value());
  CHECK(sdist->name == "zope-interface");
  CHECK(sdist->version.to_string() == "6.0");
  CHECK(sdist->extension == ".tar.gz");
  CHECK(parse_sdist_name("my-package-1.0.zip")->name == "my-package");
  CHECK_FALSE(parse_sdist_name("package.tar.gz").has_value());
  CHECK_FALSE(parse_sdist_name("package-1.0.tar.bz2").has_value());
}

TEST_CASE("a file's priority is its best supported tag, an sdist ranks after every wheel", "[env][wheel]") {
  thoth::env::TargetEnvironment env;
  env.python_version = "3.11";
  env.libc_family = "glibc";
  env.libc_version = "2.28";
  auto supported = thoth::env::supported_tags(env);
  REQUIRE(supported.has_value());
  TagPriorities priorities(*supported);
  auto native = thoth::env::file_priority("a-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", priorities);
  auto abi3 = thoth::env::file_priority("a-1.0-cp38-abi3-manylinux2014_x86_64.whl", priorities);
  auto pure = thoth::env::file_priority("a-1.0-py3-none-any.whl", priorities);
  auto sdist = thoth::env::file_priority("a-1.0.tar.gz", priorities);
  auto foreign = thoth::env::file_priority("a-1.0-cp311-cp311-win_amd64.whl", priorities);
  auto newer_glibc = thoth::env::file_priority("a-1.0-cp311-cp311-manylinux_2_34_x86_64.whl", priorities);
  REQUIRE(native.has_value());
  CHECK(**native == *priorities.priority("cp311-cp311-manylinux_2_17_x86_64"));
  CHECK(**native < **abi3);
  CHECK(**abi3 < **pure);
  CHECK(**pure < **sdist);
  CHECK(**sdist == priorities.size());
  CHECK_FALSE(foreign->has_value());
  CHECK_FALSE(newer_glibc->has_value());
  CHECK_FALSE(thoth::env::file_priority("a.exe", priorities).has_value());
}
