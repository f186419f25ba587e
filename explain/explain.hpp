// Explanations of failures (docs/explanations.md): when no lock exists, a minimal unsatisfiable core
// over explainable groups (root requirements, dependency edges, prescription units, and exclusions:
// requires_python, artifact filters, yanked, pre-release, advisory vetoes, constraints, sieves), a derivation in "Because ..., ..."
// sentences ending at the user's requirements, verified hints, and the smallest Pipfile changes
// (minimal correction sets) that make the request satisfiable. Also the best-effort lock: the
// largest satisfiable subset of the root requirements.
//
//   encoder::Encoding encoding = encoder::encode(problem, source);
//   // ... the solver says unsatisfiable ...
//   explain::Explanation why = explain::explain(problem, encoding, source);
//   std::cerr << explain::render_text(why, /*verbose=*/false);
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "encoder/encoding.hpp"
#include "solver/maxsat.hpp"

namespace thoth::explain {

// What kind of group an element of the core is. Structural clauses (at-most-one ladders, ranges,
// required-by, extra definitions, the definitions of prescription conditions) are always hard and
// never appear. A prescription group is every clause one unit forbids (PrescriptionOrigin with its
// rule). New constraint kinds become new kinds here: see docs/explanations.md.
// An exclusion group (requires_python ... sieve) is one (package, encoder::ExclusionKind): the
// releases of the package that kind keeps out, as candidates of the relaxed encoding
// (encode_for_explanation) guarded by ¬x clauses with ExclusionOrigin.
enum class GroupKind {
  RootRequirement, Dependency, Prescription,
  RequiresPython, ArtifactFilter, Yanked, Prerelease, AdvisoryVeto, Constraint, Sieve
};
[[nodiscard]] GroupKind group_kind(encoder::ExclusionKind kind);
[[nodiscard]] bool is_exclusion(GroupKind kind);

// (package index, kind): one exclusion group.
using ExclusionGroup = std::pair<std::size_t, encoder::ExclusionKind>;

// A release that matches an element's requirement but is never a candidate, and why.
struct ExcludedMatch {
  std::string version;
  std::string reason;  // encoder::Exclusion::reason: "yanked", "pre-release", "requires_python ..."
};

// One group of the minimal core.
struct CoreElement {
  GroupKind kind = GroupKind::RootRequirement;
  std::size_t root = 0;              // RootRequirement: index into Problem::roots
  std::size_t edge = 0;              // Dependency: index into Universe::edges
  std::string rule;                  // Prescription: the unit, "thoth.Pillow830TypeErrorStep (pi_/pillow/step.yaml:1)"
  std::vector<std::size_t> forbidden;  // Prescription: indices into Encoding::forbidden with that rule
  ExclusionGroup exclusion{};        // exclusion kinds: the package and the kind
  std::vector<std::size_t> guarded;  // exclusion kinds: the candidates of the package it keeps out
  std::string text;                  // "you require `a>=2`" / "django 3.2 requires asgiref<4,>=3.3"
  std::string location;              // "Pipfile:3" / "index: django 3.2 requires_dist"
  std::string package;               // the required package (canonical)
  std::string requirement;           // the PEP 508 text
  bool package_missing = false;      // the index has no such package
  std::vector<ExcludedMatch> excluded;  // releases matching the requirement that are never candidates
};

// One way to make the request satisfiable: a minimal set of Pipfile changes and what it gives.
struct Fix {
  std::vector<std::string> changes;          // "drop `b` (requirement #2)", "relax `a<1` to `a` (Pipfile:4)"
  std::map<std::string, std::string> pins;   // the direct pins the changed request locks to
};

struct Explanation {
  std::vector<CoreElement> core;       // minimal: without any one element the rest is satisfiable
  std::vector<std::string> steps;      // the derivation, one sentence per step, numbered where reused
  std::vector<std::string> hints;      // verified where the text claims a lock would exist
  std::vector<Fix> fixes;              // smallest first
  std::size_t sat_calls = 0;
  double milliseconds = 0;
};

struct ExplainOptions {
  std::size_t max_fixes = 3;
  bool fixes = true;   // compute fixes (they re-encode the request, the costliest part)
  bool hints = true;   // compute hints that need a solve (another Python, pre-releases)
};

// The encoding explanations work on: the problem with Problem::relax_exclusions, so excluded
// releases some requirement matches are candidates guarded by exclusion groups. Falls back to the
// normal encoding when the relaxed universe is over the size limit (--max-universe).
// The encoding points into its problem (root requirements), so both are kept together.
struct RelaxedEncoding {
  std::unique_ptr<encoder::Problem> problem;
  encoder::Encoding encoding;
};
[[nodiscard]] RelaxedEncoding encode_for_explanation(const encoder::Problem& problem, index::PackageSource& source);

// Precondition: the encoding's hard clauses with every active root selector assumed are unsatisfiable.
// The core and derivation work on encode_for_explanation(problem, source), not on `encoding`.
[[nodiscard]] Explanation explain(const encoder::Problem& problem, const encoder::Encoding& encoding,
                                  index::PackageSource& source, const ExplainOptions& options = {});

// The minimal core alone (deletion-based MUS with core trimming), as groups: roots, edges, rules and
// (in a relaxed encoding) exclusion groups.
struct Core {
  std::vector<std::size_t> roots;  // indices into Problem::roots, ascending
  std::vector<std::size_t> edges;  // indices into Universe::edges (non-root edges), ascending
  std::vector<std::string> rules;  // prescription rules (ForbiddenCondition::rule), sorted
  std::vector<ExclusionGroup> exclusions;  // exclusion groups (relaxed encodings only), sorted
  std::size_t sat_calls = 0;
};
[[nodiscard]] Core minimal_core(const encoder::Encoding& encoding);

// Is the encoding satisfiable with exactly these groups enforced (every other group relaxed)?
// Without `rules`, every prescription rule is enforced; without `exclusions`, every exclusion group.
[[nodiscard]] bool satisfiable_with(const encoder::Encoding& encoding, const std::vector<std::size_t>& roots,
                                    const std::vector<std::size_t>& edges,
                                    const std::optional<std::vector<std::string>>& rules = std::nullopt,
                                    const std::optional<std::vector<ExclusionGroup>>& exclusions = std::nullopt);

// The derivation over a core (derivation.cpp).
[[nodiscard]] std::vector<std::string> derive(const encoder::Problem& problem, const encoder::Encoding& encoding,
                                              const std::vector<CoreElement>& core);

// Best effort: the largest satisfiable subset of the active roots (MaxSAT over their selectors),
// then the usual objective. `left_out` lists the roots not enforced.
struct BestEffort {
  sat::MaxSatResult solved;
  std::vector<std::size_t> left_out;
};
[[nodiscard]] BestEffort best_effort(const encoder::Encoding& encoding, const sat::SolveLimits& limits = {});

// "Because ..." text: the steps, then hints and fixes. Short by default; `verbose` adds the core
// elements with their kinds and locations, every excluded release, and the cost.
[[nodiscard]] std::string render_text(const Explanation& explanation, bool verbose);
[[nodiscard]] nlohmann::json to_json(const Explanation& explanation);
[[nodiscard]] const char* kind_name(GroupKind kind);

}  // namespace thoth::explain
