// `boot` units: run once before resolution (thoth.md §1.5 Boot). With match entries the boot runs
// only when one of the named packages is a direct dependency; without, it always runs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "prescriptions/common.hpp"
#include "prescriptions/unit_header.hpp"

namespace thoth::prescriptions {

struct BootMatch {
  std::optional<std::string> package_name;  // nullopt: `{}` (any package)
};

struct BootRun : RunCommon {
  std::optional<std::string> not_acceptable;       // fails the whole advise (CannotProduceStack)
  std::optional<std::string> eager_stop_pipeline;  // stops resolution early
};

struct BootUnit {
  UnitHeader header;
  std::vector<BootMatch> match;  // empty: always runs
  BootRun run;
};

}  // namespace thoth::prescriptions
