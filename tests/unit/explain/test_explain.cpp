// Explanations on small hand-written indexes: the derivation text, version ranges, hints, fixes,
// the JSON form, upper-bound relaxation, best effort, and `thoth advise` exit codes and output.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "advise/advise.hpp"
#include "explain/fixes.hpp"
#include "index/snapshot.hpp"
#include "support/small_index.hpp"
#include "verify/verify.hpp"

namespace fs = std::filesystem;
using namespace thoth;
using testing::index_of;
using testing::request_of;

namespace {

const char* kDiamond = R"({"a": {"1.0": {"requires_dist": ["c==1.0"]}}, "b": {"1.0": {"requires_dist": ["c==2.0"]}},
                           "c": {"1.0": {}, "2.0": {}}, "d": {"1.0": {}}})";

}  // namespace

TEST_CASE("a diamond conflict is explained from the roots, with one fix per root", "[explain]") {
  index::InMemoryIndex index = index_of(kDiamond);
  advise::AdviseResult result = advise::advise(request_of({"a", "b", "d"}), index);
  REQUIRE(result.outcome == advise::Outcome::Unsatisfiable);
  REQUIRE(result.explanation);
  const explain::Explanation& why = *result.explanation;
  CHECK(why.core.size() == 4);  // two roots, two edges; `d` is not part of the conflict
  CHECK(result.conflict.size() == 2);
  CHECK(explain::render_text(why, false) ==
        "Because you require `a` (line 1) and a 1.0 requires `c==1.0`, c must be 1.0.\n"
        "And because you require `b` (line 2) and b 1.0 requires `c==2.0`, no version of c can be installed, "
        "so you cannot require `a` (line 1) and `b` (line 2) together.\n"
        "\n"
        "fix: drop `a` (line 1): locks b==1.0, d==1.0\n"
        "fix: drop `b` (line 2): locks a==1.0, d==1.0\n");
  std::string verbose = explain::render_text(why, true);
  CHECK(verbose.find("dependency: a 1.0 requires c==1.0 [index: a 1.0 requires_dist]") != std::string::npos);
  CHECK(verbose.find("root-requirement: you require `b` [line 2]") != std::string::npos);
}

TEST_CASE("the JSON explanation gives each core element with its kind and origin and location", "[explain]") {
  index::InMemoryIndex index = index_of(kDiamond);
  advise::AdviseResult result = advise::advise(request_of({"a", "b"}), index);
  nlohmann::json json = advise::result_to_json(result);
  const nlohmann::json& core = json.at("explanation").at("core");
  REQUIRE(core.size() == 4);
  CHECK(core[0].at("kind") == "root-requirement");
  CHECK(core[0].at("location") == "line 1");
  CHECK(core[2].at("kind") == "dependency");
  CHECK(core[2].at("origin") == "a 1.0 requires c==1.0");
  CHECK(json.at("explanation").at("fixes").size() == 2);
}

TEST_CASE("an upper bound is dropped, lower bounds and exclusions stay", "[explain]") {
  auto relaxed = [](const char* text) {
    auto result = explain::without_upper_bound(*packaging::Requirement::parse(text));
    return result ? result->to_string() : std::string("none");
  };
  CHECK(relaxed("a<1.25,>=1.0") == "a>=1.0");
  CHECK(relaxed("a==1.2") == "a>=1.2");
  CHECK(relaxed("a==1.*") == "a>=1");
  CHECK(relaxed("a~=1.4") == "a>=1.4");
  CHECK(relaxed("a!=1.3,<=2") == "a!=1.3");
  CHECK(relaxed("a>=1") == "none");
  CHECK(relaxed("a") == "none");
}

