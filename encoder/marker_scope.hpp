// Which requirements apply in the target environment (internal to encoder/): PEP 508 markers
// evaluated against the target's marker environment, with `extra` set for a release's optional
// requirements. Results are memoised per (marker tree, extra): the releases of a project share the
// trees of repeated requirement texts (index/), so most evaluations are lookups. Used by both
// universe builders (universe.cpp, newest_universe.cpp), which must agree on it exactly.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "env/environment.hpp"
#include "packaging/marker.hpp"
#include "packaging/requirement.hpp"

namespace thoth::encoder {

class MarkerScope {
 public:
  explicit MarkerScope(const env::TargetEnvironment& environment);

  // Does the requirement's marker hold with `extra` ("" = no extra requested)? A comparison the
  // marker cannot make counts as "does not hold".
  bool holds(const packaging::Requirement& requirement, const std::string& extra);
  // Does the requirement apply to a release's `extra` ("" = its unconditional requirements)? An
  // optional requirement is one that holds with the extra and not without it.
  bool applies(const packaging::Requirement& requirement, const std::string& extra);

 private:
  const packaging::MarkerEnvironment& environment_for(const std::string& extra);

  std::shared_ptr<const packaging::MarkerEnvironment> m_base;
  std::map<std::string, packaging::MarkerEnvironment> m_with_extra;
  std::map<std::pair<const void*, std::string>, bool> m_memo;  // (marker identity, extra) -> holds
};

}  // namespace thoth::encoder
