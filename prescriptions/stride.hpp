// `stride` units run on a complete candidate stack and may discard it (thoth.md §1.5 Stride).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "prescriptions/common.hpp"
#include "prescriptions/unit_header.hpp"

namespace thoth::prescriptions {

struct StrideRun : RunCommon {
  std::optional<std::string> not_acceptable;  // discards this final stack
  std::optional<std::string> eager_stop_pipeline;
};

struct StrideUnit {
  UnitHeader header;
  std::vector<StateMatch> match;  // match[].state.resolved_dependencies (required)
  StrideRun run;
};

}  // namespace thoth::prescriptions
