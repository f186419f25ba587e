// Registration checks (thoth.md §1.3, §1.8): upstream registers a unit only when should_include lets
// it into a pipeline. `adviser_pipeline` defaults to false, so a unit with neither adviser_pipeline
// nor dependency_monkey_pipeline true never runs (the 8 `_indexes` sieves); `times: 0` disables it;
// `{not: [every type]}` excludes every request.
#include "prescriptions/unit_checks.hpp"

namespace thoth::prescriptions {
namespace {

const YamlNode& should_include_node(Reader& r, const YamlNode& unit_node) {
  const YamlNode* node = r.child(unit_node, "should_include");
  return node != nullptr ? *node : unit_node;
}

template <class T>
bool excludes_all(const std::optional<Selection<T>>& selection, std::size_t value_count) {
  if (!selection || !selection->negated) return false;
  std::vector<T> distinct = selection->items;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  return distinct.size() == value_count;
}

}  // namespace

void check_registration(Reader& r, const YamlNode& node, const Unit& unit) {
  const ShouldInclude& include = header(unit).should_include;
  const YamlNode& at = should_include_node(r, node);
  if (!include.adviser_pipeline && !include.dependency_monkey_pipeline) {
    r.warn(WarningKind::NeverRegisters, at, "should_include",
           "the unit never registers: neither `adviser_pipeline` nor `dependency_monkey_pipeline` is true "
           "(adviser_pipeline defaults to false)");
  }
  if (include.times == 0) {
    r.warn(WarningKind::Disabled, at, "should_include.times", "the unit is disabled by `times: 0`");
  }
  if (include.adviser_pipeline && excludes_all(include.recommendation_types, kRecommendationTypeCount)) {
    r.warn(WarningKind::NoRecommendationType, at, "should_include.recommendation_types",
           "`not` lists every recommendation type, so no advise registers the unit");
  }
  if (include.dependency_monkey_pipeline && excludes_all(include.decision_types, 2)) {
    r.warn(WarningKind::NoDecisionType, at, "should_include.decision_types",
           "`not` lists every decision type, so no Dependency Monkey run registers the unit");
  }
}

}  // namespace thoth::prescriptions
