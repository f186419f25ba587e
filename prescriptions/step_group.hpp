// `step.Group`: an order-independent co-installation rule. Upstream expands each group into one step
// per member with the other members as state.resolved_dependencies (thoth.md §1.5 step.Group).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "prescriptions/common.hpp"
#include "prescriptions/unit_header.hpp"

namespace thoth::prescriptions {

struct GroupStepRun : RunCommon {
  std::optional<double> score;
  std::vector<Justification> justification;
  std::optional<std::string> not_acceptable;
  std::optional<std::string> eager_stop_pipeline;
};

struct GroupStepUnit {
  UnitHeader header;
  std::vector<std::vector<PackageVersionMatch>> groups;  // match[].group[].package_version; >= 2 each
  GroupStepRun run;
};

}  // namespace thoth::prescriptions
