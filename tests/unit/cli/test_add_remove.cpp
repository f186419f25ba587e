// End-to-end tests of `thoth add` and `thoth remove` through the built executable: the Pipfile is
// edited in place keeping comments, a failed remove writes nothing, and exit codes follow docs/cli.md.
#include <catch2/catch.hpp>

#include "base/atomic_file.hpp"
#include "unit/robustness/run_thoth.hpp"

using thoth::testing::run_thoth;
using thoth::testing::ScratchFolder;

namespace {

constexpr const char* kPipfile =
    "[[source]]\nname = \"pypi\"\nurl = \"https://pypi.org/simple\"\nverify_ssl = true\n\n"
    "[packages]\n# the web part\nFlask = \"*\"\nrequests = \">=2\"  # pinned by ops\n\n[dev-packages]\npytest = \"*\"\n";

}  // namespace

TEST_CASE("thoth add then thoth remove edit the Pipfile and keep its comments", "[cli][add-remove]") {
  ScratchFolder folder("add-remove");
  auto pipfile = (folder / "Pipfile").string();
  thoth::write_file_atomically(pipfile, kPipfile);

  auto added = run_thoth({"add", "--pipfile", pipfile, "numpy>=1.20"});
  CHECK(added.exit_code == 0);
  auto removed = run_thoth({"remove", "--pipfile", pipfile, "flask", "Requests"});
  INFO(removed.err);
  CHECK(removed.exit_code == 0);
  CHECK(removed.out.find("removed flask from [packages]") != std::string::npos);
  CHECK(thoth::read_file(pipfile) ==
        "[[source]]\nname = \"pypi\"\nurl = \"https://pypi.org/simple\"\nverify_ssl = true\n\n"
        "[packages]\n# the web part\nnumpy = \">=1.20\"\n\n[dev-packages]\npytest = \"*\"\n");

  auto dev = run_thoth({"remove", "--pipfile", pipfile, "--dev", "pytest"});
  CHECK(dev.exit_code == 0);
  CHECK(thoth::read_file(pipfile).find("pytest") == std::string::npos);
}

TEST_CASE("thoth remove of a name not in the category exits 2 and writes nothing", "[cli][add-remove]") {
  ScratchFolder folder("remove-missing");
  auto pipfile = (folder / "Pipfile").string();
  thoth::write_file_atomically(pipfile, kPipfile);
  auto run = run_thoth({"remove", "--pipfile", pipfile, "flask", "pytest"});  // pytest is a dev-package
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("no entry for pytest in [packages]") != std::string::npos);
  CHECK(thoth::read_file(pipfile) == kPipfile);

  auto no_file = run_thoth({"remove", "--pipfile", (folder / "absent").string(), "flask"});
  CHECK(no_file.exit_code == 2);
  CHECK(no_file.err.find("no Pipfile to edit") != std::string::npos);
}
