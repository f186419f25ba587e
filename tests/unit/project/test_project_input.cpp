// Unit tests of project/project_input: which roots and constraints a pyproject.toml or a requirements
// file gives for a selection (--extra, --all-extras, --group, --only-group, -c), and the errors for
// selections that name nothing.
#include <catch2/catch.hpp>

#include <fstream>

#include "base/error.hpp"
#include "project/project_input.hpp"
#include "unit/robustness/run_thoth.hpp"

namespace {

using thoth::project::InputSelection;
using thoth::project::ManifestKind;

std::vector<std::string> root_texts(const thoth::project::ProjectInput& input) {
  std::vector<std::string> out;
  for (const auto& root : input.roots) out.push_back(root.requirement.to_string() + " [" + root.section + "]");
  return out;
}

const char* kPyProject = R"([project]
name = "demo"
dependencies = ["flask>=3"]

[project.optional-dependencies]
fast = ["ujson"]
all = ["demo[fast]", "orjson"]

[dependency-groups]
test = ["pytest"]
lint = ["ruff", {include-group = "test"}]
)";

}  // namespace

TEST_CASE("a pyproject selection picks dependencies, extras (also through the project itself) and groups",
          "[project-input]") {
  thoth::testing::ScratchFolder folder("project-input");
  std::ofstream(folder / "pyproject.toml") << kPyProject;
  auto load = [&](const InputSelection& selection) {
    return root_texts(thoth::project::load_project_input(folder / "pyproject.toml", ManifestKind::PyProject, selection));
  };
  CHECK(load({}) == std::vector<std::string>{"flask>=3 [default]"});
  InputSelection all;
  all.extras = {"All"};
  CHECK(load(all) == std::vector<std::string>{"flask>=3 [default]", "orjson [extra:all]", "ujson [extra:fast]"});
  InputSelection every;
  every.all_extras = true;
  CHECK(load(every) == std::vector<std::string>{"flask>=3 [default]", "orjson [extra:all]", "ujson [extra:fast]"});
  InputSelection only;
  only.groups = {"lint"};
  only.no_default = true;
  CHECK(load(only) == std::vector<std::string>{"ruff [group:lint]", "pytest [group:lint]"});
  InputSelection unknown;
  unknown.extras = {"gpu"};
  try {
    (void)load(unknown);
    FAIL("expected an InputError");
  } catch (const thoth::InputError& error) {
    CHECK(std::string(error.what()).find("no optional-dependencies extra `gpu`") != std::string::npos);
    CHECK(error.error().hint == "the optional-dependencies extras declared are: all, fast");
  }
}

TEST_CASE("a requirements file gives its -c lines and -c files as constraints, never as roots", "[project-input]") {
  thoth::testing::ScratchFolder folder("requirements-input");
  std::ofstream(folder / "base.txt") << "urllib3<2\n";
  std::ofstream(folder / "extra.txt") << "idna==3.7\n-c base.txt\n";
  std::ofstream(folder / "requirements.in") << "--pre\n-c base.txt\nrequests>=2.31\n";
  InputSelection selection;
  selection.constraint_files = {folder / "extra.txt"};
  auto input = thoth::project::load_project_input(folder / "requirements.in", ManifestKind::Requirements, selection);
  CHECK(root_texts(input) == std::vector<std::string>{"requests>=2.31 [default]"});
  REQUIRE(input.constraints.size() == 3);
  CHECK(input.constraints[0].origin == (folder / "base.txt").string() + ":1");
  CHECK(input.constraints[1].requirement.to_string() == "idna==3.7");
  CHECK(input.constraints[1].origin == (folder / "extra.txt").string() + ":1");
  CHECK(input.allow_prereleases);
  InputSelection grouped;
  grouped.groups = {"test"};
  CHECK_THROWS_AS(thoth::project::load_project_input(folder / "requirements.in", ManifestKind::Requirements, grouped),
                  thoth::InputError);
}
