// End-to-end tests of `thoth advise` on inputs besides the Pipfile: a pyproject.toml (dependencies,
// an extra, a PEP 735 group) writing pylock.toml, and a requirements.in with a `-c` constraints line
// writing requirements.txt with hashes. Each lock is read back from the written file and checked by
// the independent verifier (verify/), constraints included; an unsatisfiable request names the
// constraint's file and line.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include <toml++/toml.h>

#include "index/snapshot.hpp"
#include "project/manifest.hpp"
#include "project/project_input.hpp"
#include "unit/robustness/run_thoth.hpp"
#include "verify/verify.hpp"

namespace {

using thoth::testing::run_thoth;
using thoth::testing::ScratchFolder;

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

std::string sha(char c) { return std::string(64, c); }

// Each release has one pure-Python wheel with a distinct sha256, so the lock must name files and hashes.
std::string snapshot_json() {
  auto release = [](const std::string& name, const std::string& version, char hash, const std::string& dependencies) {
    return "\"" + version + "\": {\"requires_dist\": [" + dependencies + "], \"files\": [{\"filename\": \"" + name + "-" +
           version + "-py3-none-any.whl\", \"hashes\": {\"sha256\": \"" + sha(hash) + "\"}}]}";
  };
  return "{\"app-core\": {" + release("app_core", "1.0", 'a', "\"urllib3>=1.26\"") + ", " +
         release("app_core", "2.0", 'b', "\"urllib3>=2\"") + "},\n" +
         "\"urllib3\": {" + release("urllib3", "1.26.0", 'c', "") + ", " + release("urllib3", "2.0.0", 'd', "") + ", " +
         release("urllib3", "2.2.0", 'e', "") + "},\n" +
         "\"ujson\": {" + release("ujson", "5.0", 'f', "") + "},\n" +
         "\"pytest\": {" + release("pytest", "8.0", '1', "\"iniconfig\"") + "},\n" +
         "\"iniconfig\": {" + release("iniconfig", "2.0", '2', "") + "}}";
}

std::map<std::string, std::string> pylock_pins(const std::filesystem::path& path, std::vector<std::string>& hashes) {
  toml::table lock = toml::parse_file(path.string());
  REQUIRE(lock["lock-version"].value_or(std::string()) == "1.0");
  REQUIRE(lock["created-by"].value_or(std::string()) == "thoth");
  std::map<std::string, std::string> pins;
  for (const toml::node& node : *lock["packages"].as_array()) {
    const toml::table& package = *node.as_table();
    pins[package["name"].value_or(std::string())] = package["version"].value_or(std::string());
    for (const toml::node& wheel : *package["wheels"].as_array())
      hashes.push_back((*wheel.as_table())["hashes"]["sha256"].value_or(std::string()));
  }
  return pins;
}

std::vector<std::string> verify_against(const std::filesystem::path& snapshot, const thoth::project::ProjectInput& input,
                                        const std::map<std::string, std::string>& pins) {
  thoth::index::InMemoryIndex index(thoth::index::load_snapshot(snapshot));
  thoth::verify::LockToCheck lock;
  for (const auto& root : input.roots) lock.roots.push_back(root.requirement);
  for (const auto& constraint : input.constraints) lock.constraints.push_back(constraint.requirement);
  lock.pins = pins;
  return thoth::verify::verify_lock(lock, index);
}

}  // namespace

