// The advise pipeline in memory: encode the request, solve the lexicographic MaxSAT problem with the
// root requirements as assumptions (so a conflict names the roots involved), decode the model into
// pins, the dependency graph and the lock sections each pin belongs to.
#include "advise/advise.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>
#include <deque>

#include "advise/security.hpp"
#include "encoder/encoding.hpp"
#include "packaging/name.hpp"

namespace thoth::advise {
namespace {

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

encoder::Problem to_problem(const AdviseRequest& request, index::PackageSource& source) {
  encoder::Problem problem;
  for (const RootRequirement& root : request.roots)
    problem.roots.push_back({root.requirement, root.section, root.origin});
  problem.environment = request.environment;
  problem.allow_prereleases = request.allow_prereleases;
  add_security_facts(request, source, problem);
  return problem;
}

EncodingSize size_of(const encoder::Encoding& encoding) {
  EncodingSize size;
  size.packages = encoding.universe.packages.size();
  for (const auto& package : encoding.universe.packages) size.candidates += package.candidates.size();
  size.variables = encoding.cnf.num_vars();
  size.clauses = encoding.cnf.clauses().size();
  return size;
}

// Every lock section reaches its packages from its own roots through the edges in force.
void assign_sections(const encoder::Encoding& encoding, const encoder::Problem& problem,
                     const std::vector<std::size_t>& edges, std::map<std::string, Pin>& pins) {
  std::map<std::size_t, std::vector<std::size_t>> children;  // package -> targets
  std::map<std::string, std::deque<std::size_t>> frontier;   // section -> packages to visit
  for (std::size_t e : edges) {
    const encoder::Edge& edge = encoding.universe.edges[e];
    if (edge.parent_package == encoder::kRootParent) frontier[problem.roots[edge.root].section].push_back(edge.target);
    else children[edge.parent_package].push_back(edge.target);
  }
  for (auto& [section, queue] : frontier) {
    std::vector<char> seen(encoding.universe.packages.size(), 0);
    while (!queue.empty()) {
      std::size_t p = queue.front();
      queue.pop_front();
      if (seen[p]) continue;
      seen[p] = 1;
      pins[encoding.universe.packages[p].name].sections.insert(section);
      for (std::size_t child : children[p]) queue.push_back(child);
    }
  }
}

void decode_into(const encoder::Encoding& encoding, const encoder::Problem& problem, const std::vector<bool>& model,
                 AdviseResult& result) {
  encoder::Selection selection = encoder::decode(encoding, model);
  for (const auto& [p, k] : selection.chosen) {
    const encoder::PackageNode& node = encoding.universe.packages[p];
    Pin pin{node.name, node.candidates[k]->version_text, {}, {}, node.direct};
    if (auto extras = selection.extras.find(p); extras != selection.extras.end())
      pin.extras.insert(extras->second.begin(), extras->second.end());
    result.pins.emplace(node.name, std::move(pin));
  }
  std::vector<std::size_t> edges = encoder::active_edges(encoding, selection);
  for (std::size_t e : edges) {
    const encoder::Edge& edge = encoding.universe.edges[e];
    GraphEdge graph_edge{"", "", encoding.universe.packages[edge.target].name, edge.requirement->to_string()};
    if (edge.parent_package != encoder::kRootParent) {
      const encoder::PackageNode& parent = encoding.universe.packages[edge.parent_package];
      graph_edge.from = parent.name;
      graph_edge.from_version = parent.candidates[edge.parent_candidate]->version_text;
    }
    result.graph.push_back(std::move(graph_edge));
  }
  std::sort(result.graph.begin(), result.graph.end(), [](const GraphEdge& a, const GraphEdge& b) {
    return std::tie(a.from, a.to, a.requirement) < std::tie(b.from, b.to, b.requirement);
  });
  result.graph.erase(std::unique(result.graph.begin(), result.graph.end(),
                                 [](const GraphEdge& a, const GraphEdge& b) {
                                   return std::tie(a.from, a.to, a.requirement) == std::tie(b.from, b.to, b.requirement);
                                 }),
                     result.graph.end());
  assign_sections(encoding, problem, edges, result.pins);
}

void explain_conflict(const encoder::Encoding& encoding, const encoder::Problem& problem,
                      const std::vector<sat::Lit>& failed, AdviseResult& result) {
  for (std::size_t r = 0; r < encoding.root_selectors.size(); ++r)
    if (std::find(failed.begin(), failed.end(), encoding.root_selectors[r]) != failed.end())
      result.conflict.push_back(encoder::describe_origin(encoding, problem, encoder::RootRequirementOrigin{r}));
  for (const std::string& line : vetoed_in_conflict(encoding)) result.conflict.push_back(line);
}

}  // namespace

bool prereleases_allowed(const AdviseRequest& request) {
  return request.allow_prereleases || request.recommendation == env::RecommendationType::Testing;
}

const char* justification_type_name(JustificationType type) {
  switch (type) {
    case JustificationType::Info: return "INFO";
    case JustificationType::Warning: return "WARNING";
    case JustificationType::Error: return "ERROR";
  }
  return "INFO";
}

AdviseResult advise(const AdviseRequest& request, index::PackageSource& source) {
  AdviseResult result;
  result.recommendation = std::string(env::recommendation_type_name(request.recommendation));
  encoder::Problem problem = to_problem(request, source);
  auto start = Clock::now();
  encoder::Encoding encoding = encoder::encode(problem, source);
  result.timings.encode_ms = elapsed_ms(start);
  result.size = size_of(encoding);

  start = Clock::now();
  sat::MaxSatResult solved = sat::solve_lexicographic(encoding.cnf, encoding.objective, encoding.root_selectors,
                                                      request.limits);
  result.timings.solve_ms = elapsed_ms(start);
  result.levels = solved.levels;

  start = Clock::now();
  switch (solved.status) {
    case sat::MaxSatStatus::Optimal:
    case sat::MaxSatStatus::Feasible:
      result.outcome = Outcome::Locked;
      result.proven_optimal = solved.status == sat::MaxSatStatus::Optimal;
      decode_into(encoding, problem, solved.model, result);
      break;
    case sat::MaxSatStatus::Unsatisfiable:
      result.outcome = Outcome::Unsatisfiable;
      explain_conflict(encoding, problem, solved.failed_assumptions, result);
      break;
    case sat::MaxSatStatus::Unknown:
      result.outcome = Outcome::Unknown;
      break;
  }
  result.justifications = security_justifications(request, problem, encoding, result);
  result.timings.decode_ms = elapsed_ms(start);
  return result;
}

}  // namespace thoth::advise
