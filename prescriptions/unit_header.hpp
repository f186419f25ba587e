// What every prescription unit has: name, should_include, opaque metadata and where it was written.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "prescriptions/common.hpp"
#include "prescriptions/should_include.hpp"

namespace thoth::prescriptions {

struct UnitHeader {
  std::string name;  // unique within its section list of one file
  ShouldInclude should_include;
  nlohmann::json metadata;  // opaque, ignored by the resolver; null when absent
  SourceLocation source;
};

}  // namespace thoth::prescriptions
