// The real Thoth prescriptions repository (shared data) loads with 0 errors and exactly the unit
// counts of thoth.md §1.7; the §1.8 quirks come out as warnings.
#include <catch2/catch.hpp>

#include <map>

#include "prescriptions/loader.hpp"
#include "support/shared_data.hpp"

namespace rx = thoth::prescriptions;

TEST_CASE("The whole Thoth prescriptions repository validates with the documented counts", "[prescriptions][repository]") {
  auto dir = thoth::testing::shared_path("data/thoth-prescriptions", "the prescriptions repository test");
  if (!dir) return;
  rx::LoadResult result = rx::load_prescriptions({*dir});
  for (std::size_t i = 0; i < std::min<std::size_t>(result.errors.size(), 5); ++i) INFO(result.errors[i].to_string());
  CHECK(result.errors.empty());
  CHECK(result.files == 65091);
  CHECK(result.units.size() == 90611);
  std::map<rx::UnitType, std::size_t> types;
  std::map<rx::Section, std::size_t> sections;
  for (const auto& unit : result.units) {
    ++types[rx::unit_type(unit)];
    ++sections[rx::section_of(rx::unit_type(unit))];
  }
  CHECK(types[rx::UnitType::Wrap] == 83041);
  CHECK(types[rx::UnitType::GHReleaseNotesWrap] == 3978);
  CHECK(types[rx::UnitType::Boot] == 3502);
  CHECK(types[rx::UnitType::Sieve] == 50);
  CHECK(types[rx::UnitType::SkipPackageSieve] == 5);
  CHECK(types[rx::UnitType::Step] == 20);
  CHECK(types[rx::UnitType::GroupStep] == 12);
  CHECK(types[rx::UnitType::SkipPackageStep] == 1);
  CHECK(types[rx::UnitType::AddPackageStep] == 0);
  CHECK(types[rx::UnitType::Pseudonym] == 2);
  CHECK(types[rx::UnitType::Stride] == 0);
  CHECK(sections[rx::Section::Wraps] == 87019);
  CHECK(sections[rx::Section::Sieves] == 55);
  CHECK(sections[rx::Section::Steps] == 33);
  REQUIRE(result.metadata.size() == 1);
  CHECK(result.metadata[0].name == "thoth");

  std::map<rx::WarningKind, std::size_t> warnings;
  for (const auto& warning : result.warnings) ++warnings[warning.kind];
  // thoth.md §1.8 counts 13 in tf_cuda/tf_cudnn; each of the 14 we find there is a real empty
  // conjunction (7 per file), and jinja2's `>46,==3.0,...` is one more.
  CHECK(warnings[rx::WarningKind::UnsatisfiableSpecifier] == 15);
  CHECK(warnings[rx::WarningKind::NeverRegisters] == 8);     // the `_indexes` sieves
  CHECK(warnings[rx::WarningKind::InvalidJsonPatch] == 2);   // torch and intel-tensorflow `op: "add,"`
  CHECK(warnings[rx::WarningKind::LegacySpecifier] == 7);    // `==git-unknown` and friends
  CHECK(result.warnings.size() == 32);
}

TEST_CASE("The prescription store loads only the folders asked for", "[prescriptions][repository]") {
  auto dir = thoth::testing::shared_path("data/thoth-prescriptions", "the prescription store test");
  if (!dir) return;
  auto store = rx::PrescriptionStore::open({*dir});
  // thoth.md §1.7 counts 5,664 package directories; 12 names have two (`b4/` and `b2_/b4/`,
  // `ey_/ezdxf/` and `ez_/ezdxf/`, ...), and the store merges them.
  CHECK(store.package_names().size() == 5652);
  CHECK(store.has_package("flask"));
  CHECK(store.has_package("av"));  // short names live directly under prescriptions/
  CHECK_FALSE(store.has_package("no-such-package"));
  const auto& tensorflow = store.units_for_package("tensorflow");
  bool has_group = false;
  for (const auto& unit : tensorflow) has_group = has_group || rx::unit_type(unit) == rx::UnitType::GroupStep;
  CHECK(has_group);
  CHECK(store.units_for_package("no-such-package").empty());
  CHECK(store.generic_units().size() == 6972);  // _aicoe 7, _containers 6916, _generic 17, _indexes 8, ...
  CHECK(store.errors().empty());
  CHECK(rx::package_folder("flask") == std::filesystem::path("fl_/flask"));
  CHECK(rx::package_folder("av") == std::filesystem::path("av"));
}
