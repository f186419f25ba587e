// HttpIndex against an exported tree served on loopback: content negotiation and HTML fallback,
// PEP 658 metadata with sha256 checks, PEP 592 yanking, retries, clear errors naming the URL for
// every injected fault, and no damaged data in the cache afterwards.
#include <catch2/catch.hpp>

#include <fstream>

#include "base/error.hpp"
#include "remote/digest.hpp"
#include "tests/support/static_http_server.hpp"
#include "tests/unit/remote/support.hpp"

using namespace thoth;
using namespace thoth::remote;
using thoth::testing::HttpFault;
using thoth::testing::StaticHttpServer;

namespace {

std::vector<std::string> versions_of(const index::Project* project) {
  std::vector<std::string> versions;
  for (const index::Release& release : project->releases) versions.push_back(release.version_text);
  return versions;
}

const index::Release& release_of(const index::Project* project, const std::string& version) {
  for (const index::Release& release : project->releases)
    if (release.version_text == version) return release;
  FAIL("no release " << version);
  throw;
}

// Where HttpIndex caches the metadata files of project `foo` (one entry per project).
std::string metadata_bundle_key(const StaticHttpServer& server) {
  return "thoth-metadata-bundle: " + server.url() + "/simple/foo/";
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("JSON pages by negotiation: releases, requirements, yanking, hashes of the served files", "[remote][http]") {
  testing::ScratchDir dir("http-json");
  auto tree = testing::export_tree(dir.path());
  StaticHttpServer server(tree);
  HttpIndex index(testing::fast_options(server.url() + "/simple", dir.path() / "cache"));

  const index::Project* foo = index.find("foo");
  REQUIRE(foo != nullptr);
  CHECK(versions_of(foo) == std::vector<std::string>{"1.0", "2.0", "3.0"});
  const index::Release& one = release_of(foo, "1.0");
  REQUIRE(one.requires_dist.size() == 1);
  CHECK(one.requires_dist[0].to_string() == "bar>=1");
  CHECK(one.requires_python->to_string() == ">=3.8");
  CHECK(one.index_name == "local");
  const index::Release& two = release_of(foo, "2.0");
  CHECK(two.yanked);
  CHECK(two.yanked_reason == "broken build");
  CHECK(two.provides_extra == std::vector<std::string>{"all"});
  CHECK(two.requires_dist.size() == 2);
  // The lock's hashes come from here: each is the sha256 of the file the server sends.
  REQUIRE(one.files.size() == 1);
  CHECK(one.files[0].hashes.at("sha256") == sha256_hex(slurp(tree / "files" / "foo" / one.files[0].filename)));

  auto log = server.requests();
  REQUIRE_FALSE(log.empty());
  CHECK(log[0].path == "/simple/foo/");
  CHECK_THAT(log[0].accept, Catch::StartsWith("application/vnd.pypi.simple.v1+json"));
  CHECK(server.count("/files/foo/", 200) == 3);  // one metadata file per release
  CHECK(index.find("baz-pkg") != nullptr);
  CHECK(index.find("missing") == nullptr);  // 404: not on this index
}

TEST_CASE("an HTML-only (PEP 503) index gives the same project as the JSON one", "[remote][http]") {
  testing::ScratchDir dir("http-html");
  auto tree = testing::export_tree(dir.path());
  StaticHttpServer json_server(tree, true);
  StaticHttpServer html_server(tree, false);
  HttpIndex from_json(testing::fast_options(json_server.url() + "/simple", dir.path() / "cache-json"));
  HttpIndex from_html(testing::fast_options(html_server.url() + "/simple", dir.path() / "cache-html"));
  const index::Project* a = from_json.find("foo");
  const index::Project* b = from_html.find("foo");
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  REQUIRE(versions_of(a) == versions_of(b));
  for (std::size_t i = 0; i < a->releases.size(); ++i) {
    CHECK(a->releases[i].yanked == b->releases[i].yanked);
    CHECK(a->releases[i].yanked_reason == b->releases[i].yanked_reason);
    CHECK(a->releases[i].requires_dist.size() == b->releases[i].requires_dist.size());
    CHECK(a->releases[i].files[0].hashes == b->releases[i].files[0].hashes);
  }
}

TEST_CASE("releases the target Python excludes are listed without fetching their metadata", "[remote][http]") {
  testing::ScratchDir dir("http-python");
  StaticHttpServer server(testing::export_tree(dir.path()));
  auto options = testing::fast_options(server.url() + "/simple", dir.path() / "cache");
  options.python = *packaging::Version::parse("3.11");
  HttpIndex index(options);
  const index::Project* foo = index.find("foo");
  REQUIRE(foo != nullptr);
  CHECK(versions_of(foo).size() == 3);
  CHECK(release_of(foo, "3.0").requires_dist.empty());
  CHECK(server.count("/files/foo/foo-3.0") == 0);
  CHECK(server.count("/files/foo/foo-1.0") == 1);
}

TEST_CASE("transient 500s and truncated bodies are retried, lasting ones are errors naming the URL", "[remote][http]") {
  testing::ScratchDir dir("http-retry");
  StaticHttpServer server(testing::export_tree(dir.path()));
  auto options = testing::fast_options(server.url() + "/simple", dir.path() / "cache");

  SECTION("two 500s, then success") {
    server.add_fault({HttpFault::Kind::Status, "/simple/foo/", 2, 500, {}});
    HttpIndex index(options);
    CHECK(index.find("foo") != nullptr);
    CHECK(server.count("/simple/foo/", 500) == 2);
    CHECK(index.http_statistics().retries >= 2);
  }
  SECTION("one truncated metadata body, then success") {
    server.add_fault({HttpFault::Kind::Truncate, "/files/foo/foo-1.0", 1, 0, {}});
    HttpIndex index(options);
    CHECK(release_of(index.find("foo"), "1.0").requires_dist.size() == 1);
  }
  SECTION("500 on every attempt") {
    server.add_fault({HttpFault::Kind::Status, "/simple/foo/", -1, 503, {}});
    HttpIndex index(options);
    CHECK_THROWS_WITH(index.find("foo"), Catch::Contains(server.url() + "/simple/foo/") &&
                                              Catch::Contains("HTTP 503") && Catch::Contains("after 3 attempts"));
    CHECK(server.count("/simple/foo/") == 3);
  }
  SECTION("truncated on every attempt: an error, and nothing cached for that file") {
    server.add_fault({HttpFault::Kind::Truncate, "/files/foo/foo-1.0", -1, 0, {}});
    HttpIndex index(options);
    CHECK_THROWS_WITH(index.find("foo"), Catch::Contains("/files/foo/foo-1.0") && Catch::Contains("cannot fetch"));
    DiskCache cache(options.cache_dir);
    CHECK_FALSE(cache.load(metadata_bundle_key(server)));
    server.clear_faults();
    HttpIndex retry(options);
    CHECK(retry.find("foo") != nullptr);
    CHECK(cache.load(metadata_bundle_key(server)));  // the control: a good run does cache it
  }
  SECTION("403 is not retried") {
    server.add_fault({HttpFault::Kind::Status, "/simple/foo/", -1, 403, {}});
    HttpIndex index(options);
    CHECK_THROWS_WITH(index.find("foo"), Catch::Contains("HTTP 403") && Catch::Contains("/simple/foo/"));
    CHECK(server.count("/simple/foo/") == 1);
  }
}

TEST_CASE("slow answers, redirect loops, TLS failures and wrong hashes are clear errors", "[remote][http]") {
  testing::ScratchDir dir("http-faults");
  StaticHttpServer server(testing::export_tree(dir.path()));
  auto options = testing::fast_options(server.url() + "/simple", dir.path() / "cache");

  SECTION("an answer slower than the timeout") {
    options.http.attempt_timeout = std::chrono::milliseconds(200);
    server.add_fault({HttpFault::Kind::Delay, "/simple/foo/", -1, 0, std::chrono::milliseconds(1000)});
    HttpIndex index(options);
    CHECK_THROWS_WITH(index.find("foo"), Catch::Contains("/simple/foo/") && Catch::Contains("after 3 attempts"));
  }
  SECTION("a slow answer within the timeout is fine") {
    server.add_fault({HttpFault::Kind::Delay, "/simple/foo/", -1, 0, std::chrono::milliseconds(100)});
    HttpIndex index(options);
    CHECK(index.find("foo") != nullptr);
  }
  SECTION("a redirect loop") {
    server.add_fault({HttpFault::Kind::RedirectLoop, "/simple/foo/", -1, 0, {}});
    HttpIndex index(options);
    CHECK_THROWS_WITH(index.find("foo"), Catch::Contains("/simple/foo/") && Catch::Contains("redirect"));
  }
  SECTION("TLS spoken to a server that does not: a TLS failure naming the URL") {
    options.sources[0].url = "https://127.0.0.1:" + std::to_string(server.port()) + "/simple";
    HttpIndex index(options);
    CHECK_THROWS_WITH(index.find("foo"), Catch::Contains("TLS failure") && Catch::Contains("https://127.0.0.1:"));
  }
  SECTION("metadata that does not match its advertised sha256: an error, and nothing cached") {
    server.add_fault({HttpFault::Kind::CorruptBody, "/files/foo/foo-2.0", -1, 0, {}});
    HttpIndex index(options);
    CHECK_THROWS_WITH(index.find("foo"), Catch::Contains("does not match the sha256") &&
                                              Catch::Contains("/files/foo/foo-2.0-py3-none-any.whl.metadata"));
    DiskCache cache(options.cache_dir);
    CHECK_FALSE(cache.load(metadata_bundle_key(server)));
    CHECK(cache.load(server.url() + "/simple/foo/"));  // the page itself was fine and is cached
  }
}

TEST_CASE("the cache: revalidation by ETag, immutable metadata, corrupt entries, --offline", "[remote][http][cache]") {
  testing::ScratchDir dir("http-cache");
  auto tree = testing::export_tree(dir.path());
  auto server = std::make_unique<StaticHttpServer>(tree);
  auto options = testing::fast_options(server->url() + "/simple", dir.path() / "cache");
  std::vector<std::string> cold_versions;
  {
    HttpIndex cold(options);
    cold_versions = versions_of(cold.find("foo"));
    CHECK(cold.statistics().pages_downloaded == 1);
    CHECK(cold.statistics().metadata_downloaded == 3);
  }
  server->clear_log();
  {
    HttpIndex warm(options);
    CHECK(versions_of(warm.find("foo")) == cold_versions);
    CHECK(warm.statistics().pages_revalidated == 1);
    CHECK(warm.statistics().metadata_cached == 3);
    auto log = server->requests();
    REQUIRE(log.size() == 1);  // the page only, conditionally; metadata never asked again
    CHECK(log[0].status == 304);
    CHECK_FALSE(log[0].if_none_match.empty());
  }
  SECTION("a damaged entry is detected, removed and fetched again") {
    DiskCache cache(options.cache_dir);
    auto page = cache.path_for(server->url() + "/simple/foo/");
    std::string text = slurp(page);
    text[text.size() - 3] ^= 0x01;
    std::ofstream(page, std::ios::binary) << text;
    server->clear_log();
    HttpIndex again(options);
    CHECK(versions_of(again.find("foo")) == cold_versions);
    CHECK(again.cache_statistics().corrupt == 1);
    CHECK(server->count("/simple/foo/", 200) == 1);
    CHECK(DiskCache(options.cache_dir).load(server->url() + "/simple/foo/"));
  }
  SECTION("--offline answers from the cache with the server gone, and fails on what is not cached") {
    server->stop();
    options.offline = true;
    HttpIndex offline(options);
    CHECK(versions_of(offline.find("foo")) == cold_versions);
    CHECK(offline.statistics().pages_offline == 1);
    CHECK_THROWS_WITH(offline.find("bar"), Catch::Contains("--offline") && Catch::Contains("/simple/bar/"));
  }
}

TEST_CASE("several indexes: first index wins by default, merge on request, per-package pins", "[remote][http][sources]") {
  testing::ScratchDir dir("http-sources");
  std::filesystem::create_directories(dir.path() / "private");
  std::filesystem::create_directories(dir.path() / "public");
  auto private_tree = testing::export_tree(dir.path() / "private", R"({"foo": {"1.0": {}}})");
  auto public_tree = testing::export_tree(dir.path() / "public", R"({"foo": {"1.0": {}, "9.0": {}}, "bar": {"2.0": {}}})");
  StaticHttpServer private_server(private_tree);
  StaticHttpServer public_server(public_tree);
  auto options = testing::fast_options(private_server.url() + "/simple", dir.path() / "cache");
  options.sources.push_back({"public", public_server.url() + "/simple", true});

  SECTION("first-index: a private package is never shadowed by a public one") {
    HttpIndex index(options);
    const index::Project* foo = index.find("foo");
    CHECK(versions_of(foo) == std::vector<std::string>{"1.0"});
    CHECK(foo->releases[0].index_name == "local");
    CHECK(public_server.count("/simple/foo/") == 0);
    const index::Project* bar = index.find("bar");
    REQUIRE(bar != nullptr);
    CHECK(bar->releases[0].index_name == "public");
  }
  SECTION("merge: the union of versions, the earlier index winning a version both have") {
    options.strategy = IndexStrategy::Merge;
    HttpIndex index(options);
    const index::Project* foo = index.find("foo");
    CHECK(versions_of(foo) == std::vector<std::string>{"1.0", "9.0"});
    CHECK(release_of(foo, "1.0").index_name == "local");
    CHECK(release_of(foo, "9.0").index_name == "public");
  }
  SECTION("a package pinned to an index is looked up there alone") {
    options.pinned["foo"] = "public";
    HttpIndex index(options);
    CHECK(versions_of(index.find("foo")) == std::vector<std::string>{"1.0", "9.0"});
    CHECK(private_server.count("/simple/foo/") == 0);
  }
}

TEST_CASE("releases without a core-metadata file are skipped with a warning", "[remote][http]") {
  testing::ScratchDir dir("http-nometa");
  auto tree = testing::export_tree(dir.path(), R"({"foo": {"1.0": {}, "2.0": {}}})");
  // Strip the metadata advertisement of 2.0 from both pages (an index without PEP 658 for it).
  for (const char* page : {"index.json", "index.html"}) {
    auto path = tree / "simple" / "foo" / page;
    std::string text = slurp(path);
    auto at = text.find("foo-2.0");
    REQUIRE(at != std::string::npos);
    std::string json_key = "\"core-metadata\": {";
    if (std::string(page) == "index.json") {
      // 2.0 is the second file entry: turn its metadata objects into `false`.
      auto second = text.rfind("\"core-metadata\"");
      auto end = text.find('}', second);
      text.replace(second, end - second + 1, "\"core-metadata\": false");
      auto legacy = text.rfind("\"dist-info-metadata\"");
      auto legacy_end = text.find('}', legacy);
      text.replace(legacy, legacy_end - legacy + 1, "\"dist-info-metadata\": false");
    } else {
      auto line_start = text.rfind("<a ", text.find("foo-2.0"));
      auto line_end = text.find('\n', line_start);
      text.replace(line_start, line_end - line_start, "<a href=\"../../files/foo/foo-2.0-py3-none-any.whl\">foo-2.0-py3-none-any.whl</a>");
    }
    std::ofstream(path, std::ios::binary) << text;
  }
  for (bool json : {true, false}) {
    StaticHttpServer server(tree, json);
    auto options = testing::fast_options(server.url() + "/simple", dir.path() / ("cache" + std::to_string(json)));
    std::vector<std::string> warnings;
    options.warn = [&](const std::string& message) { warnings.push_back(message); };
    HttpIndex index(options);
    CHECK(versions_of(index.find("foo")) == std::vector<std::string>{"1.0"});
    CHECK(index.statistics().releases_without_metadata == 1);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("foo") && Catch::Contains("no core-metadata file"));
  }
}

TEST_CASE("the http_proxy environment variable is honoured", "[remote][http]") {
  testing::ScratchDir dir("http-proxy");
  auto tree = testing::export_tree(dir.path());
  StaticHttpServer proxy(tree);  // serves absolute-form requests, as a forwarding proxy would
  std::string unreachable;
  {
    StaticHttpServer gone(tree);
    unreachable = gone.url();
  }  // nothing listens there any more: only the proxy can answer
  ::setenv("http_proxy", proxy.url().c_str(), 1);
  ::unsetenv("no_proxy");
  ::unsetenv("NO_PROXY");
  HttpIndex index(testing::fast_options(unreachable + "/simple", dir.path() / "cache"));
  const index::Project* foo = index.find("foo");
  ::unsetenv("http_proxy");
  REQUIRE(foo != nullptr);
  CHECK(foo->releases.size() == 3);
  CHECK(proxy.count("/simple/foo/", 200) == 1);
}
