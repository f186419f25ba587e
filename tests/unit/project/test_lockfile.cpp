// Pipfile.lock writing: byte-for-byte pipenv text (expected text written by hand in pipenv's format
// and cross-checked once with CPython's json.dumps(indent=4, separators=(",", ": "), sort_keys=True)),
// ASCII escaping, reading locks back, and atomic replacement through base/atomic_file.hpp.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "project/lockfile.hpp"
#include "unit/project/feature_pipfile.hpp"

namespace fs = std::filesystem;
using thoth::project::LockedPackage;
using thoth::project::LockSections;
using thoth::project::parse_pipfile;
using thoth::project::render_lockfile;

namespace {

LockSections feature_sections() {
  LockSections sections;
  sections["default"]["django"] = LockedPackage{"4.2.7", {"sha256:bb", "sha256:aa", "sha256:bb"}, "", "pypi", {}};
  sections["default"]["requests"] = LockedPackage{"2.31.0", {"sha256:01"}, "", "pypi", {"socks", "security"}};
  sections["default"]["torch"] = LockedPackage{"2.1.0", {}, "", "pytorch", {}};
  sections["develop"]["colorama"] = LockedPackage{"0.4.6", {"sha256:cc"}, "sys_platform == 'win32'", "", {}};
  sections["docs"]["sphinx"] = LockedPackage{"7.2.6", {"sha256:dd"}, "", "pypi", {}};
  return sections;
}

constexpr std::string_view kFeatureLock = R"json({
    "_meta": {
        "hash": {
            "sha256": "4d91813cb5f9355fe33645c99125edd7933d2baaab68b6a614b42e86e78913df"
        },
        "pipfile-spec": 6,
        "requires": {
            "python_version": "3.11"
        },
        "sources": [
            {
                "name": "pypi",
                "url": "https://pypi.org/simple",
                "verify_ssl": true
            },
            {
                "name": "pytorch",
                "url": "https://download.pytorch.org/whl/cpu",
                "verify_ssl": false
            },
            {
                "name": "mirror.example.com",
                "url": "http://mirror.Example.com:8080/simple",
                "verify_ssl": false
            }
        ]
    },
    "default": {
        "django": {
            "hashes": [
                "sha256:aa",
                "sha256:bb"
            ],
            "index": "pypi",
            "version": "==4.2.7"
        },
        "requests": {
            "extras": [
                "security",
                "socks"
            ],
            "hashes": [
                "sha256:01"
            ],
            "index": "pypi",
            "version": "==2.31.0"
        },
        "torch": {
            "hashes": [],
            "index": "pytorch",
            "version": "==2.1.0"
        }
    },
    "develop": {
        "colorama": {
            "hashes": [
                "sha256:cc"
            ],
            "markers": "sys_platform == 'win32'",
            "version": "==0.4.6"
        }
    },
    "docs": {
        "sphinx": {
            "hashes": [
                "sha256:dd"
            ],
            "index": "pypi",
            "version": "==7.2.6"
        }
    }
}
)json";

