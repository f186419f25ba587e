// One advise run, end to end and in memory: root requirements + target environment + package
// source -> encode -> lexicographic MaxSAT -> decode into pins and a dependency graph.
// No file I/O and no printing here: cli/ reads inputs and writes the lock and the report.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advise/justification.hpp"
#include "advise/prescribe.hpp"
#include "advisories/advisory.hpp"
#include "advisories/scorecard.hpp"
#include "env/environment.hpp"
#include "encoder/problem.hpp"
#include "explain/explain.hpp"
#include "env/thoth_config.hpp"
#include "index/index.hpp"
#include "packaging/requirement.hpp"
#include "solver/maxsat.hpp"

namespace thoth::advise {

struct RootRequirement {
  packaging::Requirement requirement;
  std::string section = "default";  // lock section: default, develop, or a custom category
  std::string origin;               // where it was written: "Pipfile:7" or "requirement #2"
};

struct AdviseRequest {
  std::vector<RootRequirement> roots;
  std::vector<encoder::Constraint> constraints;  // pip -c constraints: restrict versions, never add packages
  env::TargetEnvironment environment;
  bool allow_prereleases = false;  // global opt-in ([pipenv] allow_prereleases)
  sat::SolveLimits limits;         // per whole solve; zero = unlimited
  bool explain = true;             // when unsatisfiable: compute the explanation (docs/explanations.md)
  bool explain_fixes = true;       // ... with hints and fixes, which re-solve changed requests
  bool best_effort = false;        // when unsatisfiable: lock the largest satisfiable subset of the roots
  // Try the newest-first universe (encoder/newest_universe.hpp) and the newest-candidate shortcut
  // (encoder/newest_lock.hpp) before the SAT solver. Off only in tests that compare the two.
  bool newest_shortcut = true;
  env::RecommendationType recommendation = env::RecommendationType::Stable;
  const advisories::AdvisoryDatabase* advisories = nullptr;  // none: no advisory level, no vetoes
  const advisories::ScorecardSet* scorecards = nullptr;      // none: no scorecard penalties
  // Per-candidate scores (canonical name -> version text -> milli-points); see encoder::Problem.
  std::map<std::string, std::map<std::string, std::int64_t>> candidate_scores;
  // Thoth prescriptions (advise/prescribe.hpp); none by default. Units register against the
  // environment, `recommendation` and the labels in `prescriptions.facts`.
  PrescriptionRequest prescriptions;
};

// The global pre-release opt-in in force (the user's, or always under `testing`).
[[nodiscard]] bool prereleases_allowed(const AdviseRequest& request);

struct Pin {
  std::string name;                 // canonical
  std::string version;              // as published
  std::set<std::string> extras;     // extras requested of it (canonical)
  std::set<std::string> sections;   // lock sections it belongs to
  bool direct = false;              // named by a root requirement
  // The release's files that install in the target environment, best first (empty when the index
  // lists no files: one pure-Python wheel). The lock lists only these files' hashes.
  std::vector<std::string> files;
};

// `from` requires `to` through `requirement`; `from` is empty for a root requirement.
struct GraphEdge {
  std::string from;
  std::string from_version;
  std::string to;
  std::string requirement;  // the PEP 508 text, e.g. "idna<4,>=2.5"
};

struct Timings {
  double encode_ms = 0;
  double solve_ms = 0;
  double decode_ms = 0;
  double explain_ms = 0;  // the explanation (core, derivation, hints, fixes), part of decode_ms
  double prescriptions_ms = 0;  // loading and registering prescription units
};

struct EncodingSize {
  std::size_t packages = 0;
  std::size_t candidates = 0;
  std::size_t variables = 0;
  std::size_t clauses = 0;
  // The newest-first universe (encoder/newest_universe.hpp) was encoded instead of the complete one:
  // the sizes above are of that universe, whose optimum is proven to be the complete one's.
  bool newest_first = false;
};

enum class Outcome { Locked, Unsatisfiable, Unknown /* budget ran out before any lock */ };

struct AdviseResult {
  Outcome outcome = Outcome::Unknown;
  bool proven_optimal = false;
  std::map<std::string, Pin> pins;          // canonical name -> pin
  std::vector<GraphEdge> graph;             // sorted
  std::vector<sat::LevelOutcome> levels;    // objective value per level
  // When Unsatisfiable: security vetoes, then the roots and prescriptions of the minimal core.
  std::vector<std::string> conflict;
  std::optional<explain::Explanation> explanation;  // when no lock for the whole request (and explain)
  std::vector<std::string> left_out;        // best effort: roots not enforced ("`b` (requirement #2)")
  std::string recommendation;               // "stable", ...
  std::vector<Justification> justifications;  // advisories, scorecards, prescriptions; sorted (justification_less)
  EncodingSize size;
  Timings timings;
  std::uint64_t sat_calls = 0;              // 0 when the newest-candidate shortcut answered
  PrescriptionReport prescriptions;
};

[[nodiscard]] AdviseResult advise(const AdviseRequest& request, index::PackageSource& source);

class PrescriptionSession;

// The encoder's problem for a request: its roots, environment and pre-release policy, the security
// facts (vetoes, advisory costs) of its recommendation type, and the rules compiled from its
// prescriptions (the units of every package the universe reaches are loaded and registered here).
// The problem's rule hooks keep the prescription session alive; pass `prescriptions` to get it too
// (advise reads the final lock with it; it stays null when the request has no prescriptions). Request and source must outlive the problem.
// Tests encode the problem directly.
[[nodiscard]] encoder::Problem to_problem(const AdviseRequest& request, index::PackageSource& source,
                                          std::shared_ptr<PrescriptionSession>* prescriptions = nullptr);

// The whole result as JSON (used by `--json`, fixtures and the benchmark).
[[nodiscard]] nlohmann::json result_to_json(const AdviseResult& result);

}  // namespace thoth::advise
