// `step` units run when a package version is about to join a partial resolution: they score,
// justify or forbid that transition. `step.SkipPackage` drops the package instead, and
// `step.AddPackage` injects one (thoth.md §1.5 Step).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "prescriptions/common.hpp"
#include "prescriptions/unit_header.hpp"

namespace thoth::prescriptions {

// match entry shared by step, step.SkipPackage and step.AddPackage.
struct StepMatch {
  PackageVersionMatch package_version;
  std::optional<StateMatch> state;
};

struct StepRun : RunCommon {
  std::optional<double> score;  // upstream clamps to [-1, 1]
  std::vector<Justification> justification;
  std::optional<std::string> not_acceptable;  // forbids the transition
  std::optional<std::string> eager_stop_pipeline;
  bool multi_package_resolution = false;  // re-run even when the package is already resolved
};

struct StepUnit {
  UnitHeader header;
  std::vector<StepMatch> match;
  StepRun run;
};

struct SkipPackageStepRun : RunCommon {
  bool multi_package_resolution = false;
};

struct SkipPackageStepUnit {
  UnitHeader header;
  std::vector<StepMatch> match;  // upstream accepts a single mapping only: exactly one entry
  SkipPackageStepRun run;
};

struct AddPackageStepRun : RunCommon {
  LockedPackageVersion package_version;  // name, locked_version, index_url, develop all required
  bool multi_package_resolution = false;
};

struct AddPackageStepUnit {
  UnitHeader header;
  std::vector<StepMatch> match;
  AddPackageStepRun run;
};

}  // namespace thoth::prescriptions
