// The advise result as JSON: the contract of `thoth advise --json`, the fixtures and the benchmark
// (docs/cli.md lists the keys). Keys are sorted by nlohmann's std::map, arrays are in a fixed order.
#include "advise/advise.hpp"

namespace thoth::advise {
namespace {

using nlohmann::json;

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::Locked: return "locked";
    case Outcome::Unsatisfiable: return "unsatisfiable";
    case Outcome::Unknown: return "unknown";
  }
  return "unknown";
}

json packages_json(const AdviseResult& result) {
  json packages = json::array();
  for (const auto& [name, pin] : result.pins) {
    packages.push_back({{"name", name}, {"version", pin.version}, {"extras", pin.extras},
                        {"sections", pin.sections}, {"direct", pin.direct},
                        {"files", pin.files}});
  }
  return packages;
}

json graph_json(const AdviseResult& result) {
  json graph = json::array();
  for (const GraphEdge& edge : result.graph) {
    json from = edge.from.empty() ? json(nullptr) : json(edge.from);
    graph.push_back({{"from", from}, {"from_version", edge.from_version}, {"to", edge.to},
                     {"requirement", edge.requirement}});
  }
  return graph;
}

json objective_json(const AdviseResult& result) {
  json levels = json::array();
  for (const auto& level : result.levels)
    levels.push_back({{"level", level.name}, {"cost", level.cost}, {"lower_bound", level.lower_bound},
                      {"proven_optimal", level.proven_optimal}});
  return levels;
}

json justifications_json(const AdviseResult& result) {
  json list = json::array();
  for (const Justification& j : result.justifications) list.push_back(justification_to_json(j));
  return list;
}

}  // namespace

json result_to_json(const AdviseResult& result) {
  json pins = json::object();
  for (const auto& [name, pin] : result.pins) pins[name] = pin.version;
  return {
      {"outcome", outcome_name(result.outcome)},
      {"proven_optimal", result.proven_optimal},
      {"pins", pins},
      {"packages", packages_json(result)},
      {"graph", graph_json(result)},
      {"objective", objective_json(result)},
      {"conflict", result.conflict},
      {"explanation", result.explanation ? explain::to_json(*result.explanation) : json(nullptr)},
      {"left_out", result.left_out},
      {"recommendation_type", result.recommendation},
      {"justifications", justifications_json(result)},
      {"size", {{"packages", result.size.packages}, {"candidates", result.size.candidates},
                {"variables", result.size.variables}, {"clauses", result.size.clauses},
                {"universe", result.size.newest_first ? "newest-first" : "complete"}}},
      {"timings", {{"encode_ms", result.timings.encode_ms}, {"solve_ms", result.timings.solve_ms},
                   {"decode_ms", result.timings.decode_ms}, {"explain_ms", result.timings.explain_ms},
                   {"prescriptions_ms", result.timings.prescriptions_ms}}},
      {"prescriptions", prescription_report_to_json(result.prescriptions)},
  };
}

}  // namespace thoth::advise
