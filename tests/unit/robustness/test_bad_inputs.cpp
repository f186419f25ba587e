// Issue 8, point 3: the catalogue of bad inputs. Each case writes one malformed input, runs the
// built `thoth` on it and checks the exit code and the exact error (naming file and location).
// docs/robustness.md has the same table; keep them together.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "project/lockfile.hpp"
#include "support/shared_data.hpp"
#include "unit/robustness/run_thoth.hpp"

namespace fs = std::filesystem;
using thoth::testing::run_thoth;
using thoth::testing::ScratchFolder;

namespace {

std::string repeat(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

std::string nested_marker(int depth) { return repeat("(", depth) + "os_name == 'posix'" + repeat(")", depth); }

void write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string sample_index() { return (thoth::testing::source_dir() / "fixtures/index/pypi-sample.json").string(); }

struct Expected {
  int exit_code;
  std::string message;  // stderr must contain it, with {file} replaced by the input's path
};

// Runs thoth and checks the exit code and that stderr (or stdout for validators) holds the message.
void check_run(const std::vector<std::string>& arguments, const fs::path& file, const Expected& expected) {
  auto run = run_thoth(arguments);
  std::string message = expected.message;
  if (auto at = message.find("{file}"); at != std::string::npos) message.replace(at, 6, file.string());
  INFO("stderr: " << run.err << "\nstdout: " << run.out.substr(0, 2000));
  CHECK(run.exit_code == expected.exit_code);
  CHECK((run.err + run.out).find(message) != std::string::npos);
}

// One Pipfile case: `thoth advise` on it with the bundled index.
void pipfile_case(const std::string& content, const Expected& expected, std::vector<std::string> extra = {}) {
  ScratchFolder folder("bad-pipfile");
  fs::path pipfile = folder / "Pipfile";
  write(pipfile, content);
  std::vector<std::string> arguments{"advise", "--pipfile", pipfile.string(), "--index", sample_index(), "--dry-run"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  check_run(arguments, pipfile, expected);
}

// One index snapshot case: `thoth advise --requirement a` on it.
void index_case(const std::string& content, const Expected& expected, std::vector<std::string> extra = {}) {
  ScratchFolder folder("bad-index");
  fs::path index = folder / "index.json";
  write(index, content);
  std::vector<std::string> arguments{"advise", "--index", index.string(), "--requirement", "a", "--dry-run"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  check_run(arguments, index, expected);
}

// One requirement case: `thoth advise --requirement TEXT` with the bundled index.
void requirement_case(const std::string& requirement, const Expected& expected) {
  check_run({"advise", "--index", sample_index(), "--requirement", requirement, "--dry-run"}, {}, expected);
}

// One prescription case: `thoth prescriptions validate` on a folder holding this file.
void prescription_case(const std::string& content, const Expected& expected) {
  ScratchFolder folder("bad-prescription");
  write(folder / "prescriptions/_prescription_metadata.yaml", "prescription:\n  name: thoth\n  release: dev\n");
  fs::path file = folder / "prescriptions/a_/alpha/boot.yaml";
  write(file, content);
  check_run({"prescriptions", "validate", folder.path().string()}, file, expected);
}

// One .thoth.yaml case: `thoth config --dry-run` reading it (detection below an empty root).
void config_case(const std::string& content, const Expected& expected) {
  ScratchFolder folder("bad-config");
  fs::path file = folder / ".thoth.yaml";
  write(file, content);
  fs::create_directories(folder / "root");
  check_run({"config", "--file", file.string(), "--root", (folder / "root").string(), "--dry-run"}, file, expected);
}

}  // namespace

TEST_CASE("bad Pipfiles get an error naming the file, line and column, exit 2", "[robustness][bad-input]") {
  SECTION("truncated") {
    pipfile_case("[packages]\nrequests = \"", {2, "error: {file}:2:13: expected valid TOML: Error while parsing string: encountered end-of-file"});
  }
  SECTION("wrong type: a number for a package") {
    pipfile_case("[packages]\nrequests = 3\n", {2, "error: {file}:2:12: expected a version string or a table for package `requests`, found `3`"});
  }
  SECTION("wrong type: a string for a section") {
    pipfile_case("packages = \"requests\"\n", {2, "error: {file}:1:12: expected a [packages] table, found `\"requests\"`"});
  }
  SECTION("wrong type: extras not a list") {
    pipfile_case("[packages]\nrequests = {version = \"*\", extras = \"socks\"}\n",
                 {2, "error: {file}:2:37: expected a list of strings for `extras` of package `requests`, found `\"socks\"`"});
  }
  SECTION("huge version number") {
    pipfile_case("[packages]\nrequests = \"==999999999999999999999999999\"\n",
                 {2, "error: {file}:2:12: expected a version specifier for package `requests`, found `\"==999999999999999999999999999\"`"});
  }
  SECTION("deep nesting") {
    pipfile_case("[packages]\na = " + repeat("[", 300) + repeat("]", 300) + "\n",
                 {2, "error: {file}:2:261: expected valid TOML: Error while parsing value: exceeded maximum nested value depth of 256"});
  }
  SECTION("deep marker nesting") {
    pipfile_case("[packages]\nrequests = {version = \"*\", markers = \"" + nested_marker(150) + "\"}\n",
                 {2, "marker parentheses nested deeper than 100 levels"});
  }
  SECTION("invalid UTF-8") {
    pipfile_case("[packages]\n\"\xff\xfe\" = \"*\"\n", {2, "error: {file}:2:1: expected valid TOML: Encountered invalid utf-8 sequence"});
  }
  SECTION("duplicate keys") {
    pipfile_case("[packages]\nrequests = \"*\"\nrequests = \"==2.31.0\"\n",
                 {2, "error: {file}:3:12: expected valid TOML: Error while parsing key-value pair: cannot redefine existing string 'requests'"});
  }
  SECTION("names differing only by case") {
    pipfile_case("[packages]\nFlask = \"*\"\nflask = \"==3.0.0\"\n",
                 {2, "error: {file}:3:1: expected each package once per category, found `flask` again (first on line 2)"});
  }
  SECTION("names differing only by separators") {
    pipfile_case("[packages]\ntyping_extensions = \"*\"\ntyping-extensions = \"*\"\n",
                 {2, "error: {file}:3:1: expected each package once per category, found `typing-extensions` again (first on line 2)"});
  }
  SECTION("over the input size limit") {
    pipfile_case(repeat("# comment\n", 120000), {2, "error: {file}: the file is 1200000 bytes, over the input limit of 1048576 bytes"},
                 {"--max-input-mb", "1"});
  }
}

TEST_CASE("bad index snapshots get an error naming the file and the place, exit 2", "[robustness][bad-input]") {
  SECTION("truncated") {
    index_case("{\"a\": {\"1.0\": ", {2, "error: {file}: byte 15: not valid JSON: [json.exception.parse_error.101] parse error at line 1, column 15"});
  }
  SECTION("wrong type: versions not an object") {
    index_case("{\"a\": []}", {2, "error: {file}: package `a`: expected an object mapping versions to releases"});
  }
  SECTION("wrong type: requires_dist not a list") {
    index_case("{\"a\": {\"1.0\": {\"requires_dist\": \"b\"}}}",
               {2, "error: {file}: package `a`, version `1.0`: expected `requires_dist` to be a list of strings"});
  }
  SECTION("wrong type: the document not an object") {
    index_case("[1, 2]", {2, "error: {file}: expected a JSON object mapping package names to versions"});
  }
  SECTION("invalid UTF-8") {
    index_case("{\"a\": {\"1.0\": {\"requires_dist\": [\"\xff\"]}}}",
               {2, "error: {file}: byte 35: not valid JSON: [json.exception.parse_error.101] parse error at line 1, column 35: "
                   "syntax error while parsing value - invalid string: ill-formed UTF-8 byte"});
  }
  SECTION("a number too big for a double") {
    index_case("{\"a\": {\"1.0\": {\"x\": -3e999}}}",
               {2, "error: {file}: byte 26: not valid JSON: [json.exception.out_of_range.406] number overflow parsing '-3e999'"});
  }
  SECTION("a package named twice") {
    index_case("{\"a\": {\"1.0\": {}}, \"a\": {\"2.0\": {}}}",
               {2, "error: {file}: byte 22: duplicate key `a` in one JSON object"});
  }
  SECTION("a version named twice") {
    index_case("{\"a\": {\"1.0\": {}, \"1.0\": {\"requires_dist\": [\"b\"]}}}",
               {2, "error: {file}: package `a`: duplicate key `1.0` in one JSON object"});
  }
  SECTION("nested deeper than the limit") {
    index_case("{\"a\": {\"1.0\": {\"x\": " + repeat("[", 200) + repeat("]", 200) + "}}}",
               {2, "error: {file}: byte 118: JSON nested deeper than 100 levels\n\nhint: raise the limit with --max-nesting N"});
  }
  SECTION("over the input size limit") {
    index_case("{\"a\": {\"1.0\": {}}, \"pad\": {\"" + repeat("x", 1100000) + "\": {}}}",
               {2, "over the input limit of 1048576 bytes\n\nhint: raise the limit with --max-input-mb N"}, {"--max-input-mb", "1"});
  }
}

TEST_CASE("hard but valid index snapshots resolve, or give a clean no-lock", "[robustness][bad-input]") {
  SECTION("names differing only by case are one project (PEP 503)") {
    index_case("{\"A\": {\"1.0\": {}}, \"a\": {\"2.0\": {}}}", {0, "\n  a  2.0\n"});
  }
  SECTION("a cycle of dependencies") {
    index_case("{\"a\": {\"1.0\": {\"requires_dist\": [\"b\"]}}, \"b\": {\"1.0\": {\"requires_dist\": [\"a\"]}}}", {0, "\n  b  1.0  (transitive)\n"});
  }
  SECTION("a package depending on itself") {
    index_case("{\"a\": {\"1.0\": {\"requires_dist\": [\"a>=1\"]}}}", {0, "\n  a  1.0\n"});
  }
  SECTION("a package depending on a version of itself it is not") {
    index_case("{\"a\": {\"1.0\": {\"requires_dist\": [\"a>=2\"]}}}", {1, "error: no lock satisfies the request"});
  }
  SECTION("an empty index") {
    index_case("{}", {1, "Because the index has no package a, you cannot require `a`"});
  }
  SECTION("a version number too big for 64 bits is skipped like any non-PEP 440 version") {
    index_case("{\"a\": {\"1.99999999999999999999999\": {}, \"1.0\": {}}}", {0, "\n  a  1.0\n"});
  }
  nlohmann::json many;
  for (int i = 0; i < 10000; ++i)
    many["a"][std::to_string(i / 100) + "." + std::to_string(i % 100)]["requires_dist"] = {"b<" + std::to_string(i % 50 + 1)};
  for (int i = 0; i < 60; ++i) many["b"][std::to_string(i) + ".0"] = nlohmann::json::object();
  SECTION("ten thousand versions") {
    index_case(many.dump(), {0, "\n  a  99.99\n"});
  }
  SECTION("a universe over the limit") {
    index_case(many.dump(), {2, "error: universe: the resolution reaches 10050 candidate releases, over the limit of 1000"},
               {"--max-universe", "1000"});
  }
}

TEST_CASE("bad requirements on the command line get an error naming the flag, exit 2", "[robustness][bad-input]") {
  SECTION("truncated") {
    requirement_case("requests[", {2, "error: --requirement `requests[`: expected `]` closing the extras, found `end of text`"});
  }
  SECTION("huge version number") {
    requirement_case("requests==99999999999999999999999999",
                     {2, "expected a version specifier, found `==99999999999999999999999999` (not a PEP 440 version)"});
  }
  SECTION("deep marker nesting") {
    requirement_case("requests; " + nested_marker(150),
                     {2, "marker parentheses nested deeper than 100 levels"});
  }
  SECTION("invalid UTF-8 in the name") {
    requirement_case("requ\xff" "ests", {2, "expected a package name at the start of the requirement"});
  }
}

TEST_CASE("bad prescriptions get an error naming the file, line and column, exit 2", "[robustness][bad-input]") {
  SECTION("truncated") {
    prescription_case("units:\n  boots:\n  - name: A\n    type: boot\n    run:\n      message: \"abc",
                      {2, "{file}:6:20: expected valid YAML, found a syntax error: while scanning a quoted scalar, "
                          "found unexpected end of stream"});
  }
  SECTION("wrong type") {
    prescription_case("units: 3\n", {2, "{file}:1:8: key `units`: expected a mapping with keys boots, pseudonyms, sieves, steps, "
                                        "strides, wraps, found `3` (an integer)"});
  }
  SECTION("deep nesting") {
    prescription_case("units: " + repeat("[", 200) + repeat("]", 200) + "\n", {2, "{file}:1:107: YAML nested deeper than 100 levels"});
  }
  SECTION("invalid UTF-8") {
    prescription_case("units:\n  boots:\n  - name: \"\xff\"\n", {2, "{file}:3:12: expected UTF-8 text, found the byte 0xFF"});
  }
  SECTION("a control character") {
    prescription_case("units:\n  boots:\n  - name: \"a\x01\"\n", {2, "{file}:3:13: expected printable text, found the control byte 0x01"});
  }
  SECTION("duplicate keys") {
    prescription_case("units:\n  boots: []\n  boots: []\n", {2, "{file}:3:3: key `units.boots`: duplicate key"});
  }
  SECTION("an alias to its own ancestor") {
    prescription_case("units: &a\n  boots: *a\n", {2, "{file}:1:8: key `units.boots`: expected a list, found a mapping"});
  }
}

TEST_CASE("a bad .thoth.yaml gets an error naming the file and line, exit 2", "[robustness][bad-input]") {
  SECTION("truncated") {
    config_case("runtime_environments:\n- name: \"a", {2, "error: {file}:2: expected valid YAML, found a syntax error: illegal EOF in scalar"});
  }
  SECTION("wrong type") {
    config_case("runtime_environments: 3\n", {2, "error: {file}:1: expected a list for `runtime_environments`, found `3`"});
  }
  SECTION("deep nesting") {
    config_case("runtime_environments: " + repeat("[", 300) + repeat("]", 300) + "\n",
                {2, "error: {file}:1: expected a map for a runtime environment, found `[[[ [ [ [ [ ["});
  }
  SECTION("invalid UTF-8") {
    config_case("runtime_environments:\n- name: \"\xff\"\n", {2, "error: {file}:2:10: expected UTF-8 text, found the byte 0xFF"});
  }
  SECTION("a control character (once merged into a file that did not read back, found by fuzzing)") {
    config_case(std::string("runtime_environments:\n- name: a\0b\n", 34), {2, "error: {file}:2:10: expected printable text, found the control byte 0x00"});
  }
  SECTION("a carriage return alone (read as content by yaml-cpp, as a line end by PyYAML; found by fuzzing)") {
    config_case("runtime_environments:\n- name: a\rb\n", {2, "error: {file}:2:10: expected LF or CRLF line ends, found a carriage return alone (0x0D)"});
  }
  SECTION("CRLF line ends are fine") {
    config_case("runtime_environments:\r\n- name: a\r\n  python_version: \"3.9\"\r\n", {0, ""});
  }
  SECTION("duplicate keys") {
    config_case("runtime_environments:\n- name: a\n  python_version: \"3.9\"\n  python_version: \"3.11\"\n",
                {2, "error: {file}:4: duplicate key `python_version` in a runtime environment"});
  }
}

TEST_CASE("a bad Pipfile.lock gets an error naming the file, line and column", "[robustness][bad-input]") {
  using Catch::Matchers::Contains;
  auto parse = [](const std::string& text) { (void)thoth::project::parse_lockfile(text, "Pipfile.lock"); };
  SECTION("truncated") {
    CHECK_THROWS_WITH(parse("{\"_meta\": {"), Contains("Pipfile.lock:1:12: expected valid JSON (byte 12)"));
  }
  SECTION("wrong type") {
    CHECK_THROWS_WITH(parse("[]"), Contains("Pipfile.lock: expected a JSON object at the top of the lock file, found array"));
  }
  SECTION("deep nesting") {
    CHECK_THROWS_WITH(parse("{\"a\": " + repeat("[", 200) + repeat("]", 200) + "}"),
                      Contains("Pipfile.lock: JSON nested deeper than 100 levels"));
  }
  SECTION("invalid UTF-8") {
    CHECK_THROWS_WITH(parse("{\"a\": \"\xc3\x28\"}"), Contains("Pipfile.lock:1:9: expected valid JSON (byte 9)"));
  }
  SECTION("a number too big for a double (once an internal error, found by fuzzing)") {
    CHECK_THROWS_WITH(parse("{\"a\": 1e400}"),
                      Contains("Pipfile.lock: expected valid JSON: [json.exception.out_of_range.406] number overflow parsing '1e400'"));
  }
  SECTION("duplicate keys") {
    CHECK_THROWS_WITH(parse("{\"default\": {}, \"default\": {}}"), Contains("Pipfile.lock: duplicate key `default` in one JSON object"));
  }
  SECTION("every failure is an InputError") {
    CHECK_THROWS_AS(parse(""), thoth::InputError);
  }
}

TEST_CASE("a bad advisory record gets an error naming the file and place, exit 2", "[robustness][bad-input]") {
  auto advisory_case = [](const std::string& file_name, const std::string& content, const Expected& expected) {
    ScratchFolder folder("bad-advisory");
    write(folder / "vulns" / "demo" / file_name, content);
    write(folder / "Pipfile.lock", R"({"_meta": {"hash": {"sha256": "x"}, "pipfile-spec": 6, "requires": {}, "sources": []},
                                       "default": {"demo": {"version": "==1.0"}}, "develop": {}})");
    check_run({"audit", (folder / "Pipfile.lock").string(), "--advisories", (folder / "vulns").string()},
              folder / "vulns" / "demo" / file_name, expected);
  };
  SECTION("invalid UTF-8 in YAML (once an internal error, found by fuzzing)") {
    advisory_case("PYSEC-1.yaml", "id: PYSEC-1\nsummary: \"\xff\"\n", {2, "{file}:2:11: expected UTF-8 text, found the byte 0xFF"});
  }
  SECTION("truncated JSON") {
    advisory_case("GHSA-1.json", "{\"id\": \"GHSA-1\"", {2, "{file}: expected valid JSON"});
  }
  SECTION("a number too big for a double in JSON (once an internal error, found by fuzzing)") {
    advisory_case("GHSA-2.json", "{\"id\": \"GHSA-2\", \"modified\": 1e400}",
                  {2, "{file}: expected valid JSON, found: [json.exception.out_of_range.406] number overflow"});
  }
}
