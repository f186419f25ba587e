// An incremental SAT solver with assumptions (CryptoMiniSat 5 behind a pImpl, so its headers never
// reach ours). Single-threaded and seeded: the same calls give the same answers.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "solver/types.hpp"

namespace thoth::sat {

// Budgets for one call; zero means unlimited. Time is wall-clock from the start of the call.
struct SolveLimits {
  std::chrono::milliseconds time{0};
  std::uint64_t conflicts = 0;
};

enum class Answer { Satisfiable, Unsatisfiable, Unknown };

class SatSolver {
 public:
  SatSolver();
  ~SatSolver();
  SatSolver(const SatSolver&) = delete;
  SatSolver& operator=(const SatSolver&) = delete;

  void ensure_vars(std::uint32_t count);          // grows to at least `count` variables
  [[nodiscard]] Var new_var();
  [[nodiscard]] std::uint32_t num_vars() const;
  void add_clause(std::span<const Lit> clause);   // grows variables as needed
  void add_cnf(const Cnf& cnf);

  // ensures: on Satisfiable, model() is valid; on Unsatisfiable, failed_assumptions() is valid.
  [[nodiscard]] Answer solve(std::span<const Lit> assumptions = {}, const SolveLimits& limits = {});
  [[nodiscard]] bool value(Var v) const;          // in the last model
  [[nodiscard]] bool value(Lit l) const { return value(l.var()) != l.negated(); }
  [[nodiscard]] const std::vector<bool>& model() const { return m_model; }
  // A subset of the assumptions that cannot all hold (empty when the clauses alone are unsat).
  [[nodiscard]] const std::vector<Lit>& failed_assumptions() const { return m_failed; }

  [[nodiscard]] std::uint64_t calls() const { return m_calls; }
  [[nodiscard]] std::uint64_t conflicts() const;   // summed over every solve() so far

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  std::vector<bool> m_model;
  std::vector<Lit> m_failed;
  std::uint64_t m_calls = 0;
};

}  // namespace thoth::sat
