// Replays every fuzz regression input (tests/data/fuzz-regressions/<target>/, inputs that once
// crashed a parser) and every hand-made seed (fuzz/seeds/<target>/) through the fuzz target of the
// same name, compiled into this executable. A target aborts on a broken property, so a regression
// fails this test loudly; docs/robustness.md lists the bugs these inputs found.
#include <catch2/catch.hpp>

#include <filesystem>
#include <vector>

#include "base/atomic_file.hpp"
#include "fuzz/fuzz_support.hpp"
#include "support/shared_data.hpp"

namespace fs = std::filesystem;

namespace {

// Replays each file below `root`/<target>/ through that target; returns how many were replayed.
std::size_t replay_folder(const fs::path& root) {
  std::size_t replayed = 0;
  if (!fs::exists(root)) return 0;
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_directory()) folders.push_back(entry.path());
  for (const fs::path& folder : folders) {
    std::string target = folder.filename().string();
    INFO("fuzz target " << target);
    auto found = thoth::fuzz::targets().find(target);
    REQUIRE(found != thoth::fuzz::targets().end());  // a folder must name a target in fuzz/
    for (const auto& input : fs::directory_iterator(folder)) {
      INFO("input " << input.path().filename().string());
      std::string data = thoth::read_file(input.path());
      CHECK(found->second(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()) == 0);
      ++replayed;
    }
  }
  return replayed;
}

}  // namespace

TEST_CASE("every fuzz target in fuzz/ is compiled into the tests", "[robustness][fuzz]") {
  std::size_t sources = 0;
  for (const auto& entry : fs::directory_iterator(thoth::testing::source_dir() / "fuzz")) {
    if (entry.path().extension() != ".cpp") continue;
    ++sources;
    CHECK(thoth::fuzz::targets().count(entry.path().stem().string()) == 1);
  }
  CHECK(thoth::fuzz::targets().size() == sources);
}

TEST_CASE("fuzz regression inputs and hand-made seeds replay without a crash", "[robustness][fuzz]") {
  (void)replay_folder(thoth::testing::source_dir() / "tests/data/fuzz-regressions");
  std::size_t seeds = replay_folder(thoth::testing::source_dir() / "fuzz/seeds");
  CHECK(seeds > 0);
}
