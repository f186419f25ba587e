// Unit tests of the text-preserving Pipfile editor behind `thoth add`.
#include <catch2/catch.hpp>

#include "base/error.hpp"
#include "project/pipfile.hpp"
#include "project/pipfile_edit.hpp"

namespace {

thoth::packaging::Requirement requirement(const char* text) { return *thoth::packaging::Requirement::parse(text); }

constexpr const char* kPipfile = "[packages]\n# web\nFlask = \"*\"  # keep\n\n[dev-packages]\npytest = \"*\"\n";

}  // namespace

TEST_CASE("Adding a requirement replaces the entry of the same canonical name in place", "[pipfile-edit]") {
  std::string text = thoth::project::with_entry(kPipfile, "Pipfile", "packages", requirement("flask[async]>=3"));
  CHECK(text == "[packages]\n# web\nflask = {version = \">=3\", extras = [\"async\"]}\n\n[dev-packages]\npytest = \"*\"\n");
}

TEST_CASE("Adding a new package appends it after the category's last entry, keeping comments", "[pipfile-edit]") {
  std::string text = thoth::project::with_entry(kPipfile, "Pipfile", "packages", requirement("numpy"));
  CHECK(text == "[packages]\n# web\nFlask = \"*\"  # keep\nnumpy = \"*\"\n\n[dev-packages]\npytest = \"*\"\n");
  auto pipfile = thoth::project::parse_pipfile(text, "Pipfile");
  CHECK(pipfile.packages().size() == 2);
}

TEST_CASE("A missing category is created, markers are written as a markers key", "[pipfile-edit]") {
  std::string text = thoth::project::with_entry("[packages]\n", "Pipfile", "docs", requirement("sphinx; os_name == 'posix'"));
  CHECK(text == "[packages]\n\n[docs]\nsphinx = {version = \"*\", markers = \"os_name == \\\"posix\\\"\"}\n");
  CHECK(thoth::project::parse_pipfile(text, "Pipfile").categories.at("docs").front().markers == "os_name == 'posix'");
}

TEST_CASE("A multi-line entry is not rewritten, the error names the line", "[pipfile-edit]") {
  std::string text = "[packages]\nrequests = {version = \"*\", extras = [\n  \"socks\",\n]}\n";
  CHECK_THROWS_WITH(thoth::project::with_entry(text, "Pipfile", "packages", requirement("requests")),
                    Catch::StartsWith("Pipfile:2: the entry for requests spans several lines"));
}

TEST_CASE("A new Pipfile has the PyPI source and both categories", "[pipfile-edit]") {
  auto pipfile = thoth::project::parse_pipfile(thoth::project::new_pipfile_text(), "Pipfile");
  REQUIRE(pipfile.sources.size() == 1);
  CHECK(pipfile.sources[0].url == "https://pypi.org/simple");
  CHECK(pipfile.packages().empty());
}

TEST_CASE("Removing a package drops its line only, matching the canonical name", "[pipfile-edit]") {
  auto text = thoth::project::without_entry(kPipfile, "Pipfile", "packages", "flask");
  REQUIRE(text);
  CHECK(*text == "[packages]\n# web\n\n[dev-packages]\npytest = \"*\"\n");
  CHECK(thoth::project::parse_pipfile(*text, "Pipfile").packages().empty());
}

TEST_CASE("Removing a package absent from the category changes nothing", "[pipfile-edit]") {
  CHECK_FALSE(thoth::project::without_entry(kPipfile, "Pipfile", "packages", "pytest"));
  CHECK_FALSE(thoth::project::without_entry(kPipfile, "Pipfile", "docs", "flask"));
}

TEST_CASE("Removing a multi-line entry is refused, the error names the line", "[pipfile-edit]") {
  std::string text = "[packages]\nrequests = {version = \"*\", extras = [\n  \"socks\",\n]}\n";
  CHECK_THROWS_WITH(thoth::project::without_entry(text, "Pipfile", "packages", "requests"),
                    Catch::StartsWith("Pipfile:2: the entry for requests spans several lines"));
}