TEST_CASE("advise on a pyproject.toml with an extra and a dependency group writes a verified pylock.toml",
          "[advise-inputs]") {
  ScratchFolder folder("pyproject-input");
  write(folder / "index.json", snapshot_json());
  write(folder / "pyproject.toml", R"([project]
name = "demo"
requires-python = ">=3.9"
dependencies = ["app-core"]

[project.optional-dependencies]
fast = ["ujson"]

[dependency-groups]
test = ["pytest", "demo[fast]"]
)");
  auto done = run_thoth({"advise", "--input", (folder / "pyproject.toml").string(), "--index",
                         (folder / "index.json").string(), "--group", "test"});
  INFO(done.err);
  REQUIRE(done.exit_code == 0);
  CHECK(done.out.find("wrote " + (folder / "pylock.toml").string()) != std::string::npos);
  std::vector<std::string> hashes;
  auto pins = pylock_pins(folder / "pylock.toml", hashes);
  CHECK(pins == std::map<std::string, std::string>{{"app-core", "2.0"}, {"iniconfig", "2.0"}, {"pytest", "8.0"},
                                                   {"ujson", "5.0"}, {"urllib3", "2.2.0"}});
  CHECK(std::find(hashes.begin(), hashes.end(), sha('e')) != hashes.end());  // urllib3 2.2.0's wheel
  thoth::project::InputSelection selection;
  selection.groups = {"test"};
  auto input = thoth::project::load_project_input(folder / "pyproject.toml", thoth::project::ManifestKind::PyProject, selection);
  CHECK(input.roots.size() == 3);  // app-core, pytest, and ujson through the group's `demo[fast]`
  CHECK(verify_against(folder / "index.json", input, pins).empty());

  SECTION("an unknown group is bad input naming the file and the groups there are") {
    auto bad = run_thoth({"advise", "--input", (folder / "pyproject.toml").string(), "--index",
                          (folder / "index.json").string(), "--group", "docs"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("no dependency group `docs`") != std::string::npos);
    CHECK(bad.err.find("test") != std::string::npos);
  }
  SECTION("a target Python outside requires-python is bad input") {
    auto bad = run_thoth({"advise", "--input", (folder / "pyproject.toml").string(), "--index",
                          (folder / "index.json").string(), "--python-version", "3.8", "--dry-run"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("requires-python `>=3.9` excludes the target Python 3.8") != std::string::npos);
  }
}

TEST_CASE("advise on a requirements.in with a -c line writes a verified requirements.txt with hashes", "[advise-inputs]") {
  ScratchFolder folder("requirements-input");
  write(folder / "index.json", snapshot_json());
  write(folder / "constraints.txt", "# pins from production\nurllib3<2\n");
  write(folder / "requirements.in", "-c constraints.txt\napp-core\n");
  auto done = run_thoth({"advise", "--input", (folder / "requirements.in").string(), "--index",
                         (folder / "index.json").string()});
  INFO(done.err);
  REQUIRE(done.exit_code == 0);
  auto written = thoth::project::load_requirements_file(folder / "requirements.txt");
  std::map<std::string, std::string> pins;
  for (const auto& item : written.requirements) {
    pins[item.requirement.canonical_name()] = item.requirement.specifier.to_string().substr(2);  // "==V"
    CHECK(item.hashes.size() == 1);
  }
  // The constraint holds urllib3 below 2, so app-core falls back to 1.0 (2.0 needs urllib3>=2).
  CHECK(pins == std::map<std::string, std::string>{{"app-core", "1.0"}, {"urllib3", "1.26.0"}});
  auto input = thoth::project::load_project_input(folder / "requirements.in", thoth::project::ManifestKind::Requirements, {});
  REQUIRE(input.constraints.size() == 1);
  CHECK(verify_against(folder / "index.json", input, pins).empty());
  SECTION("the verifier would catch a pin that breaks the constraint") {
    auto broken = pins;
    broken["urllib3"] = "2.2.0";
    broken["app-core"] = "2.0";
    auto violations = verify_against(folder / "index.json", input, broken);
    REQUIRE(violations.size() == 1);
    CHECK(violations[0] == "urllib3==2.2.0 violates the constraint `urllib3<2`");
  }
}

TEST_CASE("a constraint that leaves no version is named with its file and line in the explanation", "[advise-inputs]") {
  ScratchFolder folder("constraint-unsat");
  write(folder / "index.json", snapshot_json());
  write(folder / "constraints.txt", "iniconfig\nurllib3<2\n");
  write(folder / "requirements.in", "urllib3>=2\n");
  write(folder / "requirements.txt", "keep me\n");
  auto done = run_thoth({"advise", "--input", (folder / "requirements.in").string(), "--index",
                         (folder / "index.json").string(), "-c", (folder / "constraints.txt").string()});
  CHECK(done.exit_code == 1);
  CHECK(done.err.find("constraint " + (folder / "constraints.txt").string() + ":2 `urllib3<2`") != std::string::npos);
  std::ifstream kept(folder / "requirements.txt");
  CHECK(std::string(std::istreambuf_iterator<char>(kept), {}) == "keep me\n");  // no lock: the file is untouched
  CHECK(done.out.find("iniconfig") == std::string::npos);  // a constraint never adds its package
}

TEST_CASE("the input kind is detected from the file name, else its contents, or named with a flag", "[advise-inputs]") {
  ScratchFolder folder("input-kind");
  using thoth::project::ManifestKind;
  write(folder / "Pipfile", "[packages]\n");
  write(folder / "deps.toml", "[project]\nname = \"x\"\ndependencies = []\n");
  write(folder / "env.toml", "[[source]]\nurl = \"https://pypi.org/simple\"\n[packages]\n");
  write(folder / "deps", "requests\n");
  CHECK(thoth::project::detect_manifest_kind(folder / "Pipfile") == ManifestKind::Pipfile);
  CHECK(thoth::project::detect_manifest_kind(folder / "deps.toml") == ManifestKind::PyProject);
  CHECK(thoth::project::detect_manifest_kind(folder / "env.toml") == ManifestKind::Pipfile);
  CHECK(thoth::project::detect_manifest_kind(folder / "deps") == ManifestKind::Requirements);
  CHECK(thoth::project::default_lock_path(ManifestKind::Requirements, folder / "prod.in") == folder / "prod.txt");
  CHECK(thoth::project::default_lock_path(ManifestKind::PyProject, folder / "pyproject.toml") == folder / "pylock.toml");
  write(folder / "index.json", snapshot_json());
  auto done = run_thoth({"advise", "--input", (folder / "deps").string(), "--input-kind", "pyproject", "--index",
                         (folder / "index.json").string(), "--dry-run"});
  CHECK(done.exit_code == 2);  // read as TOML, which it is not
  CHECK(done.err.find("expected valid TOML") != std::string::npos);
  auto unknown = run_thoth({"advise", "--input-kind", "poetry", "--dry-run"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("unknown input kind `poetry`") != std::string::npos);
}

TEST_CASE("thoth audit reads the pylock.toml and requirements.txt locks advise writes", "[advise-inputs]") {
  ScratchFolder folder("audit-input-locks");
  write(folder / "index.json", snapshot_json());
  std::filesystem::create_directories(folder / "vulns");
  write(folder / "vulns" / "PYSEC-TEST-1.yaml", R"(id: PYSEC-TEST-1
summary: a test advisory on urllib3 below 2
affected:
- package: {name: urllib3, ecosystem: PyPI}
  ranges:
  - type: ECOSYSTEM
    events: [{introduced: "0"}, {fixed: "2.0.0"}]
modified: "2024-01-01T00:00:00Z"
)");
  write(folder / "constraints.txt", "urllib3<2\n");
  write(folder / "requirements.in", "app-core\n");
  write(folder / "pyproject.toml", "[project]\nname = \"demo\"\ndependencies = [\"app-core\"]\n");
  std::string index = (folder / "index.json").string();
  REQUIRE(run_thoth({"advise", "--input", (folder / "requirements.in").string(), "--index", index, "-c",
                     (folder / "constraints.txt").string()}).exit_code == 0);
  REQUIRE(run_thoth({"advise", "--input", (folder / "pyproject.toml").string(), "--index", index}).exit_code == 0);
  auto held_back = run_thoth({"audit", (folder / "requirements.txt").string(), "--advisories", (folder / "vulns").string()});
  CHECK(held_back.exit_code == 1);  // the constraint pinned urllib3 1.26.0, which the advisory affects
  CHECK(held_back.out.find("PYSEC-TEST-1") != std::string::npos);
  CHECK(held_back.out.find("2 pins, 1 with known advisories") != std::string::npos);
  auto newest = run_thoth({"audit", (folder / "pylock.toml").string(), "--advisories", (folder / "vulns").string()});
  CHECK(newest.exit_code == 0);  // urllib3 2.2.0
  CHECK(newest.out.find("2 pins, 0 with known advisories") != std::string::npos);
  auto input = run_thoth({"audit", (folder / "requirements.in").string(), "--advisories", (folder / "vulns").string()});
  CHECK(input.exit_code == 2);
  CHECK(input.err.find("expected an exact pin `name==version`, found `app-core`") != std::string::npos);
}

TEST_CASE("thoth graph and why read a pylock.toml, with the roots of the pyproject.toml beside it", "[advise-inputs]") {
  ScratchFolder folder("graph-pylock");
  write(folder / "index.json", snapshot_json());
  write(folder / "pyproject.toml", R"([project]
name = "demo"
dependencies = ["app-core"]

[project.optional-dependencies]
fast = ["ujson"]

[dependency-groups]
test = ["pytest"]
)");
  std::string index = (folder / "index.json").string();
  REQUIRE(run_thoth({"advise", "--input", (folder / "pyproject.toml").string(), "--index", index, "--group", "test"}).exit_code == 0);
  // No Pipfile.lock in the folder: the pylock.toml there is the lock, pyproject.toml the project.
  auto graph = run_thoth({"graph", "--pipfile", (folder / "Pipfile").string(), "--index", index, "--format", "json"});
  INFO(graph.err);
  REQUIRE(graph.exit_code == 0);
  auto document = nlohmann::json::parse(graph.out);
  std::set<std::string> edges;
  for (const auto& edge : document["edges"]) edges.insert((edge["from"].is_null() ? "" : edge["from"].get<std::string>()) + "->" + edge["to"].get<std::string>());
  // The group's pytest is pinned, so it counts as a root; the extra's ujson is not, so it does not.
  CHECK(edges == std::set<std::string>{"->app-core", "->pytest", "app-core->urllib3", "pytest->iniconfig"});
  CHECK(graph.err.find("warning") == std::string::npos);

  auto why = run_thoth({"why", "iniconfig", "--input", (folder / "pyproject.toml").string(), "--index", index});
  CHECK(why.exit_code == 0);
  CHECK(why.out.find("the project requires pytest -> pytest 8.0") != std::string::npos);
  CHECK(why.out.find("pytest 8.0 requires iniconfig -> iniconfig 2.0") != std::string::npos);

  SECTION("export names what it converts instead of misreading the TOML as JSON") {
    auto exported = run_thoth({"export", "--lockfile", (folder / "pylock.toml").string()});
    CHECK(exported.exit_code == 2);
    CHECK(exported.err.find("thoth export converts a Pipfile.lock") != std::string::npos);
  }
  SECTION("a pins-only lock with no project beside it asks for --input") {
    std::filesystem::copy_file(folder / "pylock.toml", folder / "elsewhere.toml");
    std::filesystem::remove(folder / "pyproject.toml");
    auto lost = run_thoth({"graph", "--lockfile", (folder / "elsewhere.toml").string(), "--index", index});
    CHECK(lost.exit_code == 2);
    CHECK(lost.err.find("no project file beside the lock") != std::string::npos);
  }
}

TEST_CASE("thoth graph evaluates markers for the runtime environment of .thoth.yaml, as advise did", "[advise-inputs]") {
  ScratchFolder folder("graph-runtime-environment");
  write(folder / "index.json", R"({"app": {"1.0": {"requires_dist": ["winonly; sys_platform == 'win32'",
                                                                 "linuxonly; sys_platform == 'linux'"]}},
                                   "winonly": {"1.0": {}}, "linuxonly": {"1.0": {}}})");
  write(folder / "Pipfile", "[packages]\napp = \"*\"\n");
  write(folder / ".thoth.yaml", "runtime_environments:\n  - name: desktop\n    python_version: \"3.11\"\n    platform: win-amd64\n");
  std::string index = (folder / "index.json").string();
  std::string pipfile = (folder / "Pipfile").string();
  auto advised = run_thoth({"advise", "--pipfile", pipfile, "--index", index});
  INFO(advised.err);
  REQUIRE(advised.exit_code == 0);
  auto graph = run_thoth({"graph", "--pipfile", pipfile, "--index", index, "--format", "json"});
  INFO(graph.err);
  REQUIRE(graph.exit_code == 0);
  auto document = nlohmann::json::parse(graph.out);
  std::set<std::string> edges;
  for (const auto& edge : document["edges"])
    edges.insert((edge["from"].is_null() ? "" : edge["from"].get<std::string>()) + "->" + edge["to"].get<std::string>());
  CHECK(edges == std::set<std::string>{"->app", "app->winonly"});
  CHECK(graph.err.find("warning") == std::string::npos);
  SECTION("--platform still wins over the runtime environment") {
    auto linux_graph = run_thoth({"graph", "--pipfile", pipfile, "--index", index, "--platform", "linux-x86_64"});
    CHECK(linux_graph.err.find("linuxonly") != std::string::npos);  // required there, but not in the lock
  }
}
