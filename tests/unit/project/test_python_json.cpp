// python_json_dumps must reproduce Python's json.dumps byte for byte (expected strings were produced
// with CPython 3.11: json.dumps(v, sort_keys=True, separators=(",", ":")) and the indent=4 form).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "project/python_json.hpp"

using nlohmann::json;
using thoth::project::python_float_repr;
using thoth::project::python_json_dumps;

TEST_CASE("strings are escaped as Python's ensure_ascii does", "[project][python_json]") {
  json value = std::string("a\"b\\c/d\x7f") + std::string(1, '\0') +
               "\x1f\t\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
  CHECK(python_json_dumps(value, std::nullopt) ==
        R"("a\"b\\c/d\u007f\u0000\u001f\t\n\u00e9\u20ac\ud83d\ude00")");
}

TEST_CASE("floats are printed as Python's repr", "[project][python_json]") {
  CHECK(python_float_repr(1e15) == "1000000000000000.0");
  CHECK(python_float_repr(1e16) == "1e+16");
  CHECK(python_float_repr(123456789012345678.0) == "1.2345678901234568e+17");
  CHECK(python_float_repr(0.0001) == "0.0001");
  CHECK(python_float_repr(0.00001) == "1e-05");
  CHECK(python_float_repr(1.5) == "1.5");
  CHECK(python_float_repr(-2.0) == "-2.0");
  CHECK(python_float_repr(1e22) == "1e+22");
  CHECK(python_float_repr(5e-324) == "5e-324");
  CHECK(python_float_repr(0.1) == "0.1");
  CHECK(python_float_repr(1.0 / 3) == "0.3333333333333333");
  CHECK(python_float_repr(-0.0) == "-0.0");
  CHECK(python_float_repr(12345.678) == "12345.678");
  CHECK(python_float_repr(std::numeric_limits<double>::infinity()) == "Infinity");
  CHECK(python_float_repr(std::nan("")) == "NaN");
}

TEST_CASE("the compact form sorts keys and has no spaces", "[project][python_json]") {
  json value = {{"s", "x"}, {"i", {-3, 0, 18446744073709551615ULL}}, {"b", {true, false, nullptr}},
                {"e", json::object()}, {"a", json::array()}, {"n", {1.5, 1e16}}};
  CHECK(python_json_dumps(value, std::nullopt) ==
        R"({"a":[],"b":[true,false,null],"e":{},"i":[-3,0,18446744073709551615],"n":[1.5,1e+16],"s":"x"})");
}

TEST_CASE("the indented form matches indent=4 with separators (\",\", \": \")", "[project][python_json]") {
  json value = {{"b", {1, {{"c", json::array()}}}}, {"a", json::object()}};
  CHECK(python_json_dumps(value, 4) ==
        "{\n"
        "    \"a\": {},\n"
        "    \"b\": [\n"
        "        1,\n"
        "        {\n"
        "            \"c\": []\n"
        "        }\n"
        "    ]\n"
        "}");
}
