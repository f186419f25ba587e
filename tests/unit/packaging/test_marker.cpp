// Hand-written checks of PEP 508 markers with the comparison rules of packaging 26.x.
#include <catch2/catch.hpp>

#include "packaging/marker.hpp"

using thoth::packaging::Marker;
using thoth::packaging::MarkerEnvironment;

namespace {
Marker marker(const char* text) { return Marker::parse(text).value(); }
MarkerEnvironment linux_py39() {
  return {{"python_version", "3.9"},        {"python_full_version", "3.9.18"},
          {"os_name", "posix"},             {"sys_platform", "linux"},
          {"platform_system", "Linux"},     {"platform_machine", "x86_64"},
          {"platform_release", "6.1.0"},    {"platform_version", "#1"},
          {"implementation_name", "cpython"}, {"implementation_version", "3.9.18"},
          {"platform_python_implementation", "CPython"}};
}
bool eval(const char* text, MarkerEnvironment env = linux_py39()) { return marker(text).evaluate(env).value(); }
}  // namespace

TEST_CASE("markers print in packaging's normal form", "[packaging][marker]") {
  CHECK(marker("python_version<'3.10'").to_string() == "python_version < \"3.10\"");
  CHECK(marker("(python_version == '2.7')").to_string() == "python_version == \"2.7\"");
  CHECK(marker("os.name == 'nt' and (sys_platform=='a' or sys_platform=='b')").to_string() ==
        "os_name == \"nt\" and (sys_platform == \"a\" or sys_platform == \"b\")");
  CHECK(marker("extra == 'Foo_Bar'").to_string() == "extra == \"foo-bar\"");
  CHECK(marker("python_implementation == 'CPython'").to_string() == "platform_python_implementation == \"CPython\"");
}

TEST_CASE("version variables compare as versions", "[packaging][marker]") {
  CHECK(eval("python_version < '3.10'"));
  CHECK(eval("python_full_version >= '3.9.2'"));
  CHECK(eval("python_version ~= '3.7'"));
  CHECK(eval("'3.8' < python_version"));
  auto env = linux_py39();
  env["python_full_version"] = "3.11.1+";
  CHECK(eval("python_full_version < '3.12'", env));
}

TEST_CASE("other variables compare as strings where < and > are always false", "[packaging][marker]") {
  CHECK(eval("sys_platform == 'linux'"));
  CHECK_FALSE(eval("sys_platform < 'zzz'"));
  CHECK_FALSE(eval("os_name > 'a'"));
  CHECK(eval("os_name >= 'posix'"));
  CHECK(eval("'lin' in sys_platform"));
  CHECK(eval("'win' not in sys_platform"));
  CHECK_FALSE(marker("os_name ~= '1.0'").evaluate(linux_py39()).has_value());
  CHECK_FALSE(marker("implementation_name === 'pypy'").evaluate(linux_py39()).has_value());
}

TEST_CASE("extra is compared after PEP 685 normalisation and defaults to empty", "[packaging][marker]") {
  auto env = linux_py39();
  CHECK_FALSE(eval("extra == 'tls'", env));
  env["extra"] = "TLS";
  CHECK(eval("extra == 'tls'", env));
  env["extra"] = "Foo__bar";
  CHECK(eval("extra == 'foo.bar'", env));
  CHECK(marker("extra == 'x' and os_name == 'posix'").mentions_extra());
  CHECK_FALSE(marker("os_name == 'posix'").mentions_extra());
}

TEST_CASE("and binds tighter than or", "[packaging][marker]") {
  CHECK(eval("os_name == 'nt' and os_name == 'x' or sys_platform == 'linux'"));
  CHECK_FALSE(eval("os_name == 'nt' and (os_name == 'x' or sys_platform == 'linux')"));
}

TEST_CASE("lock-file sets accept only in and not in", "[packaging][marker]") {
  auto env = linux_py39();
  env["extras"] = "bar,foo";
  CHECK(eval("'Foo' in extras", env));
  CHECK(eval("'baz' not in extras", env));
  CHECK_FALSE(marker("extras == 'foo'").evaluate(env).has_value());
}

TEST_CASE("a missing variable is an error", "[packaging][marker]") {
  MarkerEnvironment env = {{"os_name", "posix"}};
  auto result = marker("python_version > '3'").evaluate(env);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message.find("python_version") != std::string::npos);
}

TEST_CASE("invalid markers are rejected", "[packaging][marker]") {
  for (const char* text : {"python_version", "python_version >= 1.0", "(os_name == 'a'", "foo == 'bar'",
                           "os_name == \"C:\\\"", "os_name == 'a' with text", "os_name == 'a'\n"}) {
    CHECK_FALSE(Marker::parse(text).has_value());
  }
  CHECK(Marker::parse("os_name == 'C:\\\\'").has_value());
}

TEST_CASE("copies share the same immutable tree", "[packaging][marker]") {
  Marker original = marker("python_version < '3'");
  Marker copy = original;
  CHECK(copy == original);
  CHECK(copy.to_string() == original.to_string());
}

TEST_CASE("copies of a marker share its identity, separate parses do not", "[packaging][marker]") {
  Marker parsed = marker("python_version < '3.10' and extra == 'tls'");
  Marker copy = parsed;
  CHECK(copy.identity() == parsed.identity());
  CHECK(marker("python_version < '3.10' and extra == 'tls'").identity() != parsed.identity());
  CHECK(copy.evaluate(linux_py39()).value() == false);  // extra absent: ""
}

TEST_CASE("version comparisons follow the environment when it changes between evaluations", "[packaging][marker]") {
  // Environment versions are parsed once and kept; a new value must still be read as itself.
  Marker below = marker("python_full_version < '3.10'");
  auto env = linux_py39();
  for (const char* version : {"3.9.18", "3.11.2", "3.9.0", "3.12.0rc1", "3.8"}) {
    env["python_full_version"] = version;
    CAPTURE(version);
    std::string text = version;
    bool expected = text == "3.9.18" || text == "3.9.0" || text == "3.8";
    CHECK(below.evaluate(env).value() == expected);
  }
}
