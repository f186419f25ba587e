// `thoth index export`: the tree's hashes are those of the files written, and resolving through the
// served tree gives exactly the pins of resolving the snapshot directly (the bundled sample, and the
// 2023 pyrax snapshot from ../shared when present).
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "advise/advise.hpp"
#include "index/snapshot.hpp"
#include "remote/digest.hpp"
#include "support/shared_data.hpp"
#include "tests/support/static_http_server.hpp"
#include "tests/unit/remote/support.hpp"

using namespace thoth;

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::map<std::string, std::string> pins(index::PackageSource& source, const std::string& root, const char* python) {
  advise::AdviseRequest request;
  env::set_python_version(request.environment, python, "test");
  request.roots.push_back({*packaging::Requirement::parse(root), "default", root});
  advise::AdviseResult result = advise::advise(request, source);
  REQUIRE(result.outcome == advise::Outcome::Locked);
  std::map<std::string, std::string> out;
  for (const auto& [name, pin] : result.pins) out[name] = pin.version;
  return out;
}

void check_same_resolution(const std::filesystem::path& snapshot, const std::string& root, const char* python) {
  testing::ScratchDir dir("export-resolve");
  remote::ExportSummary summary = remote::export_static_index(snapshot, dir.path() / "tree");
  CHECK(summary.projects > 0);
  testing::StaticHttpServer server(dir.path() / "tree");
  auto options = testing::fast_options(server.url() + "/simple", dir.path() / "cache");
  options.python = *packaging::Version::parse(python);
  remote::HttpIndex http(options);
  index::InMemoryIndex local = index::load_snapshot(snapshot);
  auto expected = pins(local, root, python);
  CHECK(pins(http, root, python) == expected);
  CHECK(expected.size() > 1);
}

}  // namespace

TEST_CASE("the exported tree lists every release with the sha256 of the files written", "[remote][export]") {
  testing::ScratchDir dir("export-hashes");
  auto tree = testing::export_tree(dir.path());
  auto page = nlohmann::json::parse(slurp(tree / "simple" / "foo" / "index.json"));
  CHECK(page["meta"]["api-version"] == "1.1");
  CHECK(page["versions"] == nlohmann::json({"1.0", "2.0", "3.0"}));
  REQUIRE(page["files"].size() == 3);
  for (const auto& file : page["files"]) {
    std::string name = file["filename"];
    std::string bytes = slurp(tree / "files" / "foo" / name);
    CHECK(file["hashes"]["sha256"] == remote::sha256_hex(bytes));
    CHECK(file["size"] == bytes.size());
    CHECK(file["core-metadata"]["sha256"] == remote::sha256_hex(slurp(tree / "files" / "foo" / (name + ".metadata"))));
  }
  CHECK(page["files"][1]["yanked"] == "broken build");
  CHECK_THAT(slurp(tree / "files" / "foo" / "foo-2.0-py3-none-any.whl.metadata"),
             Catch::Contains("Requires-Dist: Baz_Pkg; extra == 'all'\n") && Catch::Contains("Provides-Extra: all\n"));
  CHECK(std::filesystem::exists(tree / "simple" / "baz-pkg" / "index.html"));
  auto root = nlohmann::json::parse(slurp(tree / "simple" / "index.json"));
  CHECK(root["projects"].size() == 3);
  // Deterministic: a second export is byte-identical.
  remote::export_static_index(dir.path() / "snapshot.json", dir.path() / "again");
  CHECK(slurp(dir.path() / "again" / "simple" / "foo" / "index.json") == slurp(tree / "simple" / "foo" / "index.json"));
  CHECK(slurp(dir.path() / "again" / "simple" / "foo" / "index.html") == slurp(tree / "simple" / "foo" / "index.html"));
}

TEST_CASE("resolving through the served tree equals resolving the snapshot", "[remote][export]") {
  check_same_resolution(testing::source_dir() / "fixtures" / "index" / "pypi-sample.json", "requests", "3.11");
  if (auto pyrax = testing::shared_path("data/pypi-snapshots/pypi-2023-12-01-pyrax.json", "pyrax 2023 over HTTP"))
    check_same_resolution(*pyrax, "pyrax==1.9.8", "3.11");
}

TEST_CASE("a snapshot that is not JSON is an error naming it", "[remote][export]") {
  testing::ScratchDir dir("export-bad");
  std::ofstream(dir.path() / "bad.json") << "{not json";
  CHECK_THROWS_WITH(remote::export_static_index(dir.path() / "bad.json", dir.path() / "tree"),
                    Catch::Contains("bad.json") && Catch::Contains("not valid JSON"));
}
