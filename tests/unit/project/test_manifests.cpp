// Unit tests of the pyproject.toml (PEP 621 + PEP 735) and pip requirements-file readers: what each
// accepts, and the exact location every error names.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/error.hpp"
#include "project/manifest.hpp"

namespace {

using thoth::project::parse_pyproject;
using thoth::project::parse_requirements_file;

std::vector<std::string> texts(const std::vector<thoth::project::ManifestRequirement>& list) {
  std::vector<std::string> out;
  for (const auto& item : list) out.push_back(item.requirement.to_string() + " @" + item.origin + " " + item.group);
  return out;
}

struct TempFolder {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("thoth-manifest-" + std::to_string(std::rand()));
  TempFolder() { std::filesystem::create_directories(path); }
  ~TempFolder() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

}  // namespace

TEST_CASE("pyproject.toml gives dependencies, extras, expanded groups and requires-python with locations", "[manifest]") {
  auto project = parse_pyproject(R"([project]
name = "My_App"
requires-python = ">=3.9"
dependencies = ["requests>=2", "idna; python_version < '3.10'"]

[project.optional-dependencies]
Fast = ["ujson"]

[dependency-groups]
test = ["pytest>=8", {include-group = "lint"}]
lint = ["ruff"]
)", "pyproject.toml");
  CHECK(project.name == "my-app");
  CHECK(project.requires_python_text == ">=3.9");
  CHECK(texts(project.dependencies) == std::vector<std::string>{"requests>=2 @pyproject.toml:4:17 default",
                                                                "idna; python_version < \"3.10\" @pyproject.toml:4:32 default"});
  CHECK(texts(project.optional_dependencies.at("fast")) == std::vector<std::string>{"ujson @pyproject.toml:7:9 extra:fast"});
  CHECK(texts(project.dependency_groups.at("test")) ==
        std::vector<std::string>{"pytest>=8 @pyproject.toml:10:9 group:test", "ruff @pyproject.toml:11:9 group:test"});
}

TEST_CASE("pyproject.toml errors name file:line:column", "[manifest]") {
  CHECK_THROWS_WITH(parse_pyproject("[project]\ndependencies = [\"requests>=\"]\n", "pyproject.toml"),
                    Catch::StartsWith("pyproject.toml:2:17: project.dependencies:"));
  CHECK_THROWS_WITH(parse_pyproject("[project]\ndependencies = \"requests\"\n", "pyproject.toml"),
                    Catch::Contains("pyproject.toml:2:16: project.dependencies: expected an array"));
  CHECK_THROWS_WITH(parse_pyproject("[dependency-groups]\na = [{include-group = \"b\"}]\nb = [{include-group = \"a\"}]\n",
                                    "pyproject.toml"),
                    Catch::Contains("makes a cycle"));
  CHECK_THROWS_WITH(parse_pyproject("[dependency-groups]\na = [{include-group = \"zzz\"}]\n", "pyproject.toml"),
                    Catch::Contains("pyproject.toml:2:23: dependency-groups.a: no group `zzz`"));
  CHECK_THROWS_WITH(parse_pyproject("[tool.x]\ny = 1\n", "pyproject.toml"), Catch::Contains("no [project] table"));
  CHECK_THROWS_WITH(parse_pyproject("[project\n", "pyproject.toml"), Catch::StartsWith("pyproject.toml:1:"));
}

TEST_CASE("A requirements file reads requirements, hashes, options, continuations and comments as pip does", "[manifest]") {
  setenv("THOTH_TEST_INDEX", "https://example.org/simple", 1);
  auto file = parse_requirements_file(R"(# a comment
--index-url ${THOTH_TEST_INDEX}
--extra-index-url=https://mirror.example/simple
--pre --only-binary :all:
requests==2.31.0 \
    --hash=sha256:aa \
    --hash=sha256:bb  # trailing comment
idna>=3
    # an indented comment line

colorama ; sys_platform == "win32"
)", "requirements.txt");
  CHECK(file.index_url == "https://example.org/simple");
  CHECK(file.extra_index_urls == std::vector<std::string>{"https://mirror.example/simple"});
  CHECK(file.pre);
  CHECK(file.only_binary == std::vector<std::string>{":all:"});
  REQUIRE(file.requirements.size() == 3);
  CHECK(file.requirements[0].requirement.to_string() == "requests==2.31.0");
  CHECK(file.requirements[0].origin == "requirements.txt:5");
  CHECK(file.requirements[0].hashes == std::vector<std::string>{"sha256:aa", "sha256:bb"});
  CHECK(file.requirements[1].requirement.to_string() == "idna>=3");
  CHECK(file.requirements[2].origin == "requirements.txt:11");
}

TEST_CASE("A requirements file refuses what it cannot lock, naming file:line", "[manifest]") {
  CHECK_THROWS_WITH(parse_requirements_file("ok\n-e ./src\n", "req.in"), Catch::StartsWith("req.in:2: editable"));
  CHECK_THROWS_WITH(parse_requirements_file("https://x.org/a.whl\n", "req.in"), Catch::StartsWith("req.in:1: URL, path"));
  CHECK_THROWS_WITH(parse_requirements_file("--frobnicate\n", "req.in"), Catch::StartsWith("req.in:1: unknown option --frobnicate"));
  CHECK_THROWS_WITH(parse_requirements_file("requests --install-option=x\n", "req.in"),
                    Catch::StartsWith("req.in:1: option --install-option is not supported"));
  CHECK_THROWS_WITH(parse_requirements_file("requests>=\n", "req.in"), Catch::StartsWith("req.in:1:"));
  CHECK_THROWS_WITH(parse_requirements_file("-r\n", "req.in"), Catch::StartsWith("req.in:1: option -r needs a value"));
}

TEST_CASE("Requirements files include others with -r and -c, relative to the including file, cycles are refused", "[manifest]") {
  TempFolder folder;
  folder.write("base.in", "-c constraints.txt\nidna\n");
  folder.write("constraints.txt", "idna<3\nurllib3<2\n");
  folder.write("main.in", "-r base.in\nrequests\n");
  auto file = thoth::project::load_requirements_file(folder.path / "main.in");
  REQUIRE(file.requirements.size() == 2);
  CHECK(file.requirements[0].requirement.name == "idna");
  CHECK(file.requirements[1].requirement.name == "requests");
  REQUIRE(file.constraints.size() == 2);
  CHECK(file.constraints[1].requirement.to_string() == "urllib3<2");
  folder.write("loop.in", "-r loop2.in\n");
  folder.write("loop2.in", "-r loop.in\n");
  CHECK_THROWS_WITH(thoth::project::load_requirements_file(folder.path / "loop.in"), Catch::Contains("makes a cycle"));
  CHECK_THROWS_WITH(parse_requirements_file("-r missing.txt\n", folder.path / "x.in"), Catch::Contains("does not exist"));
}

TEST_CASE("The manifest kind is detected from the file name", "[manifest]") {
  using thoth::project::ManifestKind;
  CHECK(thoth::project::manifest_kind_of("proj/Pipfile") == ManifestKind::Pipfile);
  CHECK(thoth::project::manifest_kind_of("pyproject.toml") == ManifestKind::PyProject);
  CHECK(thoth::project::manifest_kind_of("requirements.in") == ManifestKind::Requirements);
  CHECK(thoth::project::manifest_kind_of("reqs/dev.txt") == ManifestKind::Requirements);
  CHECK_FALSE(thoth::project::manifest_kind_of("Pipfile.lock").has_value());
  CHECK_FALSE(thoth::project::manifest_kind_of("setup.py").has_value());
}
