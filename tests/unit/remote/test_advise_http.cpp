// `thoth advise` end to end against a loopback index named by the Pipfile's [[source]] (with ${VAR}
// expansion): the lock records each package's index and the index's file hashes; --offline works
// from the cache; an index failure is exit 2 with the URL named and the previous lock untouched.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "remote/digest.hpp"
#include "tests/support/static_http_server.hpp"
#include "tests/unit/remote/support.hpp"

using namespace thoth;
namespace fs = std::filesystem;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Run thoth_run(const std::string& arguments, const fs::path& scratch) {
  std::string command = std::string("\"") + THOTH_BINARY + "\" " + arguments + " > \"" + (scratch / "out.txt").string() +
                        "\" 2> \"" + (scratch / "err.txt").string() + "\"";
  int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(scratch / "out.txt"), slurp(scratch / "err.txt")};
}

constexpr const char* kPipfile = R"([[source]]
name = "local"
url = "${THOTH_TEST_SIMPLE_URL}"
verify_ssl = true

[packages]
foo = "*"

[requires]
python_version = "3.11"
)";

}  // namespace

TEST_CASE("thoth advise locks against a loopback index from the Pipfile's [[source]]", "[remote][cli]") {
  testing::ScratchDir dir("advise-http");
  auto tree = testing::export_tree(dir.path());
  auto server = std::make_unique<testing::StaticHttpServer>(tree);
  ::setenv("THOTH_TEST_SIMPLE_URL", (server->url() + "/simple").c_str(), 1);
  std::ofstream(dir.path() / "Pipfile") << kPipfile;
  auto advise_with_cache = [&](const std::string& cache) {
    return "advise --pipfile \"" + (dir.path() / "Pipfile").string() + "\" --cache-dir \"" + (dir.path() / cache).string() + "\"";
  };
  std::string common = advise_with_cache("cache");

  Run run = thoth_run(common, dir.path());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  std::string lock_text = slurp(dir.path() / "Pipfile.lock");
  auto lock = nlohmann::json::parse(lock_text);
  CHECK(lock["_meta"]["sources"][0]["url"] == "${THOTH_TEST_SIMPLE_URL}");  // kept as written
  CHECK(lock["default"]["foo"]["version"] == "==1.0");  // 2.0 is yanked, 3.0 needs Python 4
  CHECK(lock["default"]["foo"]["index"] == "local");
  CHECK(lock["default"]["bar"]["version"] == "==2.0");
  CHECK(lock["default"]["bar"]["index"] == "local");
  std::string served = slurp(tree / "files" / "bar" / "bar-2.0-py3-none-any.whl");
  CHECK(lock["default"]["bar"]["hashes"] == nlohmann::json({"sha256:" + remote::sha256_hex(served)}));

  SECTION("--offline relocks from the cache alone, byte for byte") {
    server->stop();
    fs::remove(dir.path() / "Pipfile.lock");
    Run offline = thoth_run(common + " --offline", dir.path());
    INFO(offline.err);
    CHECK(offline.exit_code == 0);
    CHECK(slurp(dir.path() / "Pipfile.lock") == lock_text);
  }
  SECTION("an index failing with 500s: exit 2, the URL named, the old lock untouched") {
    server->add_fault({testing::HttpFault::Kind::Status, "/simple/bar/", -1, 500, {}});
    std::ofstream(dir.path() / "Pipfile.lock") << "previous lock\n";
    Run failed = thoth_run(advise_with_cache("cold"), dir.path());
    CHECK(failed.exit_code == 2);
    CHECK_THAT(failed.err, Catch::Contains(server->url() + "/simple/bar/") && Catch::Contains("HTTP 500"));
    CHECK(slurp(dir.path() / "Pipfile.lock") == "previous lock\n");
  }
  SECTION("--requirement with --index-url and --json reports the HTTP work") {
    Run json_run = thoth_run("advise --requirement foo --python-version 3.11 --json --index-url " + server->url() +
                                 "/simple --cache-dir \"" + (dir.path() / "cache").string() + "\"",
                             dir.path());
    REQUIRE(json_run.exit_code == 0);
    auto report = nlohmann::json::parse(json_run.out);
    CHECK(report["index"]["http"]["pages_revalidated"] == 2);
    CHECK(report["index"]["http"]["metadata_downloaded"] == 0);
  }
  SECTION("an unset ${VAR} in the source URL is exit 2 naming the variable") {
    ::unsetenv("THOTH_TEST_SIMPLE_URL");
    Run unset = thoth_run(common, dir.path());
    CHECK(unset.exit_code == 2);
    CHECK_THAT(unset.err, Catch::Contains("THOTH_TEST_SIMPLE_URL"));
  }
  ::unsetenv("THOTH_TEST_SIMPLE_URL");
}

TEST_CASE("thoth advise with two [[source]] indexes: a pinned package, the first index by default", "[remote][cli]") {
  testing::ScratchDir dir("advise-two-sources");
  std::filesystem::create_directories(dir.path() / "private");
  std::filesystem::create_directories(dir.path() / "public");
  // The public index carries a higher `internal-tool` (dependency confusion) and `requests-lite`.
  auto private_tree = testing::export_tree(dir.path() / "private",
                                           R"({"internal-tool": {"1.0": {"requires_dist": ["helper"]}}, "helper": {"0.5": {}}})");
  auto public_tree = testing::export_tree(dir.path() / "public",
                                          R"({"internal-tool": {"99.0": {}}, "helper": {"9.0": {}}, "requests-lite": {"2.0": {}}})");
  testing::StaticHttpServer private_server(private_tree);
  testing::StaticHttpServer public_server(public_tree);
  std::ofstream(dir.path() / "Pipfile") << "[[source]]\nname = \"private\"\nurl = \"" << private_server.url()
                                        << "/simple\"\nverify_ssl = true\n\n[[source]]\nname = \"pypi\"\nurl = \""
                                        << public_server.url() << "/simple\"\nverify_ssl = true\n\n[packages]\n"
                                        << "internal-tool = \"*\"\nrequests-lite = {version = \"*\", index = \"pypi\"}\n\n"
                                        << "[requires]\npython_version = \"3.11\"\n";
  std::string command = "advise --pipfile \"" + (dir.path() / "Pipfile").string() + "\" --cache-dir \"" +
                        (dir.path() / "cache").string() + "\"";
  Run run = thoth_run(command, dir.path());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto lock = nlohmann::json::parse(slurp(dir.path() / "Pipfile.lock"));
  CHECK(lock["default"]["internal-tool"]["version"] == "==1.0");  // never the public 99.0
  CHECK(lock["default"]["internal-tool"]["index"] == "private");
  CHECK(lock["default"]["helper"]["version"] == "==0.5");  // transitive: also from the first index
  CHECK(lock["default"]["helper"]["index"] == "private");
  CHECK(lock["default"]["requests-lite"]["index"] == "pypi");
  CHECK(private_server.count("/simple/requests-lite/") == 0);  // pinned: the private index is not asked

  Run merged = thoth_run(command + " --index-strategy merge --dry-run --json", dir.path());
  REQUIRE(merged.exit_code == 0);
  auto report = nlohmann::json::parse(merged.out);
  CHECK(report["pins"]["internal-tool"] == "99.0");  // merge is the explicit, unsafe opt-in
}
