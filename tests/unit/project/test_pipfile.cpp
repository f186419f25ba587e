// Reading Pipfiles: every entry form and table, and errors that name file:line:column.
#include <catch2/catch.hpp>

#include "base/error.hpp"
#include "project/pipfile.hpp"
#include "unit/project/feature_pipfile.hpp"

using thoth::InputError;
using thoth::project::parse_pipfile;
using thoth::project::Pipfile;
using thoth::project::PipfileEntry;

namespace {

const PipfileEntry& entry_named(const std::vector<PipfileEntry>& entries, const std::string& name) {
  for (const auto& entry : entries) {
    if (entry.name == name) return entry;
  }
  FAIL("no entry " << name);
  throw std::logic_error("unreachable");
}

// The InputError thrown while parsing `text` as "Pipfile".
thoth::Error parse_error(std::string_view text) {
  try {
    (void)parse_pipfile(text, "Pipfile");
  } catch (const InputError& error) {
    return error.error();
  }
  FAIL("expected an InputError for:\n" << text);
  return {};
}

}  // namespace

TEST_CASE("sources are read, with pipenv's defaults for a missing name and verify_ssl", "[project][pipfile]") {
  Pipfile pipfile = parse_pipfile(thoth::project::testing::kFeaturePipfile, "Pipfile");
  REQUIRE(pipfile.sources.size() == 3);
  CHECK(pipfile.sources[0].name == "pypi");
  CHECK(pipfile.sources[0].verify_ssl);
  CHECK(pipfile.sources[1].name == "pytorch");
  CHECK(pipfile.sources[1].url == "https://download.pytorch.org/whl/cpu");
  CHECK_FALSE(pipfile.sources[1].verify_ssl);
  CHECK(pipfile.sources[2].name == "mirror.example.com");
  CHECK_FALSE(pipfile.sources[2].verify_ssl);
}

TEST_CASE("a Pipfile without [[source]] gets the default PyPI source", "[project][pipfile]") {
  Pipfile pipfile = parse_pipfile("[packages]\nrequests = \"*\"\n", "Pipfile");
  REQUIRE(pipfile.sources.size() == 1);
  CHECK(pipfile.sources[0].name == "pypi");
  CHECK(pipfile.sources[0].url == "https://pypi.org/simple");
  CHECK(pipfile.sources[0].verify_ssl);
  CHECK(pipfile.dev_packages().empty());
  CHECK(pipfile.requires_.empty());
  CHECK_FALSE(pipfile.allow_prereleases);
}

TEST_CASE("package entries of every form are read in file order", "[project][pipfile]") {
  Pipfile pipfile = parse_pipfile(thoth::project::testing::kFeaturePipfile, "Pipfile");
  const auto& packages = pipfile.packages();
  REQUIRE(packages.size() == 6);
  CHECK(packages[0].name == "requests");
  CHECK(packages[1].name == "Django");
  CHECK(packages[5].name == "mylib");

  const auto& requests = entry_named(packages, "requests");
  CHECK(requests.version == ">=2.8");
  CHECK(requests.extras == std::vector<std::string>{"socks", "security"});
  CHECK(requests.line == 16);
  CHECK(entry_named(packages, "Django").version == "==4.2.*");
  CHECK(entry_named(packages, "torch").index == "pytorch");
  CHECK(entry_named(packages, "My_Pkg").version == "==1.0");  // a bare version means ==

  const auto& mylib = entry_named(packages, "mylib");
  REQUIRE(mylib.vcs_or_path);
  CHECK(*mylib.vcs_or_path == "git+https://github.com/example/mylib.git@v1.2");
  CHECK(mylib.version == "*");
}

TEST_CASE("per-key markers are folded into markers as pipenv does", "[project][pipfile]") {
  Pipfile pipfile = parse_pipfile(thoth::project::testing::kFeaturePipfile, "Pipfile");
  CHECK(entry_named(pipfile.packages(), "pywinusb").markers == "os_name == 'nt' and python_version >= '3.8'");
  CHECK(entry_named(pipfile.dev_packages(), "colorama").markers == "sys_platform == 'win32'");
  CHECK(entry_named(pipfile.categories.at("docs"), "sphinx.rtd_theme").markers ==
        "python_version < '3.13' or os_name == 'posix'");
  CHECK(entry_named(pipfile.packages(), "requests").markers.empty());
}

TEST_CASE("custom categories, [requires], [pipenv] and the raw document are kept", "[project][pipfile]") {
  Pipfile pipfile = parse_pipfile(thoth::project::testing::kFeaturePipfile, "Pipfile");
  CHECK(pipfile.categories.size() == 3);
  REQUIRE(pipfile.categories.count("docs") == 1);
  CHECK(pipfile.categories.at("docs").size() == 2);
  CHECK(pipfile.categories.count("scripts") == 0);
  CHECK(pipfile.requires_ == std::map<std::string, std::string>{{"python_version", "3.11"}});
  CHECK(pipfile.allow_prereleases);
  CHECK(pipfile.document.at("scripts").at("test") == "pytest -q");
  CHECK(pipfile.document.at("pipenv").at("sort_pipfile") == true);
  CHECK(pipfile.document.at("packages").at("pywinusb").at("os_name") == "== 'nt'");
  CHECK(thoth::project::lock_section_for("packages") == "default");
  CHECK(thoth::project::lock_section_for("dev-packages") == "develop");
  CHECK(thoth::project::lock_section_for("docs") == "docs");
}

