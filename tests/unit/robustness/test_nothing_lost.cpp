// Issue 8, point 4: an existing Pipfile.lock survives every failure byte for byte (bad input, an
// unsatisfiable request, a full disk, a kill in the middle of writing), and two thoth processes
// locking the same project at once leave one complete lock. Runs the built `thoth` executable.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "base/atomic_file.hpp"
#include "support/shared_data.hpp"
#include "unit/robustness/run_thoth.hpp"

namespace fs = std::filesystem;
using thoth::testing::ChildOptions;
using thoth::testing::run_thoth;
using thoth::testing::ScratchFolder;

namespace {

const std::string kOriginalLock = "{\n    \"_meta\": {\"note\": \"the user's lock, must survive\"}\n}\n";

// A project folder: the example Pipfile, the bundled index, and a pre-existing lock.
struct Project {
  ScratchFolder folder{"nothing-lost"};
  fs::path pipfile = folder / "Pipfile";
  fs::path lock = folder / "Pipfile.lock";
  fs::path index = thoth::testing::source_dir() / "fixtures/index/pypi-sample.json";

  Project() {
    fs::copy_file(thoth::testing::source_dir() / "examples/Pipfile", pipfile);
    thoth::write_file_atomically(lock, kOriginalLock);
  }
  [[nodiscard]] std::vector<std::string> advise(std::vector<std::string> extra = {}) const {
    std::vector<std::string> arguments{"advise", "--pipfile", pipfile.string(), "--index", index.string()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return arguments;
  }
  [[nodiscard]] std::string lock_text() const { return thoth::read_file(lock); }
  // Files other than Pipfile and Pipfile.lock (temporary files left behind).
  [[nodiscard]] std::vector<std::string> stray_files() const {
    std::vector<std::string> stray;
    for (const auto& entry : fs::directory_iterator(folder.path())) {
      std::string name = entry.path().filename().string();
      if (name != "Pipfile" && name != "Pipfile.lock") stray.push_back(name);
    }
    return stray;
  }
};

// The lock a successful run writes for the project (computed once, in its own folder).
const std::string& reference_lock() {
  static const std::string text = [] {
    Project project;
    auto run = run_thoth(project.advise());
    REQUIRE(run.exit_code == 0);
    return project.lock_text();
  }();
  return text;
}

}  // namespace

TEST_CASE("a bad Pipfile leaves the existing lock byte for byte", "[robustness][nothing-lost]") {
  Project project;
  std::ofstream(project.pipfile) << "[packages]\nrequests = \n";
  auto run = run_thoth(project.advise());
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("error: " + project.pipfile.string() + ":2:") != std::string::npos);
  CHECK(project.lock_text() == kOriginalLock);
}

TEST_CASE("a bad index leaves the existing lock byte for byte", "[robustness][nothing-lost]") {
  Project project;
  fs::path index = project.folder / "index.json";
  std::ofstream(index) << "{\"numpy\": {\"1.0\": ";
  auto arguments = project.advise();
  arguments[4] = index.string();
  auto run = run_thoth(arguments);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("error: " + index.string()) != std::string::npos);
  CHECK(project.lock_text() == kOriginalLock);
}

TEST_CASE("an unsatisfiable request leaves the existing lock byte for byte", "[robustness][nothing-lost]") {
  Project project;
  std::ofstream(project.pipfile) << "[packages]\nnumpy = \"<0.1\"\n";
  auto run = run_thoth(project.advise());
  CHECK(run.exit_code == 1);
  CHECK(project.lock_text() == kOriginalLock);
}

TEST_CASE("a full disk while writing leaves the existing lock byte for byte and no temporary file",
          "[robustness][nothing-lost]") {
  Project project;
  REQUIRE(reference_lock().size() > 100);
  ChildOptions full_disk;
  full_disk.max_file_bytes = 100;  // write() fails with EFBIG after 100 bytes, as on a full disk
  auto run = run_thoth(project.advise(), full_disk);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("cannot write the file") != std::string::npos);
  CHECK(run.err.find("it was left unchanged") != std::string::npos);
  CHECK(project.lock_text() == kOriginalLock);
  CHECK(project.stray_files().empty());
}

