// The OSV and Scorecard API clients over libcurl, against a loopback server (tests/support) that
// replays recorded responses (tests/data/osv, tests/data/scorecard): request shapes, the disk cache,
// pagination, timeouts and the error messages.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "advisories/osv_client.hpp"
#include "advisories/scorecard_client.hpp"
#include "support/loopback_server.hpp"
#include "support/shared_data.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using thoth::testing::HttpExchange;
using thoth::testing::LoopbackServer;
using thoth::testing::ReplayResponse;

namespace {

struct ScratchCache {
  fs::path path = fs::temp_directory_path() / ("thoth-osv-cache-" + std::to_string(::getpid()));
  ScratchCache() { fs::remove_all(path); }
  ~ScratchCache() { fs::remove_all(path); }
};

thoth::advisories::HttpOptions quick() {
  return {std::chrono::milliseconds(2000), std::chrono::milliseconds(5000)};
}

fs::path data(const std::string& name) { return thoth::testing::source_dir() / "tests" / "data" / name; }

}  // namespace

TEST_CASE("OSV client: querybatch then vulns/{id}, records cached by modified stamp", "[advisories][osv]") {
  ScratchCache cache;
  LoopbackServer server(LoopbackServer::replay_folder(data("osv")));
  thoth::advisories::OsvClient client(server.url(), cache.path, quick());
  auto found = client.query({{"jinja2", "2.4.1"}, {"flask", "3.0.0"}});
  REQUIRE(found.has_value());
  CHECK(found->size() == 2);
  CHECK(found->affecting("Jinja2", "2.4.1").size() == 2);
  CHECK(found->affecting("jinja2", "2.11").empty());
  CHECK(found->find("PYSEC-2099-1")->aliases == std::vector<std::string>{"CVE-2099-1001"});

  std::vector<HttpExchange> requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].path == "/v1/querybatch");
  json body = json::parse(requests[0].body);
  CHECK(body["queries"][0] == json({{"package", {{"name", "jinja2"}, {"ecosystem", "PyPI"}}}, {"version", "2.4.1"}}));
  CHECK(requests[1].path == "/v1/vulns/PYSEC-2099-1");
  CHECK(requests[2].path == "/v1/vulns/PYSEC-2099-2");

  thoth::advisories::OsvClient again(server.url(), cache.path, quick());  // same cache: only the batch
  REQUIRE(again.query({{"jinja2", "2.4.1"}, {"flask", "3.0.0"}}).has_value());
  CHECK(again.statistics().batch_requests == 1);
  CHECK(again.statistics().record_requests == 0);
  CHECK(again.statistics().cache_hits == 2);
  CHECK(server.requests().size() == 4);
}

TEST_CASE("OSV client: a changed modified stamp refetches the record", "[advisories][osv]") {
  ScratchCache cache;
  std::string stamp = "2024-01-01T00:00:00Z";
  LoopbackServer server([&](const HttpExchange& request) {
    if (request.method == "POST")
      return ReplayResponse{200, json({{"results", {{{"vulns", {{{"id", "X-1"}, {"modified", stamp}}}}}}}}).dump()};
    return ReplayResponse{200, json({{"id", "X-1"}, {"modified", stamp},
                                     {"affected", {{{"package", {{"name", "a"}, {"ecosystem", "PyPI"}}}, {"versions", {"1.0"}}}}}}).dump()};
  });
  thoth::advisories::OsvClient first(server.url(), cache.path, quick());
  REQUIRE(first.query({{"a", "1.0"}}).has_value());
  stamp = "2024-02-01T00:00:00Z";
  thoth::advisories::OsvClient second(server.url(), cache.path, quick());
  REQUIRE(second.query({{"a", "1.0"}}).has_value());
  CHECK(second.statistics().record_requests == 1);
  CHECK(second.statistics().cache_hits == 0);
}

