// `thoth audit` end to end, and `thoth advise` with advisories and -t: a scratch project locked
// against a small snapshot with an inline advisory folder, then audited (exit codes 0 / 1 / 2, the
// hash check in both pipenv variants, --json) and edited so the hash goes stale.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "advise/audit.hpp"
#include "project/pipfile.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
};

Run run_thoth(const std::string& arguments, const fs::path& dir) {
  std::string command = "cd \"" + dir.string() + "\" && \"" + THOTH_BINARY + "\" " + arguments + " > out.txt 2> err.txt";
  int status = std::system(command.c_str());
  std::ifstream file(dir / "out.txt");
  std::ostringstream text;
  text << file.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

struct Project {
  fs::path dir = fs::temp_directory_path() / ("thoth-audit-" + std::to_string(::getpid()));
  Project() {
    fs::remove_all(dir);
    write(dir / "index.json", R"({"a": {"1.0": {}, "2.0": {}}, "b": {"1.0": {}}})");
    write(dir / "db" / "a" / "PYSEC-T-1.yaml",
          "id: PYSEC-T-1\naliases: [CVE-2001-0001]\nsummary: bad\naffected:\n- package: {name: a, ecosystem: PyPI}\n"
          "  ranges:\n  - type: ECOSYSTEM\n    events: [{introduced: \"2.0\"}, {fixed: \"2.1\"}]\n");
    write(dir / "Pipfile", "[packages]\na = \"*\"\nb = \"*\"\n");
  }
  ~Project() { fs::remove_all(dir); }
};

}  // namespace

TEST_CASE("thoth audit: a clean stable lock passes, a latest lock with an affected pin exits 1", "[advisories][audit]") {
  Project p;
  REQUIRE(run_thoth("advise --index index.json --advisories db", p.dir).exit_code == 0);  // stable: a 1.0
  Run clean = run_thoth("audit --advisories db", p.dir);
  CHECK(clean.exit_code == 0);
  CHECK_THAT(clean.out, Catch::Contains("hash current (canonical variant); 2 pins, 0 with known advisories"));

  Run latest = run_thoth("advise --index index.json --advisories db -t latest", p.dir);
  REQUIRE(latest.exit_code == 0);
  CHECK_THAT(latest.out, Catch::Contains("WARNING a 2.0 has known advisory PYSEC-T-1 (CVE-2001-0001): bad; first fixed in 2.1"));
  Run dirty = run_thoth("audit Pipfile.lock --advisories db --json", p.dir);
  CHECK(dirty.exit_code == 1);
  json report = json::parse(dirty.out);
  CHECK(report["vulnerable_pins"] == 1);
  CHECK(report["findings"][0]["id"] == "PYSEC-T-1");
  CHECK(report["findings"][0]["fixed_in"] == "2.1");
  CHECK(report["findings"][0]["aliases"] == json::array({"CVE-2001-0001"}));
  CHECK(report["hash"]["status"] == "current");
}

TEST_CASE("thoth audit: a stale hash exits 1, bad usage exits 2", "[advisories][audit]") {
  Project p;
  REQUIRE(run_thoth("advise --index index.json --advisories db", p.dir).exit_code == 0);
  write(p.dir / "Pipfile", "[packages]\na = \"*\"\nb = \">=1\"\n");
  Run stale = run_thoth("audit --advisories db", p.dir);
  CHECK(stale.exit_code == 1);
  CHECK_THAT(stale.out, Catch::Contains("hash stale"));
  CHECK(run_thoth("audit", p.dir).exit_code == 2);                          // no advisory source
  CHECK(run_thoth("audit missing.lock --advisories db", p.dir).exit_code == 2);
  CHECK(run_thoth("audit --advisories no-such-db", p.dir).exit_code == 2);
}

TEST_CASE("thoth advise reads the recommendation type and the advisory folder from .thoth.yaml", "[advisories][audit]") {
  Project p;
  write(p.dir / ".thoth.yaml", "advisories: db\nruntime_environments:\n  - name: dev\n    recommendation_type: security\n");
  Run run = run_thoth("advise --index index.json --json --dry-run", p.dir);
  REQUIRE(run.exit_code == 0);
  json result = json::parse(run.out);
  CHECK(result["recommendation_type"] == "security");
  CHECK(result["pins"]["a"] == "1.0");
  CHECK(result["objective"][0]["level"] == "scorecard penalties");
  CHECK(result["objective"][0]["proven_optimal"] == true);
  CHECK(result["advisories"]["records"] == 1);
  Run pinned = run_thoth("advise --index index.json --requirement 'a==2.0'", p.dir);
  CHECK(pinned.exit_code == 1);  // security: the only admitted version is vetoed
  Run flag = run_thoth("advise --index index.json --json --dry-run -t latest", p.dir);  // the flag wins
  CHECK(json::parse(flag.out)["pins"]["a"] == "2.0");
  CHECK(run_thoth("advise --index index.json -t fastest", p.dir).exit_code == 2);
}

TEST_CASE("audit_lock accepts the legacy pipenv hash variant and skips unpinned entries", "[advisories][audit]") {
  auto pipfile = thoth::project::parse_pipfile("[packages]\nMy_Pkg = \"*\"\n", "Pipfile");
  json lock = {{"_meta", {{"hash", {{"sha256", thoth::project::pipfile_hash(pipfile, thoth::project::HashVariant::Legacy)}}}}},
               {"default", {{"my-pkg", {{"version", "==1.0"}}}, {"other", {{"git", "https://example.org/x.git"}}}}},
               {"develop", json::object()}};
  thoth::advisories::AdvisoryDatabase empty;
  auto report = thoth::advise::audit_lock(lock, "Pipfile.lock", &pipfile, empty);
  CHECK(report.hash == thoth::advise::HashStatus::Current);
  CHECK(report.hash_variant == "legacy");
  CHECK(report.unreadable == std::vector<std::string>{"default: other"});
  CHECK(thoth::advise::audit_lock(lock, "Pipfile.lock", nullptr, empty).hash == thoth::advise::HashStatus::NoPipfile);
}
