// Budget and incumbent of one MaxSAT call (see search_state.hpp).
#include "solver/search_state.hpp"

#include <algorithm>
#include <limits>

namespace thoth::sat {

std::uint64_t add_saturating(std::uint64_t a, std::uint64_t b) {
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  return a > max - b ? max : a + b;
}

std::uint64_t level_cost(std::span<const WeightedLit> costs, const std::vector<bool>& model) {
  std::uint64_t sum = 0;
  for (const WeightedLit& term : costs) {
    const std::uint32_t index = term.lit.var().index;
    const bool value = index < model.size() && model[index];
    if (value != term.lit.negated()) sum = add_saturating(sum, term.weight);
  }
  return sum;
}

Budget::Budget(const SolveLimits& limits, const SatSolver& solver)
    : m_solver(solver), m_conflicts_at_start(solver.conflicts()), m_conflict_limit(limits.conflicts) {
  if (limits.time.count() > 0) m_deadline = std::chrono::steady_clock::now() + limits.time;
}

std::optional<SolveLimits> Budget::next_call(std::uint64_t conflict_cap) const {
  SolveLimits limits;
  if (m_deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*m_deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    limits.time = left;
  }
  if (m_conflict_limit > 0) {
    const std::uint64_t used = m_solver.conflicts() - m_conflicts_at_start;
    if (used >= m_conflict_limit) return std::nullopt;
    limits.conflicts = m_conflict_limit - used;
  }
  if (conflict_cap > 0) limits.conflicts = limits.conflicts == 0 ? conflict_cap : std::min(limits.conflicts, conflict_cap);
  return limits;
}

Incumbent::Incumbent(std::span<const ObjectiveLevel> levels, std::uint32_t user_vars)
    : m_levels(levels), m_user_vars(user_vars) {}

bool Incumbent::offer(const std::vector<bool>& model) {
  std::vector<std::uint64_t> costs;
  costs.reserve(m_levels.size());
  for (const ObjectiveLevel& level : m_levels) costs.push_back(level_cost(level.costs, model));
  if (has_model() && !(costs < m_costs)) return false;
  m_costs = std::move(costs);
  m_has_model = true;
  m_model.assign(m_user_vars, false);
  std::copy_n(model.begin(), std::min<std::size_t>(m_user_vars, model.size()), m_model.begin());
  return true;
}

}  // namespace thoth::sat
