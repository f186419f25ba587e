// Issue 8, point 6: the same inputs give byte-identical locks and JSON across runs. Runs the built
// `thoth` twice on the example project, on every fixture scenario and on the real PyPI snapshots in
// ../shared, and compares the bytes (with only the timing fields, which --json documents as
// varying, removed).
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "base/atomic_file.hpp"
#include "support/shared_data.hpp"
#include "unit/robustness/run_thoth.hpp"

namespace fs = std::filesystem;
using thoth::testing::run_thoth;
using thoth::testing::ScratchFolder;

namespace {

// Removes the members that measure time ("timings", "milliseconds"), at any depth.
void drop_timings(nlohmann::json& value) {
  if (value.is_object()) {
    value.erase("timings");
    value.erase("milliseconds");
    for (auto& [key, member] : value.items()) drop_timings(member);
  } else if (value.is_array()) {
    for (auto& item : value) drop_timings(item);
  }
}

// Runs thoth with `arguments` and returns stdout as JSON without timings, after checking the exit.
std::string json_without_timings(const std::vector<std::string>& arguments, int expected_exit) {
  auto run = run_thoth(arguments);
  INFO(run.err);
  REQUIRE(run.exit_code == expected_exit);
  auto document = nlohmann::json::parse(run.out);
  drop_timings(document);
  return document.dump(1);
}

}  // namespace

TEST_CASE("the example project locks to the same bytes twice, text and JSON", "[robustness][determinism]") {
  ScratchFolder folder("determinism");
  fs::copy_file(thoth::testing::source_dir() / "examples/Pipfile", folder / "Pipfile");
  std::string index = (thoth::testing::source_dir() / "fixtures/index/pypi-sample.json").string();
  std::vector<std::string> lock_command{"advise", "--pipfile", (folder / "Pipfile").string(), "--index", index};
  std::vector<std::string> locks;
  for (int run = 0; run < 2; ++run) {
    REQUIRE(run_thoth(lock_command).exit_code == 0);
    locks.push_back(thoth::read_file(folder / "Pipfile.lock"));
  }
  CHECK(locks[0] == locks[1]);
  auto json_command = lock_command;
  json_command.insert(json_command.end(), {"--json", "--dry-run"});
  CHECK(json_without_timings(json_command, 0) == json_without_timings(json_command, 0));
}

TEST_CASE("every fixture scenario gives the same JSON report twice", "[robustness][determinism]") {
  std::vector<std::string> command{"fixtures", "run", "--json",
                                   (thoth::testing::source_dir() / "fixtures/scenarios").string()};
  std::string first = json_without_timings(command, 0);
  CHECK(first.size() > 1000);  // every scenario is in it
  CHECK(first == json_without_timings(command, 0));
}

TEST_CASE("each real PyPI snapshot resolves to the same JSON twice", "[robustness][determinism][shared]") {
  auto folder = thoth::testing::shared_path("data/pypi-snapshots", "the PyPI snapshots");
  if (!folder) return;
  // Each snapshot's root project is in its file name (pypi-2020-02-13-chalice.json -> chalice).
  for (const auto& entry : fs::directory_iterator(*folder)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".json" || name.find(".environment.") != std::string::npos) continue;
    std::string root = entry.path().stem().string().substr(std::string("pypi-2020-02-13-").size());
    if (auto dash = root.find('-'); dash != std::string::npos) root = root.substr(0, dash);  // virtualenv-six
    INFO(name << ", root " << root);
    std::vector<std::string> command{"advise", "--index", entry.path().string(), "--requirement", root,
                                     "--python-version", "3.8", "--json", "--dry-run"};
    auto first = run_thoth(command);
    auto second = run_thoth(command);
    REQUIRE(first.exit_code == second.exit_code);
    auto a = nlohmann::json::parse(first.out), b = nlohmann::json::parse(second.out);
    drop_timings(a);
    drop_timings(b);
    CHECK(a.dump(1) == b.dump(1));
  }
}
