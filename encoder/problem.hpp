// What the encoder is asked: root requirements, the target environment, the pre-release policy, the
// recommendation type, the per-candidate facts its objective uses (docs/recommendation-types.md) and
// the rules compiled from prescriptions (encoder/rules.hpp).
// The package metadata comes from an index::PackageSource, queried by name as the universe grows.
// The facts are plain data keyed by canonical name and version text: the encoder knows no advisory,
// scorecard or prescription format.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "encoder/rules.hpp"
#include "env/environment.hpp"
#include "env/thoth_config.hpp"
#include "packaging/requirement.hpp"

namespace thoth::encoder {

struct Root {
  packaging::Requirement requirement;
  std::string section;  // lock section it belongs to ("default", "develop", ...)
  std::string origin;   // where it was written, for explanations ("Pipfile:7")
};

// A pip constraint (`-c FILE`): restricts the versions of its package if that package is installed,
// never installs it. Releases its specifier does not contain are excluded (docs/encoding.md).
struct Constraint {
  packaging::Requirement requirement;
  std::string origin;  // "constraints.txt:3"
};

struct Problem {
  std::vector<Root> roots;
  std::vector<Constraint> constraints;  // applied when their marker holds in the target environment
  env::TargetEnvironment environment;
  bool allow_prereleases = false;
  env::RecommendationType recommendation = env::RecommendationType::Stable;
  // canonical name -> version text -> ids of the known advisories affecting it (sorted). Under
  // `security` such versions are never candidates (PackageNode::excluded names the ids); under
  // stable and performance each advisory costs 1 on the advisory level.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> advisories;
  // canonical name -> penalty for installing the package at all (scorecard-derived, 0..100).
  std::map<std::string, std::uint64_t> package_penalties;
  // Per-candidate scores: canonical name -> version text -> score (positive = better), in the unit of
  // the prescription levels (milli-points: kScoreScale is a score of 1). performance maximises the
  // positive ones; stable minimises the negative ones. Fixtures set them with `options.scores`.
  std::map<std::string, std::map<std::string, std::int64_t>> candidate_scores;
  // Prescriptions compiled by advise/ (encoder/rules.hpp): sieves, skips, alternatives, added
  // requirements, forbidden and scored conditions; empty = none. Scored conditions go to the same
  // two prescription-score levels as candidate_scores.
  RuleHooks rules;
  // Explanations only (explain/, docs/encoding.md §7): releases that are never candidates but that some
  // requirement's specifier matches become candidates guarded by one unit clause ¬x per exclusion
  // (PackageNode::guards), so a core can name the exclusion. Off for every lock.
  bool relax_exclusions = false;
};

// The global pre-release opt-in in force: the user's, or always under `testing`.
[[nodiscard]] inline bool prereleases_allowed(const Problem& problem) {
  return problem.allow_prereleases || problem.recommendation == env::RecommendationType::Testing;
}

}  // namespace thoth::encoder
