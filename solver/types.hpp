// SAT vocabulary: variables, literals, clauses, weighted objective terms. Knows nothing of Python.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

namespace thoth::sat {

struct Var {
  std::uint32_t index = 0;  // 0-based
  friend auto operator<=>(const Var&, const Var&) = default;
};

class Lit {
 public:
  constexpr Lit() = default;
  constexpr Lit(Var v, bool negated) : m_code(v.index * 2 + (negated ? 1U : 0U)) {}
  [[nodiscard]] static constexpr Lit positive(Var v) { return Lit(v, false); }
  [[nodiscard]] static constexpr Lit negative(Var v) { return Lit(v, true); }
  [[nodiscard]] constexpr Var var() const { return Var{m_code >> 1}; }
  [[nodiscard]] constexpr bool negated() const { return (m_code & 1U) != 0; }
  [[nodiscard]] constexpr Lit operator~() const { Lit l; l.m_code = m_code ^ 1U; return l; }
  [[nodiscard]] constexpr std::uint32_t code() const { return m_code; }
  [[nodiscard]] long dimacs() const { return negated() ? -static_cast<long>(var().index + 1) : var().index + 1; }
  friend constexpr auto operator<=>(const Lit&, const Lit&) = default;

 private:
  std::uint32_t m_code = 0;
};

using Clause = std::vector<Lit>;

// Hard clauses over variables 0..num_vars()-1.
class Cnf {
 public:
  Var new_var() { return Var{m_num_vars++}; }
  void add_clause(Clause clause) { m_clauses.push_back(std::move(clause)); }
  [[nodiscard]] std::uint32_t num_vars() const { return m_num_vars; }
  [[nodiscard]] const std::vector<Clause>& clauses() const { return m_clauses; }

 private:
  std::uint32_t m_num_vars = 0;
  std::vector<Clause> m_clauses;
};

// Costs `weight` when `lit` is true in the model.
struct WeightedLit {
  Lit lit;
  std::uint64_t weight = 1;
};

// One lexicographic level: minimise the sum of the weights of its true literals.
struct ObjectiveLevel {
  std::string name;
  std::vector<WeightedLit> costs;
};

}  // namespace thoth::sat
