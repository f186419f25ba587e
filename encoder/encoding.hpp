// CNF encoding of a universe (docs/encoding.md gives every clause kind with its SAT form).
//
// Variables: one per candidate (package, version); a ladder `older[k]` per package meaning "the
// chosen version has rank >= k" (rank 0 = newest candidate) which doubles as the at-most-one encoding
// and as the unit-weight "prefer newest" cost; `installed` per package; one per requested extra.
// Every clause records its origin, so explanations and justifications are a lookup.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

#include "encoder/universe.hpp"
#include "solver/types.hpp"

namespace thoth::encoder {

// (s_root → ∨ admitted versions): the user asked for this package.
struct RootRequirementOrigin { std::size_t root; };
// (¬x_parent ∨ [¬extra_parent] ∨ ∨ admitted versions of the target): a dependency edge.
struct DependencyOrigin { std::size_t edge; };
// Ladder and installed-definition clauses of one package: at most one version, rank order.
struct AtMostOneVersionOrigin { std::size_t package; };
// (¬range ∨ older[a]) ∧ (¬range ∨ ¬older[b+1]): an auxiliary "version in ranks a..b" literal.
struct VersionRangeOrigin { std::size_t package; std::size_t first, last; };
// (¬x_parent ∨ [¬extra] ∨ extra_target): an edge requests an extra of its target.
struct ExtraRequestOrigin { std::size_t edge; };
// (¬extra ∨ installed): an extra only exists on an installed package.
struct ExtraNeedsPackageOrigin { std::size_t package; std::string extra; };
// (¬installed ∨ ∨ selected requesters): nothing is installed unless something requires it.
struct RequiredByOrigin { std::size_t package; std::string extra; };

// (¬m_1 ∨ … ∨ ¬m_k): a rule (prescription) forbids a combination; `rule` names the unit and its file.
struct PrescriptionOrigin { std::string rule; };
// Definitions of the auxiliary literals of a rule's condition (docs/encoding.md §6).
struct PrescriptionConditionOrigin { std::string rule; };

// (¬x_version): an exclusion (requires_python, files, yanked, ...) of a release that is a candidate
// only under Problem::relax_exclusions (explanations; docs/encoding.md §7).
struct ExclusionOrigin { std::size_t package; ExclusionKind kind; };

using ClauseOrigin = std::variant<RootRequirementOrigin, DependencyOrigin, AtMostOneVersionOrigin,
                                  VersionRangeOrigin, ExtraRequestOrigin, ExtraNeedsPackageOrigin,
                                  RequiredByOrigin, PrescriptionOrigin, PrescriptionConditionOrigin,
                                  ExclusionOrigin>;

struct PackageVars {
  std::vector<sat::Var> version;  // parallel to PackageNode::candidates
  std::vector<sat::Var> older;    // older[k-1] <-> rank >= k, k = 1..n-1
  sat::Var installed;
  std::map<std::string, sat::Var> extras;  // requested extra -> "extra requested" variable
};

// An auxiliary literal "the chosen version of `package` has a rank in first..last", defined one way
// only (literal -> in range) by two VersionRangeOrigin clauses; dependency clauses use it for a run
// of admitted ranks. Listed so that a model built outside the solver can give it its value.
struct RangeLiteral {
  std::size_t package = 0, first = 0, last = 0;
  sat::Lit lit;
};

// An auxiliary literal "candidate `candidate` of `package` is chosen and its extra `extra` requested",
// defined one way only (literal -> both) by two RequiredByOrigin clauses; the edges of that extra use
// it as their requester. Listed, like the range literals, for a model built outside the solver.
struct RequesterLiteral {
  std::size_t package = 0, candidate = 0;
  std::string extra;
  sat::Lit lit;
};

struct Encoding {
  Universe universe;
  sat::Cnf cnf;
  std::vector<ClauseOrigin> origins;        // one per clause of cnf
  std::vector<PackageVars> vars;            // parallel to universe.packages
  std::vector<sat::Lit> root_selectors;     // per Problem::roots entry; assume true to enforce it
  std::vector<RangeLiteral> ranges;         // every range literal, in creation order
  std::vector<RequesterLiteral> requesters; // every extra-requester literal, in creation order
  // The forbidden conditions of the rules (prescriptions), whose hard clauses have PrescriptionOrigin
  // with the same `rule`: explanations group them by rule and describe what they forbid.
  std::vector<ForbiddenCondition> forbidden;
  std::vector<sat::ObjectiveLevel> objective;

  // Appends a hard clause and its origin (cnf and origins stay parallel).
  void add_clause(std::span<const sat::Lit> clause, ClauseOrigin origin) {
    cnf.add_clause(clause);
    origins.push_back(std::move(origin));
  }
  void add_clause(std::initializer_list<sat::Lit> clause, ClauseOrigin origin) {
    add_clause(std::span<const sat::Lit>(clause.begin(), clause.size()), std::move(origin));
  }
};

// Pure: the same problem and source always give the same encoding.
[[nodiscard]] Encoding encode(const Problem& problem, index::PackageSource& source);
// The encoding of a universe already built (build_universe, or build_newest_universe).
[[nodiscard]] Encoding encode_universe(const Problem& problem, Universe universe);

// The names of the prescription score levels (present only in the types that weigh them).
inline constexpr std::string_view kNegativeScoreLevel = "negative prescription scores";
inline constexpr std::string_view kPositiveScoreLevel = "positive prescription scores";

// The objective levels of the problem's recommendation type (objective.cpp,
// docs/recommendation-types.md), over the variables of an encoded universe.
[[nodiscard]] std::vector<sat::ObjectiveLevel> build_objective(const Problem& problem, const Universe& universe,
                                                               const std::vector<PackageVars>& vars);

// The decoded model: the chosen candidate per installed package and the requested extras.
struct Selection {
  std::map<std::size_t, std::size_t> chosen;  // package index -> candidate index
  std::map<std::size_t, std::vector<std::string>> extras;
};

[[nodiscard]] Selection decode(const Encoding& encoding, const std::vector<bool>& model);

// The edges active in a selection: parent chosen (or an active root), its extra requested.
[[nodiscard]] std::vector<std::size_t> active_edges(const Encoding& encoding, const Selection& selection);

// One line of text per clause origin, for conflicts and --explain (e.g. "django 3.2 requires asgiref<4,>=3.3").
[[nodiscard]] std::string describe_origin(const Encoding& encoding, const Problem& problem, const ClauseOrigin& origin);

}  // namespace thoth::encoder
