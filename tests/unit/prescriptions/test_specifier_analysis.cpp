// explain_never_matches: empty conjunctions are found from the version order, not from the text.
#include <catch2/catch.hpp>

#include "prescriptions/specifier_analysis.hpp"

namespace rx = thoth::prescriptions;
using thoth::packaging::SpecifierSet;

namespace {

bool never(const char* text) { return rx::explain_never_matches(*SpecifierSet::parse(text)).has_value(); }

}  // namespace

TEST_CASE("Conjunctions that no version satisfies are found", "[prescriptions][specifier_analysis]") {
  CHECK(never("<1.0,>1.4"));
  CHECK(never(">2.0.0,<2.0.0"));
  CHECK(never("<2.3,>2.3"));
  CHECK(never(">46,==3.0"));
  CHECK(never("==1.0,!=1.0"));
  CHECK(never("~=2.2,<2.0"));
  CHECK(never("==1.4.*,>=1.5"));
  CHECK(never("==1.0,>1.0"));        // `>1.0` excludes 1.0+local too
  CHECK(never(">=1.0,<=1.0,!=1.0"));
  CHECK(never("==2.*,!=2.*"));
  CHECK(never("<=1.0,>1.0"));  // <=1.0 admits 1.0+local, but >1.0 excludes it
}

TEST_CASE("Satisfiable conjunctions are not reported", "[prescriptions][specifier_analysis]") {
  CHECK_FALSE(never(""));
  CHECK_FALSE(never(">=1.0,<=1.0"));
  CHECK_FALSE(never("==1.0,==1.0+abc"));  // 1.0+abc matches both
  CHECK_FALSE(never("<=1.0,>=1.0"));
  CHECK_FALSE(never("~=2.2,<3"));
  CHECK_FALSE(never("==1.4.*,>=1.4.99"));
  CHECK_FALSE(never(">1.0,<1.1"));
  CHECK_FALSE(never("!=1.0"));
  CHECK_FALSE(never("===foo,>1"));
}
