// Extra knowledge the encoder can be given besides requirements: candidates to drop, requirements to
// skip, add or satisfy by an alternative package, combinations to forbid and combinations to score.
// The encoder knows nothing of where the rules come from (advise/ compiles Thoth prescriptions into
// them); docs/encoding.md §6 gives the clause form of each.
//
//   RuleHooks hooks;
//   hooks.exclude = [](std::string_view package, const index::Release& r) -> std::optional<std::string> {...};
//   hooks.rules = [](const Universe& u) { Rules r; r.forbidden.push_back({{{"pillow", spec("==8.3.0")},
//                                                                          {"numpy", {}}}, "thoth.Pillow830"}); return r; };
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/index.hpp"
#include "packaging/requirement.hpp"
#include "packaging/specifier.hpp"

namespace thoth::encoder {

struct Universe;

// "A version of `package` matching `specifier` is installed" (pre-releases included, as Thoth's
// prescriptions match them); no specifier means any version.
struct VersionMatch {
  std::string package;  // canonical
  std::optional<packaging::SpecifierSet> specifier;
  bool matches(const index::Release& release) const;
};

// "`package` is required by a version of `parent` matching `parent.specifier`" (an edge in force);
// unless `allow_other`, no other requester of `package` (another package or a root) is in force.
struct IntroducedBy {
  VersionMatch parent;
  std::string package;  // canonical
  bool allow_other = false;
};

// A conjunction of facts about the lock: every `installed` holds, and when `introduced_by` is not
// empty at least one of them holds.
struct Condition {
  std::vector<VersionMatch> installed;
  std::vector<IntroducedBy> introduced_by;
};

// Hard: the condition never holds in a lock (a step's or group's `not_acceptable`, a stride's).
struct ForbiddenCondition {
  Condition condition;
  std::string rule;     // who says so, e.g. "thoth.Pillow830TypeErrorStep (pi_/pillow/step.yaml:1)"
  std::string message;  // why (a not_acceptable text), may be empty
};

// Soft: the lock gains `score` when the condition holds (a step's `score`, clamped to [-1, 1]).
struct ScoredCondition {
  Condition condition;
  double score = 0;
  std::string rule;
};

struct Rules {
  std::vector<ForbiddenCondition> forbidden;
  std::vector<ScoredCondition> scored;
};

// An alternative package that satisfies requirements on `package` (a pseudonym).
struct Alternative {
  enum class Versions : std::uint8_t { SameAsMatched, Locked, Any };
  std::optional<packaging::SpecifierSet> matched;  // versions of `package` it replaces; none = all
  std::string package;                             // canonical name of the alternative
  Versions versions = Versions::Any;
  std::string locked_version;                      // Versions::Locked: the version text
  std::string rule;
};

// A requirement the rules add to a release (step.AddPackage), in force only when `only_when` holds.
struct AddedRequirement {
  packaging::Requirement requirement;
  Condition only_when;
  std::string rule;
};

// Why a requirement edge is skipped: always (`waived_when` empty) or only when `waived_when` holds;
// with `target_versions`, only when the edge admits some version of the target matching them.
struct SkipDecision {
  std::string rule;
  Condition waived_when;
  std::optional<packaging::SpecifierSet> target_versions;
};

// The hooks the universe builder and encoder call; every one may be empty.
struct RuleHooks {
  // A reason when this release of this package is never a candidate (a sieve).
  std::function<std::optional<std::string>(std::string_view package, const index::Release& release)> exclude;
  // Whether the requirement of `parent` (nullptr for a root) on `target` is skipped (SkipPackage).
  std::function<std::optional<SkipDecision>(std::string_view parent_package, const index::Release* parent,
                                            std::string_view target)>
      skip;
  // Alternatives for requirements on a package (pseudonyms).
  std::function<std::vector<Alternative>(std::string_view package)> alternatives;
  // Requirements added to a release (step.AddPackage); they must outlive the universe.
  std::function<const std::vector<AddedRequirement>*(std::string_view package, const index::Release& release)>
      added_requirements;
  // Hard and soft conditions over the finished universe.
  std::function<Rules(const Universe& universe)> rules;
};

// Scores weigh in milli-points on the prescription score levels (encoder/objective.cpp): a step's
// score of 0.2 weighs 200, the same unit as Problem::candidate_scores.
inline constexpr std::int64_t kScoreScale = 1000;

// "pillow ==8.3.0 with numpy" / "h5py >=3 required by tensorflow ~=2.1.0": for explanations.
[[nodiscard]] std::string describe_condition(const Condition& condition);

}  // namespace thoth::encoder
