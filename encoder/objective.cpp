// The lexicographic objective of each recommendation type (docs/recommendation-types.md): a list of
// levels, each a weighted sum of literals, minimised in order by the MaxSAT solver.
//
//   latest, testing  : direct ranks, transitive ranks, package count
//   stable           : known advisories, negative prescription scores, direct, transitive, count
//   security         : (advisory versions are vetoed in the universe) scorecard penalties, direct,
//                      transitive, count
//   performance      : positive prescription scores, known advisories, direct, transitive, count
//
// Rank levels use the ladder of encode.cpp: older(p, k) is "installed" for k = 0, else older[k-1].
#include <algorithm>
#include <cstdlib>

#include "encoder/encoding.hpp"

namespace thoth::encoder {
namespace {

using sat::Lit;
using env::RecommendationType;

Lit ladder(const PackageVars& vars, std::size_t k) {
  return k == 0 ? Lit::positive(vars.installed) : Lit::positive(vars.older[k - 1]);
}

// rank(chosen) = newer_eligible[0]·installed + Σ_k (newer_eligible[k] − newer_eligible[k−1])·older_k,
// a telescoping sum over the ladder: each weight is the gap between neighbouring candidates.
void add_rank_costs(const PackageNode& node, const PackageVars& vars, sat::ObjectiveLevel& level) {
  const std::vector<std::size_t>& newer = node.newer_eligible;
  if (newer.empty()) return;
  if (newer[0] > 0) level.costs.push_back({ladder(vars, 0), newer[0]});
  for (std::size_t k = 1; k < newer.size(); ++k) level.costs.push_back({ladder(vars, k), newer[k] - newer[k - 1]});
}

// One unit per known advisory of the chosen version.
void add_advisory_costs(const Problem& problem, const PackageNode& node, const PackageVars& vars,
                        sat::ObjectiveLevel& level) {
  auto known = problem.advisories.find(node.name);
  if (known == problem.advisories.end()) return;
  for (std::size_t k = 0; k < node.candidates.size(); ++k) {
    auto ids = known->second.find(node.candidates[k]->version_text);
    if (ids != known->second.end() && !ids->second.empty())
      level.costs.push_back({Lit::positive(vars.version[k]), ids->second.size()});
  }
}

// positive = true: Σ score over unchosen candidates with a positive score (so the chosen score is
// maximised); positive = false: |score| for a chosen candidate with a negative score.
void add_score_costs(const Problem& problem, const PackageNode& node, const PackageVars& vars, bool positive,
                     sat::ObjectiveLevel& level) {
  auto scores = problem.candidate_scores.find(node.name);
  if (scores == problem.candidate_scores.end()) return;
  for (std::size_t k = 0; k < node.candidates.size(); ++k) {
    auto score = scores->second.find(node.candidates[k]->version_text);
    if (score == scores->second.end() || score->second == 0 || (score->second > 0) != positive) continue;
    Lit chosen = Lit::positive(vars.version[k]);
    level.costs.push_back({positive ? ~chosen : chosen, static_cast<std::uint64_t>(std::llabs(score->second))});
  }
}

void add_package_penalty(const Problem& problem, const PackageNode& node, const PackageVars& vars,
                         sat::ObjectiveLevel& level) {
  auto penalty = problem.package_penalties.find(node.name);
  if (penalty != problem.package_penalties.end() && penalty->second > 0)
    level.costs.push_back({Lit::positive(vars.installed), penalty->second});
}

// The levels shared by every type, in order: newest direct, newest transitive, fewest packages.
void add_freshness_levels(const Universe& universe, const std::vector<PackageVars>& vars,
                          std::vector<sat::ObjectiveLevel>& levels) {
  levels.push_back({"direct dependency versions", {}});
  levels.push_back({"transitive dependency versions", {}});
  levels.push_back({"number of packages", {}});
  sat::ObjectiveLevel& direct = levels[levels.size() - 3];
  sat::ObjectiveLevel& transitive = levels[levels.size() - 2];
  sat::ObjectiveLevel& count = levels.back();
  count.costs.reserve(universe.packages.size());
  for (std::size_t p = 0; p < universe.packages.size(); ++p) {
    const PackageNode& node = universe.packages[p];
    add_rank_costs(node, vars[p], node.direct ? direct : transitive);
    count.costs.push_back({Lit::positive(vars[p].installed), 1});
  }
}

}  // namespace

std::vector<sat::ObjectiveLevel> build_objective(const Problem& problem, const Universe& universe,
                                                 const std::vector<PackageVars>& vars) {
  // One level named `name`, with `add_costs(node, vars, level)` called for every package; only the
  // levels of the problem's type are built.
  auto level = [&](std::string name, auto add_costs) {
    sat::ObjectiveLevel out{std::move(name), {}};
    for (std::size_t p = 0; p < universe.packages.size(); ++p) add_costs(universe.packages[p], vars[p], out);
    return out;
  };
  auto advisories = [&] {
    return level("known advisories", [&](const PackageNode& node, const PackageVars& v, sat::ObjectiveLevel& out) {
      add_advisory_costs(problem, node, v, out);
    });
  };
  auto scores = [&](bool positive) {
    return level(std::string(positive ? kPositiveScoreLevel : kNegativeScoreLevel),
                 [&](const PackageNode& node, const PackageVars& v, sat::ObjectiveLevel& out) {
                   add_score_costs(problem, node, v, positive, out);
                 });
  };
  std::vector<sat::ObjectiveLevel> levels;
  levels.reserve(5);  // at most two levels of the type, then the three freshness levels
  switch (problem.recommendation) {
    case RecommendationType::Latest:
    case RecommendationType::Testing:
      break;
    case RecommendationType::Stable:
      levels.push_back(advisories());
      levels.push_back(scores(false));
      break;
    case RecommendationType::Security:
      levels.push_back(level("scorecard penalties", [&](const PackageNode& node, const PackageVars& v, sat::ObjectiveLevel& out) {
        add_package_penalty(problem, node, v, out);
      }));
      break;
    case RecommendationType::Performance:
      levels.push_back(scores(true));
      levels.push_back(advisories());
      break;
  }
  add_freshness_levels(universe, vars, levels);
  return levels;
}

}  // namespace thoth::encoder
