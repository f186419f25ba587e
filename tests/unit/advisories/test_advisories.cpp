// The advisory model: OSV parsing, version matching by explicit lists and ECOSYSTEM ranges in PEP 440
// order (introduced / fixed / last_affected / limit), withdrawn records, non-PEP 440 strings, first
// fixed versions, and the load counts of the real PyPA database (skipped without ../shared).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "advisories/advisory.hpp"
#include "support/shared_data.hpp"

namespace {

using nlohmann::json;
using thoth::advisories::AdvisoryDatabase;
using thoth::advisories::advisories_from_json;

json record(const std::string& id, json events, json versions = json::array(), std::string name = "Demo_Pkg") {
  return {{"id", id},
          {"aliases", {"CVE-2099-0001"}},
          {"details", "Something bad. More text."},
          {"affected", {{{"package", {{"name", name}, {"ecosystem", "PyPI"}}},
                         {"ranges", {{{"type", "ECOSYSTEM"}, {"events", events}}}},
                         {"versions", versions}}}}};
}

std::vector<std::string> ids(const AdvisoryDatabase& db, const std::string& name, const std::string& version) {
  std::vector<std::string> out;
  for (const auto* advisory : db.affecting(name, version)) out.push_back(advisory->id);
  return out;
}

}  // namespace

TEST_CASE("ECOSYSTEM ranges: introduced inclusive, fixed exclusive, in PEP 440 order", "[advisories]") {
  AdvisoryDatabase db = advisories_from_json(
      json::array({record("A-1", {{{"introduced", "0"}}, {{"fixed", "1.10"}}, {{"introduced", "2.0"}}, {{"fixed", "2.0.5"}}})}),
      "inline");
  CHECK(ids(db, "demo-pkg", "0.1") == std::vector<std::string>{"A-1"});
  CHECK(ids(db, "demo-pkg", "1.9") == std::vector<std::string>{"A-1"});    // 1.9 < 1.10 in PEP 440, not as text
  CHECK(ids(db, "demo-pkg", "1.10").empty());
  CHECK(ids(db, "demo-pkg", "1.10.0").empty());                            // equal to 1.10
  CHECK(ids(db, "demo-pkg", "1.11").empty());
  CHECK(ids(db, "DEMO.pkg", "2.0") == std::vector<std::string>{"A-1"});    // any spelling of the name
  CHECK(ids(db, "demo-pkg", "2.0.5rc1") == std::vector<std::string>{"A-1"});
  CHECK(ids(db, "demo-pkg", "2.0.5").empty());
  CHECK(ids(db, "other", "0.1").empty());
}

TEST_CASE("last_affected is inclusive and limit is exclusive", "[advisories]") {
  AdvisoryDatabase db = advisories_from_json(
      json::array({record("B-1", {{{"introduced", "1.0"}}, {{"last_affected", "1.4"}}}),
                   record("B-2", {{{"introduced", "3.0"}}, {{"limit", "3.2"}}})}),
      "inline");
  CHECK(ids(db, "demo-pkg", "0.9").empty());
  CHECK(ids(db, "demo-pkg", "1.4") == std::vector<std::string>{"B-1"});
  CHECK(ids(db, "demo-pkg", "1.4.post1").empty());
  CHECK(ids(db, "demo-pkg", "3.1.9") == std::vector<std::string>{"B-2"});
  CHECK(ids(db, "demo-pkg", "3.2").empty());
}

TEST_CASE("explicit versions lists match, including strings that are not PEP 440", "[advisories]") {
  AdvisoryDatabase db = advisories_from_json(
      json::array({record("C-1", json::array(), {"1.0", "1.1.0", "2004-weird"})}), "inline");
  CHECK(ids(db, "demo-pkg", "1.0.0") == std::vector<std::string>{"C-1"});  // equal as PEP 440
  CHECK(ids(db, "demo-pkg", "1.1") == std::vector<std::string>{"C-1"});
  CHECK(ids(db, "demo-pkg", "2004-weird") == std::vector<std::string>{"C-1"});
  CHECK(ids(db, "demo-pkg", "1.2").empty());
  CHECK(db.statistics.non_pep440_versions == 1);
}