TEST_CASE("a process killed in the middle of writing the lock leaves it byte for byte",
          "[robustness][nothing-lost]") {
  Project project;
  for (rlim_t cut : {rlim_t{1}, rlim_t{100}, rlim_t{reference_lock().size() / 2}, rlim_t{reference_lock().size() - 1}}) {
    ChildOptions killed_mid_write;
    killed_mid_write.max_file_bytes = cut;            // the kernel kills it with SIGXFSZ exactly
    killed_mid_write.ignore_file_size_signal = false;  // when a write() crosses `cut` bytes
    auto run = run_thoth(project.advise(), killed_mid_write);
    INFO("killed after " << cut << " bytes");
    CHECK(run.signal == SIGXFSZ);
    CHECK(project.lock_text() == kOriginalLock);
  }
}

TEST_CASE("a process killed at any moment leaves either the old lock or the complete new one",
          "[robustness][nothing-lost]") {
  Project project;
  auto started = std::chrono::steady_clock::now();
  (void)run_thoth(project.advise());
  auto full_run = std::chrono::steady_clock::now() - started;
  constexpr int kKills = 12;
  for (int i = 0; i <= kKills; ++i) {
    thoth::write_file_atomically(project.lock, kOriginalLock);
    thoth::testing::Child child(project.advise());
    std::this_thread::sleep_for(full_run * i / kKills);
    child.kill(SIGKILL);
    (void)child.wait();
    std::string lock = project.lock_text();
    INFO("killed at " << i << "/" << kKills << " of a run");
    CHECK((lock == kOriginalLock || lock == reference_lock()));
  }
}

TEST_CASE("two processes locking the same project at once leave one complete lock", "[robustness][nothing-lost]") {
  Project project;
  // Two different requests for the same project: the lock must be exactly one of their answers.
  Project other;
  std::ofstream(other.pipfile) << "[packages]\nflask = \"*\"\n";
  auto other_reference = run_thoth(other.advise());
  REQUIRE(other_reference.exit_code == 0);
  std::string other_lock = other.lock_text();
  REQUIRE(other_lock != reference_lock());
  fs::create_directories(project.folder / "other");
  fs::copy_file(other.pipfile, project.folder / "other/Pipfile");
  for (int round = 0; round < 3; ++round) {
    auto second_arguments = project.advise();
    second_arguments[2] = (project.folder / "other/Pipfile").string();
    second_arguments.insert(second_arguments.end(), {"--lockfile", project.lock.string()});
    thoth::testing::Child first(project.advise());
    thoth::testing::Child second(second_arguments);
    auto first_done = first.wait();
    auto second_done = second.wait();
    CHECK(first_done.exit_code == 0);
    CHECK(second_done.exit_code == 0);
    std::string lock = project.lock_text();
    CHECK((lock == reference_lock() || lock == other_lock));
  }
}

TEST_CASE("thoth config never replaces a .thoth.yaml with one that does not read back", "[robustness][nothing-lost]") {
  // An input found by fuzzing: the text-preserving merge wrote YAML that yaml-cpp read differently,
  // because of a carriage return alone. Such a file is now refused when read (a CR alone is a line
  // end to PyYAML but content to yaml-cpp); config_command's read-back check stays as the last guard.
  ScratchFolder folder("config-kept");
  fs::path file = folder / ".thoth.yaml";
  std::string original =
      thoth::read_file(thoth::testing::source_dir() / "tests/data/robustness/thoth-config-merge-does-not-read-back.yaml");
  thoth::write_file_atomically(file, original);
  fs::create_directories(folder / "root");
  auto run = run_thoth({"config", "--file", file.string(), "--root", (folder / "root").string()});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find(file.string() + ":11:196: expected LF or CRLF line ends, found a carriage return alone") != std::string::npos);
  CHECK(thoth::read_file(file) == original);
}

TEST_CASE("thoth config refuses a merge that would not read back and leaves the file as it was", "[robustness][nothing-lost]") {
  // Found by fuzzing: two keys that yaml-cpp tells apart only by an explicit tag (`? >` and `!`),
  // which the style-preserving writer prints as two equal keys `""`.
  ScratchFolder folder("config-merge-refused");
  fs::path file = folder / ".thoth.yaml";
  std::string original = thoth::read_file(thoth::testing::source_dir() /
                                          "tests/data/fuzz-regressions/thoth_config/two-empty-keys-differing-by-tag");
  thoth::write_file_atomically(file, original);
  fs::create_directories(folder / "root");
  auto run = run_thoth({"config", "--file", file.string(), "--root", (folder / "root").string()});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find(file.string() + ": merging would write a file that does not read back") != std::string::npos);
  CHECK(thoth::read_file(file) == original);
}
