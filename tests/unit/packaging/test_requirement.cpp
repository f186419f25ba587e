// Hand-written checks of PEP 508 requirement parsing, including the legacy forms seen on PyPI.
#include <catch2/catch.hpp>

#include "packaging/name.hpp"
#include "packaging/requirement.hpp"

using thoth::packaging::Requirement;

namespace {
Requirement req(const char* text) { return Requirement::parse(text).value(); }
}  // namespace

TEST_CASE("a full requirement splits into its parts", "[packaging][requirement]") {
  auto r = req("requests[socks,security]>=2.8.1,==2.*; python_version < '2.7'");
  CHECK(r.name == "requests");
  CHECK(r.extras == std::vector<std::string>{"security", "socks"});
  CHECK(r.specifier.to_string() == "==2.*,>=2.8.1");
  REQUIRE(r.marker);
  CHECK(r.marker->to_string() == "python_version < \"2.7\"");
  CHECK_FALSE(r.url);
  CHECK(r.to_string() == "requests[security,socks]==2.*,>=2.8.1; python_version < \"2.7\"");
}

TEST_CASE("parenthesised specifiers of old metadata are accepted", "[packaging][requirement]") {
  CHECK(req("pytest (>=2.4)").specifier.to_string() == ">=2.4");
  auto r = req("foo (>=1.0) ; python_version<'3'");
  CHECK(r.specifier.to_string() == ">=1.0");
  CHECK(r.marker->to_string() == "python_version < \"3\"");
  CHECK(req("name()").specifier.empty());
}

TEST_CASE("URL requirements keep the URL as written", "[packaging][requirement]") {
  auto r = req("pip @ https://github.com/pypa/pip/archive/1.3.1.zip ; os_name == 'posix'");
  CHECK(r.url == "https://github.com/pypa/pip/archive/1.3.1.zip");
  CHECK(r.to_string() == "pip @ https://github.com/pypa/pip/archive/1.3.1.zip ; os_name == \"posix\"");
  CHECK_FALSE(Requirement::parse("name @ https://example.com/; extra == 'x'").has_value());
}

TEST_CASE("invalid requirements are reported with the offending text", "[packaging][requirement]") {
  for (const char* text : {"", "==0.0", "name[bar baz]", "name (>= 1.0", "name >= 1.0 <= 2.0", "name 1.0",
                           "black (>=20.*)", "name >= 1.0+local", "demo===x,y", "name>=1\n"}) {
    auto parsed = Requirement::parse(text);
    CHECK_FALSE(parsed.has_value());
    if (!parsed) CHECK(parsed.error().message.find("expected") == 0);
  }
}

TEST_CASE("equality normalises names, extras, specifiers and markers", "[packaging][requirement]") {
  CHECK(req("scikit-learn==1.0.1") == req("scikit_learn==1.0.1"));
  CHECK(req("foo>=1.0") == req("foo>=1.0.0"));
  CHECK(req("urllib3[secure]") == req("urllib3[SECURE]"));
  CHECK(req("a; python_version<\"3.8\"") == req("a; python_version<'3.8'"));
  CHECK_FALSE(req("packaging>20.1") == req("packaging>=20.1"));
  CHECK(req("Foo.Bar").canonical_name() == "foo-bar");
}

TEST_CASE("names follow PEP 503 and PEP 508", "[packaging][name]") {
  using thoth::packaging::canonicalize_name;
  using thoth::packaging::is_valid_name;
  CHECK(canonicalize_name("Foo__Bar.baz") == "foo-bar-baz");
  CHECK(canonicalize_name("a-_-b") == "a-b");
  CHECK(is_valid_name("zope.interface"));
  CHECK_FALSE(is_valid_name("-foo"));
  CHECK_FALSE(is_valid_name("foo-"));
  CHECK_FALSE(is_valid_name(""));
}
