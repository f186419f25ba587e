// Hand-written checks of the specifier rules of packaging 26.x that the vectors exercise in bulk.
#include <catch2/catch.hpp>

#include "packaging/specifier.hpp"

using thoth::packaging::Operator;
using thoth::packaging::Specifier;
using thoth::packaging::SpecifierSet;
using thoth::packaging::Version;

namespace {
Specifier spec(const char* text) { return Specifier::parse(text).value(); }
SpecifierSet set(const char* text) { return SpecifierSet::parse(text).value(); }
Version v(const char* text) { return Version::parse(text).value(); }
std::vector<std::string> strings(const std::vector<Version>& versions) {
  std::vector<std::string> out;
  for (const auto& version : versions) out.push_back(version.to_string());
  return out;
}
std::vector<Version> versions(std::initializer_list<const char*> texts) {
  std::vector<Version> out;
  for (const char* text : texts) out.push_back(v(text));
  return out;
}
}  // namespace

TEST_CASE("specifiers keep their operator and version text", "[packaging][specifier]") {
  auto s = spec(" ~= 2.2 ");
  CHECK(s.op() == Operator::Compatible);
  CHECK(s.version_text() == "2.2");
  CHECK(s.to_string() == "~=2.2");
  CHECK(spec("==1.*").has_wildcard());
  CHECK(spec("===lolwat").version_text() == "lolwat");
}

TEST_CASE("invalid specifiers are rejected", "[packaging][specifier]") {
  for (const char* text : {"2.0", "=>2.0", "~=1", "~=1.0.*", ">=1.0.*", ">=1.0+local", "==2.0a1.*", "==1.0.*.5", "=="}) {
    CHECK_FALSE(Specifier::parse(text).has_value());
  }
}

TEST_CASE("compatible release ~= needs two release segments and means >=V and ==prefix.*", "[packaging][specifier]") {
  auto s = spec("~=1.4.5a4");
  CHECK(s.contains(v("1.4.5a4")));
  CHECK(s.contains(v("1.4.9")));
  CHECK_FALSE(s.contains(v("1.5.0")));
  CHECK_FALSE(s.contains(v("1.4.5a3")));
}

TEST_CASE("prefix matching ignores the candidate's local label", "[packaging][specifier]") {
  CHECK(spec("==1.0.*").contains(v("1.0.3+local")));
  CHECK(spec("==1.0.*").contains(v("1.0")));
  CHECK_FALSE(spec("==1.0.*").contains(v("1.1")));
  CHECK_FALSE(spec("!=1.0.*").contains(v("1.0.5")));
  CHECK(spec("==1.0").contains(v("1.0+anything")));
  CHECK_FALSE(spec("==1.0+abc").contains(v("1.0+abd")));
}

TEST_CASE("<V excludes pre-releases of V unless V is one", "[packaging][specifier]") {
  CHECK_FALSE(spec("<2.0").contains(v("2.0a1"), true));
  CHECK_FALSE(spec("<2.0").contains(v("2.0.dev0"), true));
  CHECK(spec("<2.0").contains(v("1.9a1"), true));
  CHECK(spec("<2.0b1").contains(v("2.0a1"), true));
}

TEST_CASE(">V excludes post-releases and local versions of V", "[packaging][specifier]") {
  CHECK_FALSE(spec(">1.0").contains(v("1.0.post1")));
  CHECK_FALSE(spec(">1.0").contains(v("1.0+local")));
  CHECK(spec(">1.0").contains(v("1.0.1")));
  CHECK(spec(">1.0.post1").contains(v("1.0.post2")));
  CHECK(spec(">=1.0").contains(v("1.0.post1")));
}

TEST_CASE("=== compares strings as written", "[packaging][specifier]") {
  CHECK(spec("===foobar").contains(std::string_view("FooBar")));
  CHECK_FALSE(spec("===1.0").contains(std::string_view("1.0.0")));
  CHECK(spec("===1.1").contains(v("1.01")));  // a Version object compares by its normalised text
}

TEST_CASE("a specifier admits pre-releases unless told not to", "[packaging][specifier]") {
  CHECK(spec(">=1.0").contains(v("2.0a1")));
  CHECK_FALSE(spec(">=1.0").contains(v("2.0a1"), false));
  auto s = spec(">=1.0");
  s.set_prereleases(false);
  CHECK_FALSE(s.contains(v("2.0a1")));
  CHECK(spec(">=1.0a1").prereleases());
  CHECK_FALSE(spec("!=1.0a1").prereleases());
}

TEST_CASE("filter falls back to pre-releases only when no final release matches", "[packaging][specifier]") {
  CHECK(strings(set(">=1.2.3").filter(versions({"1.2", "1.3", "1.5a1"}))) == std::vector<std::string>{"1.3"});
  CHECK(strings(set(">=1.2.3").filter(versions({"1.2", "1.5a1"}))) == std::vector<std::string>{"1.5a1"});
  CHECK(set(">=1.2.3").filter(versions({"1.2", "1.5a1"}), false).empty());
  CHECK(strings(set(">=1.2.3").filter(versions({"1.3", "1.5a1"}), true)) ==
        std::vector<std::string>{"1.3", "1.5a1"});
  CHECK(strings(set("").filter(versions({"1.0", "2.0a1"}))) == std::vector<std::string>{"1.0"});
}

TEST_CASE("a set admits a pre-release when it is installed", "[packaging][specifier]") {
  auto s = set(">=1.0");
  s.set_prereleases(false);
  CHECK_FALSE(s.contains(v("2.0a1")));
  CHECK(s.contains(v("2.0a1"), std::nullopt, true));
}

TEST_CASE("sets print sorted and compare canonically", "[packaging][specifier]") {
  CHECK(set(">=1.0.0, !=1.0.1").to_string() == "!=1.0.1,>=1.0.0");
  CHECK(set(">=1.0") == set(">=1.0.0"));
  CHECK(set("==1.0,==1.0.0").to_string() == "==1.0");
  CHECK_FALSE(set(">1.0") == set(">=1.0"));
  CHECK(set("").empty());
}

TEST_CASE("set relations and satisfiability follow version ranges", "[packaging][specifier]") {
  CHECK(set(">=2.0,<1.0").is_unsatisfiable());
  CHECK(set("==1.0,!=1.0").is_unsatisfiable());
  CHECK(set(">1.0,<=1.0.post1").is_unsatisfiable());
  CHECK_FALSE(set(">=1.0,<2.0").is_unsatisfiable());
  CHECK(set(">=3.12,<3.13").is_subset(set(">=3.11")));
  CHECK(set(">=3.11").is_superset(set(">=3.12,<3.13")));
  CHECK(set("<3.12").is_disjoint(set(">=3.12")));
  CHECK_FALSE(set("").is_subset(set(">=3.12")));
}
