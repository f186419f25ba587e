// One advise run, end to end and in memory: root requirements + target environment + package
// source -> encode -> lexicographic MaxSAT -> decode into pins and a dependency graph.
// No file I/O and no printing here: cli/ reads inputs and writes the lock and the report.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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
  env::RecommendationType recommendation = env::RecommendationType::Stable;
  const advisories::AdvisoryDatabase* advisories = nullptr;  // none: no advisory level, no vetoes
  const advisories::ScorecardSet* scorecards = nullptr;      // none: no scorecard penalties
  // Hook for prescription scores (canonical name -> version text -> score); see encoder::Problem.
  std::map<std::string, std::map<std::string, std::int64_t>> candidate_scores;
};

// The global pre-release opt-in in force (the user's, or always under `testing`).
[[nodiscard]] bool prereleases_allowed(const AdviseRequest& request);

// A generic, printable statement about the result: why a pin is there, what is wrong with it.
enum class JustificationType { Info, Warning, Error };
struct Justification {
  JustificationType type = JustificationType::Info;
  std::string package;  // canonical name, empty when about the whole lock
  std::string message;
  std::string link;     // a URL, may be empty
  std::string source;   // where the fact comes from: "advisories", "scorecards", ...
};
[[nodiscard]] const char* justification_type_name(JustificationType type);  // "INFO", "WARNING", "ERROR"

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
};

struct EncodingSize {
  std::size_t packages = 0;
  std::size_t candidates = 0;
  std::size_t variables = 0;
  std::size_t clauses = 0;
};

enum class Outcome { Locked, Unsatisfiable, Unknown /* budget ran out before any lock */ };

struct AdviseResult {
  Outcome outcome = Outcome::Unknown;
  bool proven_optimal = false;
  std::map<std::string, Pin> pins;          // canonical name -> pin
  std::vector<GraphEdge> graph;             // sorted
  std::vector<sat::LevelOutcome> levels;    // objective value per level
  std::vector<std::string> conflict;        // when Unsatisfiable: the roots of the minimal core, then security vetoes
  std::optional<explain::Explanation> explanation;  // when no lock for the whole request (and explain)
  std::vector<std::string> left_out;        // best effort: roots not enforced ("`b` (requirement #2)")
  std::string recommendation;               // "stable", ...
  std::vector<Justification> justifications;  // in pin order, then by type
  EncodingSize size;
  Timings timings;
};

[[nodiscard]] AdviseResult advise(const AdviseRequest& request, index::PackageSource& source);

// The encoder's problem for a request: its roots, environment and pre-release policy, plus the
// security facts (vetoes, advisory costs) of its recommendation type. Tests encode it directly.
[[nodiscard]] encoder::Problem to_problem(const AdviseRequest& request, index::PackageSource& source);

// The whole result as JSON (used by `--json`, fixtures and the benchmark).
[[nodiscard]] nlohmann::json result_to_json(const AdviseResult& result);

}  // namespace thoth::advise