TEST_CASE("OSV client: per-query pagination is followed with page_token", "[advisories][osv]") {
  LoopbackServer server([](const HttpExchange& request) {
    if (request.method == "GET") {
      std::string id = request.path.substr(request.path.rfind('/') + 1);
      return ReplayResponse{200, json({{"id", id}, {"affected", {{{"package", {{"name", "a"}, {"ecosystem", "PyPI"}}},
                                                                  {"versions", {"1.0"}}}}}}).dump()};
    }
    json query = json::parse(request.body)["queries"][0];
    if (!query.contains("page_token"))
      return ReplayResponse{200, R"({"results":[{"vulns":[{"id":"P-1","modified":""}],"next_page_token":"t2"}]})"};
    return ReplayResponse{200, R"({"results":[{"vulns":[{"id":"P-2","modified":""}]}]})"};
  });
  thoth::advisories::OsvClient client(server.url(), "", quick());
  auto found = client.query({{"a", "1.0"}});
  REQUIRE(found.has_value());
  CHECK(found->size() == 2);
  CHECK(client.statistics().batch_requests == 2);
  CHECK(json::parse(server.requests()[1].body)["queries"][0]["page_token"] == "t2");
}

TEST_CASE("OSV client: clear errors for HTTP statuses, bad JSON, timeouts and refused connections", "[advisories][osv]") {
  SECTION("rate limited") {
    LoopbackServer server([](const HttpExchange&) { return ReplayResponse{429, "slow down"}; });
    auto found = thoth::advisories::OsvClient(server.url(), "", quick()).query({{"a", "1.0"}});
    REQUIRE_FALSE(found.has_value());
    CHECK(found.error().message == "expected HTTP 200, found 429: slow down");
    CHECK(found.error().location == server.url() + "/v1/querybatch");
    CHECK(found.error().hint == "the API is rate limiting; retry later");
  }
  SECTION("not JSON") {
    LoopbackServer server([](const HttpExchange&) { return ReplayResponse{200, "<html>"}; });
    auto found = thoth::advisories::OsvClient(server.url(), "", quick()).query({{"a", "1.0"}});
    REQUIRE_FALSE(found.has_value());
    CHECK_THAT(found.error().message, Catch::StartsWith("expected a JSON response"));
  }
  SECTION("wrong number of results") {
    LoopbackServer server([](const HttpExchange&) { return ReplayResponse{200, R"({"results":[]})"}; });
    auto found = thoth::advisories::OsvClient(server.url(), "", quick()).query({{"a", "1.0"}});
    REQUIRE_FALSE(found.has_value());
    CHECK(found.error().message == "expected one result per query (1), found 0");
  }
  SECTION("timeout") {
    LoopbackServer server([](const HttpExchange&) {
      return ReplayResponse{200, R"({"results":[{}]})", std::chrono::milliseconds(1500)};
    });
    thoth::advisories::HttpOptions impatient{std::chrono::milliseconds(1000), std::chrono::milliseconds(200)};
    auto found = thoth::advisories::OsvClient(server.url(), "", impatient).query({{"a", "1.0"}});
    REQUIRE_FALSE(found.has_value());
    CHECK_THAT(found.error().message, Catch::Contains("POST failed") && Catch::Contains("imeout"));
    CHECK(found.error().hint == "the server did not answer in time; retry later");
  }
  SECTION("connection refused") {
    int port = 0;
    { LoopbackServer closed([](const HttpExchange&) { return ReplayResponse{}; }); port = closed.port(); }
    auto found = thoth::advisories::OsvClient("http://127.0.0.1:" + std::to_string(port), "", quick()).query({{"a", "1.0"}});
    REQUIRE_FALSE(found.has_value());
    CHECK_THAT(found.error().message, Catch::StartsWith("POST failed"));
  }
}

TEST_CASE("Scorecard client: 200 parsed and cached, 404 means not scored", "[advisories][osv]") {
  ScratchCache cache;
  LoopbackServer server(LoopbackServer::replay_folder(data("scorecard")));
  thoth::advisories::ScorecardClient client(server.url(), cache.path, quick());
  auto widget = client.fetch("github.com/example/widget");
  REQUIRE(widget.has_value());
  REQUIRE(widget->has_value());
  CHECK((*widget)->score == Approx(6.4));
  CHECK((*widget)->checks.size() == 2);
  CHECK((*widget)->checks[1].score == -1);
  CHECK(thoth::advisories::scorecard_penalty((*widget)->score) == 36);
  auto missing = client.fetch("github.com/example/unknown");
  REQUIRE(missing.has_value());
  CHECK_FALSE(missing->has_value());
  auto again = client.fetch("github.com/example/widget");
  REQUIRE(again.has_value());
  CHECK(client.cache_hits == 1);
  CHECK(server.requests().size() == 2);
  CHECK(server.requests()[0].path == "/projects/github.com/example/widget");
}

