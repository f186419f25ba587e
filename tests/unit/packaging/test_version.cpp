// Hand-written checks of the PEP 440 rules that are easy to get wrong (packaging 26.x semantics).
#include <catch2/catch.hpp>

#include "packaging/version.hpp"

using thoth::packaging::PreKind;
using thoth::packaging::Version;

namespace {
Version v(const char* text) { return Version::parse(text).value(); }
}  // namespace

TEST_CASE("versions normalise their spelling", "[packaging][version]") {
  CHECK(v("1.0-RC1").to_string() == "1.0rc1");
  CHECK(v("v1.0").to_string() == "1.0");
  CHECK(v("1.0alpha").to_string() == "1.0a0");
  CHECK(v("1.0-1").to_string() == "1.0.post1");
  CHECK(v("1.0.rev2").to_string() == "1.0.post2");
  CHECK(v("1.0dev").to_string() == "1.0.dev0");
  CHECK(v("1!01.02").to_string() == "1!1.2");
  CHECK(v("1.0+Ubuntu-1_A").to_string() == "1.0+ubuntu.1.a");
  CHECK(v("1.0+0123").to_string() == "1.0+123");
  CHECK(v(" \t1.0\n").to_string() == "1.0");
}

TEST_CASE("invalid versions are rejected with a message", "[packaging][version]") {
  for (const char* text : {"", "1..0", "1.0.", "french toast", "1.0+", "1.0++1", "1 .0", "1.0+İ"}) {
    auto parsed = Version::parse(text);
    CHECK_FALSE(parsed.has_value());
    if (!parsed) CHECK(parsed.error().message.find("expected a PEP 440 version") != std::string::npos);
  }
}

TEST_CASE("numbers beyond 64 bits are rejected rather than wrapped", "[packaging][version]") {
  CHECK(Version::parse("18446744073709551615").has_value());
  CHECK_FALSE(Version::parse("18446744073709551616").has_value());
}

TEST_CASE("release segments compare with zero padding", "[packaging][version]") {
  CHECK(v("1.0") == v("1.0.0"));
  CHECK(v("1.0") < v("1.0.1"));
  CHECK(v("0") == v("0.0"));
}

TEST_CASE("pre, post and dev releases order as PEP 440 says", "[packaging][version]") {
  CHECK(v("1.0.dev0") < v("1.0a0"));
  CHECK(v("1.0a1.dev1") < v("1.0a1"));
  CHECK(v("1.0a1") < v("1.0b1"));
  CHECK(v("1.0b1") < v("1.0rc1"));
  CHECK(v("1.0rc1") == v("1.0c1"));
  CHECK(v("1.0rc1") < v("1.0"));
  CHECK(v("1.0") < v("1.0.post0.dev0"));
  CHECK(v("1.0.post1.dev1") < v("1.0.post1"));
  CHECK(v("1.0.post1") < v("1.0.1.dev0"));
  CHECK(v("2.0") < v("1!0.1"));
}

TEST_CASE("local versions sort after their public version, numeric segments above alphanumeric", "[packaging][version]") {
  CHECK(v("1.0") < v("1.0+abc"));
  CHECK(v("1.0+abc") < v("1.0+0"));
  CHECK(v("1.0+2") < v("1.0+10"));
  CHECK(v("1.0+1") < v("1.0+1.0"));
  CHECK(v("1.0+abc") < v("1.0+abd"));
  CHECK(v("1.0+ABC") == v("1.0+abc"));
}

TEST_CASE("version properties match packaging's", "[packaging][version]") {
  Version version = v("1!2.3.4rc5.post6.dev7+local.8");
  CHECK(version.epoch() == 1);
  CHECK(version.release() == std::vector<std::uint64_t>{2, 3, 4});
  REQUIRE(version.pre());
  CHECK(version.pre()->kind == PreKind::ReleaseCandidate);
  CHECK(version.pre()->number == 5);
  CHECK(version.post() == 6u);
  CHECK(version.dev() == 7u);
  CHECK(version.local_string() == "local.8");
  CHECK(version.public_version().to_string() == "1!2.3.4rc5.post6.dev7");
  CHECK(version.base_version().to_string() == "1!2.3.4");
  CHECK(version.is_prerelease());
  CHECK(version.is_postrelease());
  CHECK(v("1.0.post1").is_prerelease() == false);
}

TEST_CASE("normalised strings round-trip through parse", "[packaging][version]") {
  for (const char* text : {"1.0", "1!2.0a1.post2.dev3+x.4", "0.0.0.1rc0", "2012.10.post9"}) {
    Version version = v(text);
    CHECK(v(version.to_string().c_str()) == version);
    CHECK(v(version.to_string().c_str()).to_string() == version.to_string());
  }
}
