// The on-disk cache: round trip, damaged entries detected by their checksum, and several processes
// writing and reading one entry at once never see a damaged one (atomic rename), and a process killed
// while writing leaves the cache readable: every entry whole, none corrupt.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fstream>

#include "project/pipfile.hpp"
#include "remote/disk_cache.hpp"
#include "tests/unit/remote/support.hpp"

using namespace thoth;
using remote::CacheEntry;
using remote::DiskCache;

TEST_CASE("cache entries round-trip and keep no credentials", "[remote][cache]") {
  testing::ScratchDir dir("cache-roundtrip");
  DiskCache cache(dir.path());
  const std::string url = "https://user:secret@index.example/simple/foo/";
  CHECK_FALSE(cache.load(url));
  cache.store(url, CacheEntry{url, "\"e1\"", "Tue, 01 Jan 2030 00:00:00 GMT", "text/html", "<a>x</a>\n"});
  auto entry = cache.load(url);
  REQUIRE(entry);
  CHECK(entry->etag == "\"e1\"");
  CHECK(entry->last_modified == "Tue, 01 Jan 2030 00:00:00 GMT");
  CHECK(entry->body == "<a>x</a>\n");
  std::ifstream file(cache.path_for(url));
  std::string text((std::istreambuf_iterator<char>(file)), {});
  CHECK(text.find("secret") == std::string::npos);
  CHECK_FALSE(cache.load("https://other.example/simple/foo/"));
}

TEST_CASE("a truncated or edited entry is treated as absent and removed", "[remote][cache]") {
  testing::ScratchDir dir("cache-corrupt");
  DiskCache cache(dir.path());
  const std::string url = "http://127.0.0.1/simple/foo/";
  for (int damage = 0; damage < 3; ++damage) {
    cache.store(url, CacheEntry{url, "", "", "text/html", "some body bytes"});
    auto path = cache.path_for(url);
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    if (damage == 0) text.pop_back();                 // truncated
    if (damage == 1) text[text.size() - 2] ^= 0x01;   // flipped bit
    if (damage == 2) text = text.substr(0, 10);       // record cut
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    CHECK_FALSE(cache.load(url));
    CHECK_FALSE(std::filesystem::exists(path));
  }
  CHECK(cache.statistics().corrupt == 3);
}

TEST_CASE("several processes sharing one cache entry never read a damaged one", "[remote][cache]") {
  testing::ScratchDir dir("cache-processes");
  const std::string url = "http://127.0.0.1/simple/shared/";
  std::vector<pid_t> children;
  for (int child = 0; child < 4; ++child) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      DiskCache cache(dir.path());
      std::string body(4096 + child * 1000, static_cast<char>('a' + child));
      bool ok = true;
      for (int round = 0; round < 150 && ok; ++round) {
        cache.store(url, CacheEntry{url, std::to_string(child), "", "text/html", body});
        auto entry = cache.load(url);
        ok = entry.has_value() && entry->body.size() == 4096 + std::stoul(entry->etag) * 1000;
      }
      ::_exit(ok && cache.statistics().corrupt == 0 ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
}

TEST_CASE("a process killed while writing the cache leaves every entry whole", "[remote][cache]") {
  testing::ScratchDir dir("cache-killed");
  const std::vector<std::string> urls{"http://127.0.0.1/simple/a/", "http://127.0.0.1/simple/b/"};
  for (long delay_us : {200L, 1000L, 3000L, 7000L, 15000L}) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {  // writes large entries without end until killed
      DiskCache cache(dir.path());
      for (unsigned round = 0;; ++round) {
        const std::string& url = urls[round % urls.size()];
        cache.store(url, CacheEntry{url, std::to_string(round), "", "text/html", std::string(200000 + round % 7, 'x')});
      }
    }
    timespec pause{0, delay_us * 1000};
    ::nanosleep(&pause, nullptr);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status));
    DiskCache cache(dir.path());
    for (const std::string& url : urls) {
      auto entry = cache.load(url);  // absent (killed before the first rename) or whole
      if (entry) CHECK(entry->body.size() == 200000 + std::stoul(entry->etag) % 7);
    }
    CHECK(cache.statistics().corrupt == 0);
  }
}

TEST_CASE("[[source]] URLs expand ${VAR} and $VAR at use, an unset one is an error", "[remote][project]") {
  ::setenv("THOTH_TEST_INDEX_USER", "alice", 1);
  ::setenv("THOTH_TEST_INDEX_HOST", "index.example", 1);
  project::Source source{"private", "https://${THOTH_TEST_INDEX_USER}:pw@$THOTH_TEST_INDEX_HOST/simple", true};
  CHECK(project::expand_source_url(source) == "https://alice:pw@index.example/simple");
  project::Source unset{"private", "https://${THOTH_TEST_UNSET_VARIABLE}/simple", true};
  ::unsetenv("THOTH_TEST_UNSET_VARIABLE");
  CHECK_THROWS_WITH(project::expand_source_url(unset),
                    Catch::Contains("THOTH_TEST_UNSET_VARIABLE") && Catch::Contains("private"));
  CHECK(project::default_source_name("https://u:p@Index.Example:8443/simple") == "index.example");
}
