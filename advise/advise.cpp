// The advise pipeline in memory: encode the request, solve the lexicographic MaxSAT problem with the
// root requirements as assumptions (so a conflict names the roots involved), decode the model into
// pins, the dependency graph and the lock sections each pin belongs to.
#include "advise/advise.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>

#include "advise/prescribe_session.hpp"
#include "advise/security.hpp"
#include "encoder/encoding.hpp"
#include "encoder/newest_lock.hpp"
#include "encoder/newest_universe.hpp"
#include "packaging/name.hpp"

namespace thoth::advise {
namespace {

using Clock = std::chrono::steady_clock;

// Consecutive phases, timed with one clock reading per boundary (a small request reads the clock
// often enough for it to show).
class PhaseTimer {
 public:
  double lap_ms() {
    Clock::time_point now = Clock::now();
    double ms = std::chrono::duration<double, std::milli>(now - m_last).count();
    m_last = now;
    return ms;
  }

 private:
  Clock::time_point m_last = Clock::now();
};


EncodingSize size_of(const encoder::Encoding& encoding) {
  EncodingSize size;
  size.packages = encoding.universe.packages.size();
  for (const auto& package : encoding.universe.packages) size.candidates += package.candidates.size();
  size.variables = encoding.cnf.num_vars();
  size.clauses = encoding.cnf.clauses().size();
  return size;
}

// The installed packages an edge in force leads to: its target, or a chosen alternative (pseudonym).
std::vector<std::size_t> chosen_targets(const encoder::Edge& edge, const encoder::Selection& selection) {
  std::vector<std::size_t> targets;
  if (selection.chosen.count(edge.target)) targets.push_back(edge.target);
  for (const auto& alternative : edge.alternatives)
    if (selection.chosen.count(alternative.target)) targets.push_back(alternative.target);
  return targets;
}

// Every lock section reaches its packages from its own roots through the edges in force.
void assign_sections(const encoder::Encoding& encoding, const encoder::Problem& problem,
                     const encoder::Selection& selection, const std::vector<std::size_t>& edges,
                     std::map<std::string, Pin>& pins) {
  std::vector<std::vector<std::size_t>> children(encoding.universe.packages.size());  // package -> targets
  std::map<std::string, std::vector<std::size_t>> to_visit;                            // section -> packages
  for (std::size_t e : edges) {
    const encoder::Edge& edge = encoding.universe.edges[e];
    for (std::size_t target : chosen_targets(edge, selection)) {
      if (edge.parent_package == encoder::kRootParent) to_visit[problem.roots[edge.root].section].push_back(target);
      else children[edge.parent_package].push_back(target);
    }
  }
  for (auto& [section, stack] : to_visit) {
    std::vector<char> seen(encoding.universe.packages.size(), 0);
    while (!stack.empty()) {
      std::size_t p = stack.back();
      stack.pop_back();
      if (seen[p]) continue;
      seen[p] = 1;
      pins[encoding.universe.packages[p].name].sections.insert(section);
      stack.insert(stack.end(), children[p].begin(), children[p].end());
    }
  }
}

void decode_into(const encoder::Encoding& encoding, const encoder::Problem& problem, const std::vector<bool>& model,
                 AdviseResult& result, const std::vector<std::size_t>& left_out = {}) {
  encoder::Selection selection = encoder::decode(encoding, model);
  for (const auto& [p, k] : selection.chosen) {
    const encoder::PackageNode& node = encoding.universe.packages[p];
    Pin pin{node.name, node.candidates[k]->version_text, {}, {}, node.direct, {}};
    pin.files.reserve(node.installable_files[k].size());
    for (std::size_t file : node.installable_files[k]) pin.files.push_back(node.candidates[k]->files[file].filename);
    if (auto extras = selection.extras.find(p); extras != selection.extras.end())
      pin.extras.insert(extras->second.begin(), extras->second.end());
    result.pins.emplace(node.name, std::move(pin));
  }
  std::vector<std::size_t> edges = encoder::active_edges(encoding, selection);
  std::erase_if(edges, [&](std::size_t e) {  // the root edges of roots left out by --best-effort
    const encoder::Edge& edge = encoding.universe.edges[e];
    return edge.parent_package == encoder::kRootParent &&
           std::find(left_out.begin(), left_out.end(), edge.root) != left_out.end();
  });
  result.graph.reserve(edges.size());
  for (std::size_t e : edges) {
    const encoder::Edge& edge = encoding.universe.edges[e];
    std::vector<std::size_t> targets = chosen_targets(edge, selection);
    if (targets.empty()) continue;
    std::string requirement = edge.requirement->to_string();
    for (std::size_t target : targets) {
      GraphEdge graph_edge{"", "", encoding.universe.packages[target].name, requirement};
      if (edge.parent_package != encoder::kRootParent) {
        const encoder::PackageNode& parent = encoding.universe.packages[edge.parent_package];
        graph_edge.from = parent.name;
        graph_edge.from_version = parent.candidates[edge.parent_candidate]->version_text;
      }
      result.graph.push_back(std::move(graph_edge));
    }
  }
  std::sort(result.graph.begin(), result.graph.end(), [](const GraphEdge& a, const GraphEdge& b) {
    return std::tie(a.from, a.to, a.requirement) < std::tie(b.from, b.to, b.requirement);
  });
  result.graph.erase(std::unique(result.graph.begin(), result.graph.end(),
                                 [](const GraphEdge& a, const GraphEdge& b) {
                                   return std::tie(a.from, a.to, a.requirement) == std::tie(b.from, b.to, b.requirement);
                                 }),
                     result.graph.end());
  assign_sections(encoding, problem, selection, edges, result.pins);
}

void explain_conflict(const encoder::Encoding& encoding, const encoder::Problem& problem, index::PackageSource& source,
                      const AdviseRequest& request, AdviseResult& result) {
  for (const std::string& line : vetoed_in_conflict(encoding)) result.conflict.push_back(line);
  if (!request.explain) return;
  explain::ExplainOptions options;
  options.fixes = options.hints = request.explain_fixes;
  result.explanation = explain::explain(problem, encoding, source, options);
  result.timings.explain_ms = result.explanation->milliseconds;
  for (const explain::CoreElement& element : result.explanation->core) {
    if (element.kind == explain::GroupKind::RootRequirement)
      result.conflict.push_back(encoder::describe_origin(encoding, problem, encoder::RootRequirementOrigin{element.root}));
    if (element.kind == explain::GroupKind::Prescription) result.conflict.push_back(element.text);
  }
}

// Best effort: lock the largest satisfiable subset of the roots; the graph leaves out the others.
void lock_best_effort(const encoder::Encoding& encoding, const encoder::Problem& problem, const AdviseRequest& request,
                      AdviseResult& result) {
  explain::BestEffort best = explain::best_effort(encoding, request.limits);
  if (best.solved.status != sat::MaxSatStatus::Optimal && best.solved.status != sat::MaxSatStatus::Feasible) return;
  result.outcome = Outcome::Locked;
  result.proven_optimal = best.solved.status == sat::MaxSatStatus::Optimal;
  result.levels.assign(best.solved.levels.begin() + 1, best.solved.levels.end());
  for (std::size_t r : best.left_out) {
    const encoder::Root& root = problem.roots[r];
    result.left_out.push_back("`" + root.requirement.to_string() + "`" + (root.origin.empty() ? "" : " (" + root.origin + ")"));
  }
  decode_into(encoding, problem, best.solved.model, result, best.left_out);
}

// The newest-first universe (encoder/newest_universe.hpp) and its newest selection, when both hold:
// `encoding` is then that universe's. nullopt otherwise (the time spent still counts).
std::optional<sat::MaxSatResult> lock_newest_first(const encoder::Problem& problem, index::PackageSource& source,
                                                   encoder::Encoding& encoding, Timings& timings, PhaseTimer& timer) {
  std::optional<encoder::Universe> newest = encoder::build_newest_universe(problem, source);
  if (newest) encoding = encoder::encode_universe(problem, std::move(*newest));
  timings.encode_ms += timer.lap_ms();
  if (!newest) return std::nullopt;
  std::optional<sat::MaxSatResult> lock = encoder::newest_consistent_lock(encoding);
  timings.solve_ms += timer.lap_ms();
  return lock;
}

}  // namespace

bool prereleases_allowed(const AdviseRequest& request) {
  return request.allow_prereleases || request.recommendation == env::RecommendationType::Testing;
}

encoder::Problem to_problem(const AdviseRequest& request, index::PackageSource& source,
                            std::shared_ptr<PrescriptionSession>* prescriptions) {
  encoder::Problem problem;
  for (const RootRequirement& root : request.roots)
    problem.roots.push_back({root.requirement, root.section, root.origin});
  problem.constraints = request.constraints;
  problem.environment = request.environment;
  problem.allow_prereleases = request.allow_prereleases;
  add_security_facts(request, source, problem);
  if (request.prescriptions.catalog == nullptr) return problem;  // no session to keep (it is large)
  auto session = std::make_shared<PrescriptionSession>(request, source);
  session->prepare(problem, session);
  if (prescriptions != nullptr) *prescriptions = std::move(session);
  return problem;
}

AdviseResult advise(const AdviseRequest& request, index::PackageSource& source) {
  AdviseResult result;
  result.recommendation = std::string(env::recommendation_type_name(request.recommendation));
  std::shared_ptr<PrescriptionSession> prescriptions;
  encoder::Problem problem = to_problem(request, source, &prescriptions);
  if (prescriptions) {
    result.timings.prescriptions_ms = prescriptions->load_ms();
    prescriptions->run_boots(problem, result.prescriptions);
  }
  PhaseTimer timer;
  encoder::Encoding encoding;
  std::optional<sat::MaxSatResult> shortcut;
  if (request.newest_shortcut) shortcut = lock_newest_first(problem, source, encoding, result.timings, timer);
  bool newest_first = shortcut.has_value();
  if (!newest_first) {
    encoding = encoder::encode(problem, source);
    result.timings.encode_ms += timer.lap_ms();
    if (request.newest_shortcut) shortcut = encoder::newest_consistent_lock(encoding);
  }
  result.size = size_of(encoding);
  result.size.newest_first = newest_first;

  sat::MaxSatResult solved = shortcut ? std::move(*shortcut)
                                      : sat::solve_lexicographic(encoding.cnf, encoding.objective, encoding.root_selectors, request.limits);
  if (!newest_first) result.timings.solve_ms += timer.lap_ms();
  result.levels = std::move(solved.levels);
  result.sat_calls = solved.sat_calls;

  switch (solved.status) {
    case sat::MaxSatStatus::Optimal:
    case sat::MaxSatStatus::Feasible:
      result.outcome = Outcome::Locked;
      result.proven_optimal = solved.status == sat::MaxSatStatus::Optimal;
      decode_into(encoding, problem, solved.model, result);
      break;
    case sat::MaxSatStatus::Unsatisfiable:
      result.outcome = Outcome::Unsatisfiable;
      explain_conflict(encoding, problem, source, request, result);
      if (request.best_effort) lock_best_effort(encoding, problem, request, result);
      break;
    case sat::MaxSatStatus::Unknown:
      result.outcome = Outcome::Unknown;
      break;
  }
  result.justifications = security_justifications(request, problem, encoding, result);
  if (prescriptions) prescriptions->annotate(encoding, result);
  result.timings.decode_ms = timer.lap_ms();
  return result;
}

}  // namespace thoth::advise
