// `pseudonym` units: offer an alternative package (name and/or version) for a matched package
// (thoth.md §1.5 Pseudonym).
#pragma once

#include <vector>

#include "prescriptions/common.hpp"
#include "prescriptions/unit_header.hpp"

namespace thoth::prescriptions {

struct PseudonymRun : RunCommon {
  bool yield_matched_version = false;  // excludes yielded.locked_version
  LockedPackageVersion yielded;        // run.yield.package_version; name required
};

struct PseudonymUnit {
  UnitHeader header;
  std::vector<PackageVersionMatch> match;  // match[].package_version; name required; one instance each
  PseudonymRun run;
};

}  // namespace thoth::prescriptions