TEST_CASE("thoth audit --osv-api asks the API for the lock's pins", "[advisories][osv][audit]") {
  ScratchCache cache;
  fs::create_directories(cache.path / "project");
  std::ofstream(cache.path / "project" / "Pipfile.lock")
      << R"({"_meta": {"hash": {"sha256": "x"}}, "default": {"jinja2": {"version": "==2.4.1"}, "flask": {"version": "==3.0.0"}}, "develop": {}})";
  LoopbackServer server(LoopbackServer::replay_folder(data("osv")));
  fs::path out = cache.path / "out.json";
  std::string command = std::string("\"") + THOTH_BINARY + "\" audit \"" + (cache.path / "project" / "Pipfile.lock").string() +
                        "\" --osv-api " + server.url() + " --cache-dir \"" + (cache.path / "cache").string() + "\" --json > \"" +
                        out.string() + "\" 2>&1";
  int status = std::system(command.c_str());
  CHECK(WEXITSTATUS(status) == 1);
  std::ifstream file(out);
  json report = json::parse(file);
  CHECK(report["vulnerable_pins"] == 1);
  CHECK(report["findings"].size() == 2);
  CHECK(report["findings"][0]["package"] == "jinja2");
  CHECK(report["hash"]["status"] == "no-pipfile");
  CHECK(fs::exists(cache.path / "cache" / "osv" / "vulns" / "PYSEC-2099-1.json"));
}

TEST_CASE("thoth advise --osv-api asks about every candidate and vetoes under security", "[advisories][osv]") {
  ScratchCache cache;
  fs::create_directories(cache.path);
  std::ofstream(cache.path / "index.json") << R"({"a": {"1.0": {}, "2.0": {}}, "b": {"1.0": {}}})";
  // Answers each querybatch query: a 2.0 has OSV-A-1, everything else is clean.
  LoopbackServer server([](const HttpExchange& request) {
    if (request.method == "GET")
      return ReplayResponse{200, R"({"id": "OSV-A-1", "modified": "m", "summary": "bad",
        "affected": [{"package": {"name": "a", "ecosystem": "PyPI"}, "versions": ["2.0"]}]})"};
    json reply = json::object();
    reply["results"] = json::array();
    json body = json::parse(request.body);
    for (const json& query : body["queries"]) {
      json result = json::object();
      if (query["package"]["name"] == "a" && query["version"] == "2.0")
        result["vulns"] = json::array({json{{"id", "OSV-A-1"}, {"modified", "m"}}});
      reply["results"].push_back(result);
    }
    return ReplayResponse{200, reply.dump()};
  });
  fs::path out = cache.path / "out.json";
  std::string command = "cd \"" + cache.path.string() + "\" && \"" + THOTH_BINARY +
                        "\" advise --index index.json --requirement a --requirement b -t security --json --osv-api " +
                        server.url() + " --cache-dir cache > out.json 2> err.txt";
  int status = std::system(command.c_str());
  std::ifstream errors(cache.path / "err.txt");
  std::string error_text((std::istreambuf_iterator<char>(errors)), std::istreambuf_iterator<char>());
  CAPTURE(error_text);
  REQUIRE(WEXITSTATUS(status) == 0);
  std::ifstream file(out);
  json result = json::parse(file);
  CHECK(result["pins"]["a"] == "1.0");
  CHECK(result["justifications"][0]["message"] == "a 1.0 has no known advisory; the security recommendation chose it over the newer 2.0 (OSV-A-1)");
  json asked = json::parse(server.requests()[0].body)["queries"];
  CHECK(asked.size() == 3);  // a 2.0, a 1.0, b 1.0: every candidate
  CHECK(fs::exists(cache.path / "cache" / "osv" / "vulns" / "OSV-A-1.json"));
}
