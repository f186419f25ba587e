// The seed demo of the advisories issue on the bundled example, end to end through the built `thoth`
// with the real PyPA advisory database: `thoth add 'pillow==8.0.0'` then `thoth advise` reports pillow
// 8.0.0's advisories (WARNING, id, CVE alias, first fixed version); with `pillow = "*"` and
// `-t security` the lock holds a pillow with no known advisory.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "base/atomic_file.hpp"
#include "support/shared_data.hpp"
#include "unit/robustness/run_thoth.hpp"

using thoth::testing::run_thoth;
using thoth::testing::ScratchFolder;

namespace {

std::vector<nlohmann::json> warnings_for(const nlohmann::json& result, const std::string& package) {
  std::vector<nlohmann::json> out;
  for (const auto& j : result.at("justifications"))
    if (j.value("package", "") == package && j.value("type", "") == "WARNING") out.push_back(j);
  return out;
}

}  // namespace

TEST_CASE("seed demo: add pillow==8.0.0 and advise reports its advisories, security locks a clean pillow", "[cli][advisories][shared]") {
  auto database = thoth::testing::shared_path("data/advisory-db/vulns", "the seed demo with the real advisory database");
  if (!database) return;
  ScratchFolder folder("seed-demo");
  auto pipfile = (folder / "Pipfile").string();
  thoth::write_file_atomically(pipfile, thoth::read_file(thoth::testing::source_dir() / "examples/Pipfile"));
  const std::string index = (thoth::testing::source_dir() / "fixtures/index/pypi-sample.json").string();
  auto advise = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"advise", "--pipfile", pipfile, "--index", index, "--advisories", database->string(),
                                  "--json", "--dry-run"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto run = run_thoth(args);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    return nlohmann::json::parse(run.out);
  };

  REQUIRE(run_thoth({"add", "--pipfile", pipfile, "pillow==8.0.0"}).exit_code == 0);
  nlohmann::json pinned = advise({});
  CHECK(pinned.at("pins").at("pillow").get<std::string>() == "8.0.0");
  auto warnings = warnings_for(pinned, "pillow");
  REQUIRE(warnings.size() >= 2);
  std::string all;
  for (const auto& w : warnings) all += w.at("message").get<std::string>() + "\n";
  CHECK(all.find("PYSEC-2021-137 (CVE-2021-25287") != std::string::npos);
  CHECK(all.find("PYSEC-2021-35 (CVE-2021-25289") != std::string::npos);
  CHECK(all.find("first fixed in 8.2.0") != std::string::npos);

  REQUIRE(run_thoth({"add", "--pipfile", pipfile, "pillow"}).exit_code == 0);  // pillow = "*"
  nlohmann::json secure = advise({"-t", "security"});
  std::string clean = secure.at("pins").at("pillow").get<std::string>();
  CHECK(clean != "8.0.0");
  CHECK(clean != "9.5.0");  // 9.5.0 has PYSEC-2023-175 and PYSEC-2023-227
  CHECK(warnings_for(secure, "pillow").empty());
}
