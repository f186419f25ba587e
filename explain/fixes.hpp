// Hints and fixes: what would make a failed request satisfiable, each claim checked by a solve.
//
// Fixes are minimal correction sets over the root requirements: each root may be kept, relaxed
// (its upper bound dropped: `<`, `<=` and `===` removed, `==V`, `==V.*` and `~=V` become `>=V`) or
// dropped, at costs 0, 1 and 3; a relaxed root then gets back an upper bound just above the version
// the fix locks, when that gives the same pins (`urllib3<1.25` -> `urllib3<2.1`). A MaxSAT over the selectors of the roots and of their relaxed copies
// finds the cheapest change; blocking every superset of it and solving again gives the next one.
// The global pre-release opt-in is offered as a fix when a pre-release matches a core requirement.
#pragma once

#include <optional>

#include "explain/explain.hpp"

namespace thoth::explain {

// `a<1,>=0.5` -> `a>=0.5`; nullopt when the requirement has no upper bound.
[[nodiscard]] std::optional<packaging::Requirement> without_upper_bound(const packaging::Requirement& requirement);

class FixSearch {
 public:
  FixSearch(const encoder::Problem& problem, index::PackageSource& source, const std::vector<CoreElement>& core)
      : m_problem(problem), m_source(source), m_core(core) {}

  // `solve`: also check another Python and the pre-release opt-in by solving.
  [[nodiscard]] std::vector<std::string> hints(bool solve);
  [[nodiscard]] std::vector<Fix> fixes(std::size_t max);
  [[nodiscard]] std::size_t sat_calls() const { return m_sat_calls; }

 private:
  bool satisfiable(const encoder::Problem& problem);
  std::map<std::string, std::string> direct_pins(const encoder::Problem& problem);
  std::optional<std::string> other_python(const CoreElement& element, const ExcludedMatch& match);
  std::vector<Fix> root_fixes(std::size_t max);
  void bound_relaxations(encoder::Problem& fixed, const std::vector<std::size_t>& original, Fix& fix);
  std::optional<Fix> prerelease_fix();

  const encoder::Problem& m_problem;
  index::PackageSource& m_source;
  const std::vector<CoreElement>& m_core;
  std::size_t m_sat_calls = 0;
  std::optional<bool> m_prereleases_help;
};

}  // namespace thoth::explain
