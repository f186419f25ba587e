// The universe of a resolution: every package reachable from the roots through requirements whose
// markers hold in the target environment, the candidate versions of each, and every dependency
// edge between a candidate and the versions of the target package that edge admits.
//
// Candidate rules (PEP 440 / PEP 592 / PEP 503, see docs/encoding.md):
//  * a release whose requires_python excludes the target Python is never a candidate;
//  * nor is a release none of whose files installs in the target environment (wheel tags, sdists
//    and --only-binary, ABI symbols, CUDA/cuDNN/CPU needs, +cuXY labels: encoder/artifacts.hpp);
//  * nor (under the security recommendation type) a release with a known advisory in Problem::advisories;
//  * an edge admits the versions its specifier contains, then drops yanked ones unless it pins
//    exactly that version with == or ===, then keeps only final releases unless pre-releases are
//    allowed (globally, or by the specifier itself) or only pre-releases remain;
//  * a package's candidates are the union of what its incoming edges admit, newest first.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "encoder/problem.hpp"
#include "encoder/rules.hpp"
#include "index/index.hpp"

namespace thoth::encoder {

inline constexpr std::size_t kRootParent = static_cast<std::size_t>(-1);

// `parent` (a candidate of package `parent_package`, or a root) requires `target` through `requirement`.
struct Edge {
  std::size_t parent_package = kRootParent;  // index into Universe::packages, kRootParent for roots
  std::size_t parent_candidate = 0;          // index into that package's candidates
  std::size_t root = 0;                      // when parent_package == kRootParent: index into Problem::roots
  std::string parent_extra;                  // the edge applies only when this extra of the parent is requested
  std::size_t target = 0;                    // index into Universe::packages
  std::vector<std::string> target_extras;    // canonical extras it requests of the target
  const packaging::Requirement* requirement = nullptr;
  std::vector<std::size_t> admitted;         // candidate indices of the target, ascending (newest first)
  // Rules (encoder/rules.hpp): packages that may satisfy the edge instead (pseudonyms), and the
  // conditions under which the edge is in force only / waived (step.AddPackage, step.SkipPackage).
  struct Alternative {
    std::size_t target = 0;
    std::vector<std::size_t> admitted;  // candidate indices of the alternative, ascending
    std::string rule;
  };
  std::vector<Alternative> alternatives;
  std::optional<Condition> only_when;
  std::optional<Condition> waived_when;
  std::string rule;                          // the rule that added or conditioned this edge
};

// A requirement the rules removed from the universe (sieve.SkipPackage, step.SkipPackage).
struct SkippedRequirement {
  std::string parent;          // "name version", empty for a root
  std::string target;          // canonical
  std::string requirement;     // PEP 508 text
  std::string rule;
};

enum class ExclusionKind { RequiresPython, NotInstallable, Yanked, Prerelease, AdvisoryVeto, Constraint, Rule };

// Why a release of a package is not a candidate at all. Each exclusion stands for a unit clause
// ¬x(package, version) applied before encoding (the release gets no variable), with this origin.
struct Exclusion {
  std::string version;
  std::string reason;  // "requires_python >=3.9 excludes Python 3.8", "yanked: reason", "pre-release",
                       // "known advisory PYSEC-2021-36 (recommendation type security)",
                       // "constraint constraints.txt:3 `urllib3<2`",
                       // or a rule: "sieve thoth.TorchSieve (to_/torch/sieve.yaml)"
  ExclusionKind kind = ExclusionKind::RequiresPython;
};

struct PackageNode {
  std::string name;                              // canonical
  const index::Project* project = nullptr;       // null when no index has it
  std::vector<const index::Release*> candidates; // newest first
  // Per candidate: indices into its Release::files that install in the target, best first (empty
  // for a release without files, which stands for one pure-Python wheel).
  std::vector<std::vector<std::size_t>> installable_files;
  // Per candidate: how many eligible releases are newer (its "rank" in the objective). Eligible means
  // not excluded by requires_python, installability, yanking or the pre-release rules, so a version that no edge
  // admits still counts: being held back to an old version costs, even when nothing newer fits.
  std::vector<std::size_t> newer_eligible;
  std::vector<std::string> extras;               // requested extras, sorted
  std::vector<Exclusion> excluded;               // releases that are never candidates, and why
  // Only under Problem::relax_exclusions: per candidate, the exclusions that guard it (empty for a
  // candidate of the normal universe). Each becomes a unit clause ¬x with an ExclusionOrigin.
  std::vector<std::vector<Exclusion>> guards;
  bool direct = false;                           // named by an active root requirement
};

struct Universe {
  std::vector<PackageNode> packages;             // sorted by name
  std::map<std::string, std::size_t, std::less<>> by_name;
  std::vector<Edge> edges;                       // deterministic order
  std::vector<std::size_t> active_roots;         // roots whose marker holds
  std::vector<SkippedRequirement> skipped;       // requirements the rules removed
};

[[nodiscard]] Universe build_universe(const Problem& problem, index::PackageSource& source);

}  // namespace thoth::encoder
