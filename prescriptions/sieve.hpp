// `sieve` units remove every candidate release matching a package_version (state-independent;
// specifiers match with prereleases=True); `sieve.SkipPackage` removes a package and its whole
// dependency subgraph (thoth.md §1.5 Sieve).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "prescriptions/common.hpp"
#include "prescriptions/unit_header.hpp"

namespace thoth::prescriptions {

struct SieveUnit {
  UnitHeader header;
  std::vector<PackageVersionMatch> match;  // match[].package_version; one instance per entry
  RunCommon run;                           // emitted once, when something is first removed
};

struct SkipPackageSieveUnit {
  UnitHeader header;
  std::vector<std::string> package_names;  // match[].package_name
  RunCommon run;
};

}  // namespace thoth::prescriptions
