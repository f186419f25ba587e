// State shared by every step of one solve_lexicographic() call: the budget left for the whole call
// and the best model seen so far (the "incumbent"), so a timeout still yields a valid lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "solver/sat_solver.hpp"
#include "solver/types.hpp"

namespace thoth::sat {

// Saturating sum: weights are arbitrary uint64, and a cost must never wrap around.
[[nodiscard]] std::uint64_t add_saturating(std::uint64_t a, std::uint64_t b);

// The sum of the weights of the true literals of `level` in `model` (unknown variables are false).
[[nodiscard]] std::uint64_t level_cost(std::span<const WeightedLit> costs, const std::vector<bool>& model);

// What remains of the call's time and conflict limits (zero = unlimited), measured on one solver.
class Budget {
 public:
  Budget(const SolveLimits& limits, const SatSolver& solver);

  // Limits for the next SAT call, at most `conflict_cap` conflicts when non-zero; nullopt once spent.
  [[nodiscard]] std::optional<SolveLimits> next_call(std::uint64_t conflict_cap = 0) const;

 private:
  const SatSolver& m_solver;
  std::optional<std::chrono::steady_clock::time_point> m_deadline;
  std::uint64_t m_conflicts_at_start = 0;
  std::uint64_t m_conflict_limit = 0;
};

// The lexicographically cheapest model offered so far, with its cost per level.
class Incumbent {
 public:
  Incumbent(std::span<const ObjectiveLevel> levels, std::uint32_t user_vars);

  // Keeps `model` (truncated to the user's variables) when it is cheaper; returns true then.
  bool offer(const std::vector<bool>& model);

  [[nodiscard]] bool has_model() const { return m_has_model; }
  [[nodiscard]] const std::vector<bool>& model() const { return m_model; }
  [[nodiscard]] const std::vector<std::uint64_t>& costs() const { return m_costs; }

 private:
  std::span<const ObjectiveLevel> m_levels;
  std::uint32_t m_user_vars;
  std::vector<bool> m_model;
  std::vector<std::uint64_t> m_costs;
  bool m_has_model = false;
};

}  // namespace thoth::sat