TEST_CASE("a pre-release and another Python are offered only when a solve confirms them", "[explain]") {
  index::InMemoryIndex index = index_of(R"({"a": {"1.0": {"requires_dist": ["c<1"]}, "2.0b1": {}},
                                            "c": {"0.9": {}, "1.0": {}},
                                            "b": {"1.0": {}, "2.0": {"requires_python": ">=3.13"}}})");
  advise::AdviseResult pre = advise::advise(request_of({"a", "c>=1"}), index);
  REQUIRE(pre.explanation);
  REQUIRE(pre.explanation->hints.size() == 1);
  CHECK(pre.explanation->hints[0] == "a pre-release would satisfy it: a 2.0b1 matches `a`; allowing pre-releases gives a lock (--pre)");
  CHECK(pre.explanation->fixes.front().pins == std::map<std::string, std::string>{{"a", "2.0b1"}, {"c", "1.0"}});

  advise::AdviseRequest python = request_of({"b>=2"});
  env::set_python_version(python.environment, "3.11", "test");
  advise::AdviseResult result = advise::advise(python, index);
  REQUIRE(result.explanation);
  CHECK(result.explanation->hints ==
        std::vector<std::string>{"another Python would satisfy it: b 2.0 matches `b>=2` but requires Python >=3.13 "
                                 "(the target is 3.11.0); with Python 3.13 a lock exists"});
}

TEST_CASE("best effort locks the largest satisfiable subset of the roots and names what it left out", "[explain]") {
  index::InMemoryIndex index = index_of(kDiamond);
  advise::AdviseRequest request = request_of({"a", "b", "d", "c==2.0"});
  request.best_effort = true;
  advise::AdviseResult result = advise::advise(request, index);
  REQUIRE(result.outcome == advise::Outcome::Locked);
  CHECK(result.left_out == std::vector<std::string>{"`a` (line 1)"});  // dropping a keeps three roots
  CHECK(result.pins.count("a") == 0);
  CHECK(result.pins.at("c").version == "2.0");
  REQUIRE(result.explanation);  // the whole request still has its explanation
  verify::LockToCheck lock;
  for (std::size_t i = 1; i < request.roots.size(); ++i) lock.roots.push_back(request.roots[i].requirement);
  for (const auto& [name, pin] : result.pins) lock.pins[name] = pin.version;
  CHECK(verify::verify_lock(lock, index).empty());
}

TEST_CASE("thoth advise exits 1 with the explanation on stderr and 0 with --best-effort", "[explain][cli]") {
  fs::path scratch = fs::temp_directory_path() / ("thoth-explain-cli-" + std::to_string(::getpid()));
  fs::create_directories(scratch);
  std::ofstream(scratch / "index.json") << kDiamond;
  auto run = [&](const std::string& flags) {
    std::string command = std::string("\"") + THOTH_BINARY + "\" advise --index \"" + (scratch / "index.json").string() +
                          "\" --requirement a --requirement b " + flags + " > \"" + (scratch / "out").string() +
                          "\" 2> \"" + (scratch / "err").string() + "\"";
    int status = std::system(command.c_str());
    std::ostringstream err;
    err << std::ifstream(scratch / "err").rdbuf();
    return std::make_pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1, err.str());
  };
  auto [code, err] = run("");
  CHECK(code == 1);
  CHECK(err.rfind("error: no lock satisfies the request\n\nBecause you require `a` (--requirement #1)", 0) == 0);
  CHECK(err.find("fix: drop `b` (--requirement #2): locks a==1.0") != std::string::npos);
  CHECK(err.find("core (4 elements") == std::string::npos);
  auto [verbose_code, verbose] = run("--verbose");
  CHECK(verbose_code == 1);
  CHECK(verbose.find("core (4 elements") != std::string::npos);
  auto [best_code, best] = run("--best-effort");
  CHECK(best_code == 0);
  CHECK(best.rfind("warning: --best-effort left out `", 0) == 0);  // one of the two, the other is locked
  CHECK(best.find("\nBecause you require `a` (--requirement #1)") != std::string::npos);
  fs::remove_all(scratch);
}