TEST_CASE("a range with a non-PEP 440 event is unusable, counted, and the list still applies", "[advisories]") {
  AdvisoryDatabase db = advisories_from_json(
      json::array({record("D-1", {{{"introduced", "0"}}, {{"fixed", "not a version!"}}}, {"0.5"})}), "inline");
  CHECK(db.statistics.unusable_ranges == 1);
  CHECK(db.statistics.non_pep440_versions == 1);
  CHECK(ids(db, "demo-pkg", "0.5") == std::vector<std::string>{"D-1"});
  CHECK(ids(db, "demo-pkg", "0.6").empty());
}

TEST_CASE("withdrawn records and records without a PyPI entry are skipped and counted", "[advisories]") {
  json withdrawn = record("E-1", {{{"introduced", "0"}}});
  withdrawn["withdrawn"] = "2022-01-01T00:00:00Z";
  json npm = record("E-2", {{{"introduced", "0"}}});
  npm["affected"][0]["package"]["ecosystem"] = "npm";
  AdvisoryDatabase db = advisories_from_json(json::array({withdrawn, npm, record("E-3", {{{"introduced", "0"}}})}), "inline");
  CHECK(db.statistics.files == 3);
  CHECK(db.statistics.withdrawn == 1);
  CHECK(db.statistics.not_pypi == 1);
  CHECK(db.statistics.records == 1);
  CHECK(ids(db, "demo-pkg", "1.0") == std::vector<std::string>{"E-3"});
}

TEST_CASE("first fixed version, aliases, link and headline", "[advisories]") {
  AdvisoryDatabase db = advisories_from_json(
      json::array({record("F-1", {{{"introduced", "0"}}, {{"fixed", "1.2"}}, {{"introduced", "2.0"}}, {{"fixed", "2.3"}}})}),
      "inline");
  const auto* advisory = db.find("F-1");
  REQUIRE(advisory != nullptr);
  CHECK(advisory->first_fixed("demo-pkg", *thoth::packaging::Version::parse("2.1")) == "2.3");
  CHECK(advisory->first_fixed("demo-pkg", *thoth::packaging::Version::parse("1.0")) == "1.2");
  CHECK(advisory->first_fixed("demo-pkg", *thoth::packaging::Version::parse("3.0")).empty());
  CHECK(advisory->aliases == std::vector<std::string>{"CVE-2099-0001"});
  CHECK(advisory->link() == "https://osv.dev/vulnerability/F-1");
  CHECK(advisory->headline() == "Something bad.");
}

TEST_CASE("a record without an id is an error naming its origin", "[advisories]") {
  json bad = record("", json::array());
  bad.erase("id");
  CHECK_THROWS_WITH(advisories_from_json(json::array({bad}), "here.yaml"),
                    Catch::Contains("here.yaml [0]") && Catch::Contains("expected an `id`"));
  CHECK_THROWS_WITH(thoth::advisories::load_advisory_folder("no/such/folder"), Catch::Contains("no/such/folder"));
}

TEST_CASE("the real PyPA advisory database loads with its documented counts", "[advisories][shared]") {
  auto folder = thoth::testing::shared_path("data/advisory-db", "the PyPA advisory database");
  if (!folder) return;
  AdvisoryDatabase db = thoth::advisories::load_advisory_folder(*folder);
  CHECK(db.statistics.files == 3119);
  CHECK(db.statistics.withdrawn + db.statistics.records + db.statistics.not_pypi == 3119);
  CHECK(db.statistics.withdrawn == 225);
  CHECK(db.statistics.records == 2894);
  CHECK(db.statistics.non_pep440_versions == 111);
  // PYSEC-2014-10 (pillow): fixed in 2.3.2 and 2.5.2, `versions` lists 1.0 .. 2.5.1.
  auto pillow = [&](const std::string& v) {
    std::vector<std::string> found;
    for (const auto* a : db.affecting("Pillow", v)) found.push_back(a->id);
    return std::find(found.begin(), found.end(), "PYSEC-2014-10") != found.end();
  };
  CHECK(pillow("2.3.1"));
  CHECK(pillow("2.5.1"));
  CHECK_FALSE(pillow("2.3.2"));
  CHECK_FALSE(pillow("2.5.2"));
}