TEST_CASE("an entry becomes a PEP 508 requirement", "[project][pipfile]") {
  Pipfile pipfile = parse_pipfile(thoth::project::testing::kFeaturePipfile, "Pipfile");
  auto requests = entry_named(pipfile.packages(), "requests").to_requirement();
  CHECK(requests.name == "requests");
  CHECK(requests.extras == std::vector<std::string>{"security", "socks"});
  CHECK(requests.specifier.to_string() == ">=2.8");
  CHECK_FALSE(requests.marker);

  auto pywinusb = entry_named(pipfile.packages(), "pywinusb").to_requirement();
  CHECK(pywinusb.specifier.empty());
  REQUIRE(pywinusb.marker);
  CHECK(pywinusb.marker->to_string() == R"(os_name == "nt" and python_version >= "3.8")");
}

TEST_CASE("TOML dates and numbers are kept in the document as JSON", "[project][pipfile]") {
  // Top-level values that are not tables are no category; they are kept for the hash only.
  Pipfile pipfile = parse_pipfile("when = 1979-05-27\ncount = 3\nratio = 0.5\n[packages]\n", "Pipfile");
  CHECK(pipfile.document.at("when") == "1979-05-27");
  CHECK(pipfile.document.at("count") == 3);
  CHECK(pipfile.document.at("ratio") == 0.5);
  CHECK(pipfile.categories.size() == 2);
}

TEST_CASE("bad Pipfiles are rejected with file:line:column and a hint", "[project][pipfile]") {
  SECTION("bad TOML") {
    auto error = parse_error("[packages]\nrequests = \n");
    CHECK(error.location.rfind("Pipfile:2:", 0) == 0);
    CHECK(error.message.rfind("expected valid TOML", 0) == 0);
    CHECK_FALSE(error.hint.empty());
  }
  SECTION("extras written as a string") {
    auto error = parse_error("[packages]\nrequests = {version = \"*\", extras = \"socks\"}\n");
    CHECK(error.location == "Pipfile:2:37");
    CHECK(error.message == "expected a list of strings for `extras` of package `requests`, found `\"socks\"`");
    CHECK(error.hint == "write extras = [\"name\"]");
  }
  SECTION("a bad version specifier") {
    auto error = parse_error("[packages]\nrequests = \">=>1\"\n");
    CHECK(error.location == "Pipfile:2:12");
    CHECK(error.message == "expected a version specifier for package `requests`, found `\">=>1\"`");
  }
  SECTION("a bad marker") {
    auto error = parse_error("[packages]\nrequests = {version = \"*\", markers = \"python_version >>> '3'\"}\n");
    CHECK(error.location == "Pipfile:2:38");
    CHECK(error.message.rfind("expected a PEP 508 marker for package `requests`", 0) == 0);
  }
  SECTION("a bad per-key marker") {
    auto error = parse_error("[packages]\npywinusb = {os_name = \"nt\"}\n");
    CHECK(error.location == "Pipfile:2:23");
    CHECK(error.message == "expected a PEP 508 marker for package `pywinusb`, found `os_name nt`");
  }
  SECTION("an unknown index") {
    auto error = parse_error("[packages]\ntorch = {version = \"*\", index = \"pytroch\"}\n");
    CHECK(error.location == "Pipfile:2:33");
    CHECK(error.message ==
          "expected the name of a [[source]] for `index` of package `torch`, found `pytroch`");
    CHECK(error.hint == "declared sources: `pypi`");
  }
  SECTION("an entry that is neither a string nor a table") {
    auto error = parse_error("[dev-packages]\npytest = 7\n");
    CHECK(error.location == "Pipfile:2:10");
    CHECK(error.message == "expected a version string or a table for package `pytest`, found `7`");
  }
  SECTION("a bad verify_ssl") {
    auto error = parse_error("[[source]]\nname = \"pypi\"\nurl = \"https://pypi.org/simple\"\nverify_ssl = 1\n");
    CHECK(error.location == "Pipfile:4:14");
    CHECK(error.message == "expected true or false for `verify_ssl`, found `1`");
  }
  SECTION("a source without url") {
    auto error = parse_error("[[source]]\nname = \"pypi\"\n");
    CHECK(error.location.rfind("Pipfile:1:", 0) == 0);
    CHECK(error.message == "expected a `url` in every [[source]], found none");
  }
  SECTION("a non-boolean allow_prereleases") {
    auto error = parse_error("[pipenv]\nallow_prereleases = \"yes\"\n");
    CHECK(error.location == "Pipfile:2:21");
  }
  SECTION("a non-string python_version") {
    auto error = parse_error("[requires]\npython_version = 3.11\n");
    CHECK(error.location == "Pipfile:2:18");
    CHECK(error.message == "expected a string for `python_version` in [requires], found `3.11`");
  }
  SECTION("the same package twice under two spellings") {
    auto error = parse_error("[packages]\nmy_pkg = \"*\"\nMy-Pkg = \"*\"\n");
    CHECK(error.location == "Pipfile:3:1");
    CHECK(error.message == "expected each package once per category, found `My-Pkg` again (first on line 2)");
  }
  SECTION("a bad package name") {
    auto error = parse_error("[packages]\n\"-bad\" = \"*\"\n");
    CHECK(error.location == "Pipfile:2:1");
    CHECK(error.message == "expected a package name, found `-bad`");
  }
}

TEST_CASE("an unreadable Pipfile names the path", "[project][pipfile]") {
  try {
    (void)thoth::project::load_pipfile("no-such-folder/Pipfile");
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    CHECK(error.error().location == "no-such-folder/Pipfile");
  }
}