// A fresh empty folder below the system temporary folder.
fs::path fresh_folder(const std::string& name) {
  fs::path folder = fs::temp_directory_path() / ("thoth-project-test-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

void write_text(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

TEST_CASE("the lock text is pipenv's, byte for byte", "[project][lockfile]") {
  auto pipfile = parse_pipfile(thoth::project::testing::kFeaturePipfile, "Pipfile");
  CHECK(render_lockfile(pipfile, feature_sections()) == kFeatureLock);
}

TEST_CASE("an empty lock still has default and develop and the default source", "[project][lockfile]") {
  auto pipfile = parse_pipfile("[packages]\nSphinx = \"*\"\n", "Pipfile");
  CHECK(render_lockfile(pipfile, {}) ==
        "{\n"
        "    \"_meta\": {\n"
        "        \"hash\": {\n"
        "            \"sha256\": \"d993d725f2bfe31e06c4a1f3716caf2d4b1a9a5d8cb8d24a140b58eabe90a3e3\"\n"
        "        },\n"
        "        \"pipfile-spec\": 6,\n"
        "        \"requires\": {},\n"
        "        \"sources\": [\n"
        "            {\n"
        "                \"name\": \"pypi\",\n"
        "                \"url\": \"https://pypi.org/simple\",\n"
        "                \"verify_ssl\": true\n"
        "            }\n"
        "        ]\n"
        "    },\n"
        "    \"default\": {},\n"
        "    \"develop\": {}\n"
        "}\n");
}

TEST_CASE("non-ASCII text is written as lowercase backslash-u escapes", "[project][lockfile]") {
  auto pipfile = parse_pipfile(
      "[[source]]\nname = \"miroir-\u00e9t\u00e9\"\nurl = \"https://example.org/simple/\"\nverify_ssl = true\n",
      "Pipfile");
  LockSections sections;
  sections["default"]["pkg"] = LockedPackage{"1.0", {}, "platform_release == '\xf0\x9f\x98\x80'", "", {}};
  std::string text = render_lockfile(pipfile, sections);
  CHECK(text.find("\"name\": \"miroir-\\u00e9t\\u00e9\"") != std::string::npos);
  CHECK(text.find("\"markers\": \"platform_release == '\\ud83d\\ude00'\"") != std::string::npos);
  CHECK(text.find("\"url\": \"https://example.org/simple/\"") != std::string::npos);  // "/" unescaped
  CHECK(std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
}

TEST_CASE("extra keys of a [[source]] are kept in _meta.sources", "[project][lockfile]") {
  auto pipfile = parse_pipfile("[[source]]\nurl = \"https://pypi.org/simple\"\nname = \"pypi\"\nnote = \"x\"\n",
                               "Pipfile");
  auto lock = thoth::project::lockfile_json(pipfile, {});
  CHECK(lock["_meta"]["sources"][0] ==
        nlohmann::json{{"name", "pypi"}, {"note", "x"}, {"url", "https://pypi.org/simple"}, {"verify_ssl", true}});
}

TEST_CASE("a written lock reads back as the same JSON", "[project][lockfile]") {
  fs::path folder = fresh_folder("roundtrip");
  auto pipfile = parse_pipfile(thoth::project::testing::kFeaturePipfile, "Pipfile");
  thoth::write_file_atomically(folder / "Pipfile.lock", render_lockfile(pipfile, feature_sections()));
  auto lock = thoth::project::load_lockfile(folder / "Pipfile.lock");
  CHECK(lock == thoth::project::lockfile_json(pipfile, feature_sections()));
  CHECK(lock["_meta"]["hash"]["sha256"] == thoth::project::testing::kFeatureCanonicalHash);
  fs::remove_all(folder);
}

TEST_CASE("a broken lock file is rejected with line and column", "[project][lockfile]") {
  fs::path folder = fresh_folder("broken");
  write_text(folder / "Pipfile.lock", "{\n    \"_meta\": {,\n}\n");
  try {
    (void)thoth::project::load_lockfile(folder / "Pipfile.lock");
    FAIL("expected an InputError");
  } catch (const thoth::InputError& error) {
    CHECK(error.error().location == (folder / "Pipfile.lock").string() + ":2:15");
    CHECK(error.error().message.rfind("expected valid JSON (byte 17)", 0) == 0);
  }
  write_text(folder / "Pipfile.lock", "[1, 2]");
  CHECK_THROWS_AS(thoth::project::load_lockfile(folder / "Pipfile.lock"), thoth::InputError);
  fs::remove_all(folder);
}

TEST_CASE("the old lock survives a failed write", "[project][lockfile]") {
  fs::path folder = fresh_folder("atomic");
  fs::path lock = folder / "Pipfile.lock";
  write_text(lock, "old lock\n");
  auto pipfile = parse_pipfile("[packages]\nSphinx = \"*\"\n", "Pipfile");
  std::string text = render_lockfile(pipfile, {});

  SECTION("the target is a directory") {
    fs::path directory_target = folder / "as-directory";
    fs::create_directories(directory_target / "inside");
    CHECK_THROWS_AS(thoth::write_file_atomically(directory_target, text), thoth::InputError);
    CHECK(fs::is_directory(directory_target / "inside"));
  }
  SECTION("the disk refuses the bytes midway (file size limit)") {
    struct rlimit saved {};
    ::getrlimit(RLIMIT_FSIZE, &saved);
    auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit tiny = saved;
    tiny.rlim_cur = 16;
    ::setrlimit(RLIMIT_FSIZE, &tiny);
    bool threw = false;
    try {
      thoth::write_file_atomically(lock, text);
    } catch (const thoth::InputError&) {
      threw = true;
    }
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous_handler);
    CHECK(threw);
    CHECK(thoth::read_file(lock) == "old lock\n");
  }
  if (::geteuid() != 0) {  // root ignores permission bits
    SECTION("the folder is not writable") {
      ::chmod(folder.c_str(), 0555);
      CHECK_THROWS_AS(thoth::write_file_atomically(lock, text), thoth::InputError);
      ::chmod(folder.c_str(), 0755);
      CHECK(thoth::read_file(lock) == "old lock\n");
    }
  }
  SECTION("the write succeeds and replaces the old file whole") {
    thoth::write_file_atomically(lock, text);
    CHECK(thoth::read_file(lock) == text);
  }
  CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator()) >= 1);
  for (const auto& item : fs::directory_iterator(folder)) {
    CHECK(item.path().filename().string().find(".tmp-") == std::string::npos);  // no temporary left behind
  }
  fs::remove_all(folder);
}
