// Literals for rule conditions (encoder/rules.hpp) over an encoding's variables, and the clauses and
// objective level of forbidden and scored conditions (docs/encoding.md §6). Used by encode.cpp;
// kept apart so the rule encoding reads on its own.
//
//   ConditionEncoder conditions(encoding);
//   conditions.forbid(condition, "thoth.Pillow830TypeErrorStep (pi_/pillow/step.yaml)");
//   sat::Lit maybe = conditions.forced_by(condition, rule);   // true whenever the condition holds
//   sat::Lit surely = conditions.implies(condition, rule);    // true only when it holds
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "encoder/encoding.hpp"

namespace thoth::encoder {

class ConditionEncoder {
 public:
  explicit ConditionEncoder(Encoding& out) : m_out(out) {}

  // A literal forced true whenever `condition` holds in the model (it may be true otherwise).
  [[nodiscard]] sat::Lit forced_by(const Condition& condition, const std::string& rule);
  // A literal that can be true only when `condition` holds.
  [[nodiscard]] sat::Lit implies(const Condition& condition, const std::string& rule);
  // Hard clauses: `condition` never holds.
  void forbid(const Condition& condition, const std::string& rule);
  // Adds the cost of one scored condition (weight |score| · kScoreScale): a negative score to
  // `penalties` ("negative prescription scores"), a positive one to `rewards` ("positive prescription
  // scores"). A null level is not part of the recommendation type's objective: the score is ignored.
  void score(const ScoredCondition& scored, sat::ObjectiveLevel* penalties, sat::ObjectiveLevel* rewards);

 private:
  using Runs = std::vector<std::pair<std::size_t, std::size_t>>;  // maximal runs of matching ranks

  sat::Lit new_lit() { return sat::Lit::positive(m_out.cnf.new_var()); }
  sat::Lit constant(bool value);
  sat::Lit older(std::size_t p, std::size_t k) const;  // rank >= k; k == n is constant false
  std::optional<std::size_t> package_of(const std::string& name) const;
  Runs matching_runs(const VersionMatch& match) const;
  sat::Lit run_implied(std::size_t p, std::size_t first, std::size_t last, const std::string& rule);
  sat::Lit installed_forced(const VersionMatch& match, const std::string& rule);   // nullopt-free: false constant when none
  sat::Lit installed_implying(const VersionMatch& match, const std::string& rule);
  std::vector<std::size_t> introducing_edges(const IntroducedBy& by, bool matching_parent) const;
  sat::Lit edge_in_force(std::size_t e, const std::string& rule);
  sat::Lit introduced_forced(const IntroducedBy& by, const std::string& rule);
  sat::Lit introduced_implying(const IntroducedBy& by, const std::string& rule);
  // The clauses "¬a_1 ∨ … ∨ ¬a_k [∨ ¬i_j] ∨ tail" for each introduced_by alternative j.
  void add_negated_conjunction(const Condition& condition, const std::string& rule, std::optional<sat::Lit> tail,
                               bool hard);

  Encoding& m_out;
  std::optional<sat::Lit> m_false;
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, sat::Lit> m_runs;
  std::map<std::size_t, sat::Lit> m_edges;
};

}  // namespace thoth::encoder
