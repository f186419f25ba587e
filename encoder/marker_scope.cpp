// Marker evaluation for the universe builders; see marker_scope.hpp.
#include "encoder/marker_scope.hpp"

#include <optional>

namespace thoth::encoder {
namespace {

// The marker environment of `environment`: the one built last when the environment is equal, else a
// new one. Per thread, like the tag table (artifacts.cpp); building it is a map of a dozen strings,
// a visible part of a small request.
std::shared_ptr<const packaging::MarkerEnvironment> marker_environment_for(const env::TargetEnvironment& environment) {
  thread_local std::optional<env::TargetEnvironment> last_environment;
  thread_local std::shared_ptr<const packaging::MarkerEnvironment> last;
  if (last && last_environment == environment) return last;
  last = std::make_shared<const packaging::MarkerEnvironment>(environment.marker_environment());
  last_environment = environment;
  return last;
}

}  // namespace

MarkerScope::MarkerScope(const env::TargetEnvironment& environment) : m_base(marker_environment_for(environment)) {}

const packaging::MarkerEnvironment& MarkerScope::environment_for(const std::string& extra) {
  if (extra.empty() && !m_base->contains("extra")) return *m_base;  // no "extra" reads as ""
  auto it = m_with_extra.find(extra);
  if (it != m_with_extra.end()) return it->second;
  packaging::MarkerEnvironment environment = *m_base;
  environment["extra"] = extra;
  return m_with_extra.emplace(extra, std::move(environment)).first->second;
}

bool MarkerScope::holds(const packaging::Requirement& requirement, const std::string& extra) {
  if (!requirement.marker) return true;
  auto key = std::make_pair(requirement.marker->identity(), extra);
  if (auto known = m_memo.find(key); known != m_memo.end()) return known->second;
  auto result = requirement.marker->evaluate(environment_for(extra));
  bool holds = result.has_value() && *result;
  m_memo.emplace(std::move(key), holds);
  return holds;
}

bool MarkerScope::applies(const packaging::Requirement& requirement, const std::string& extra) {
  if (extra.empty()) return holds(requirement, "");
  if (!requirement.marker || !requirement.marker->mentions_extra()) return false;
  return holds(requirement, extra) && !holds(requirement, "");
}

}  // namespace thoth::encoder
