// SAT vocabulary: variables, literals, clauses, weighted objective terms. Knows nothing of Python.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <span>
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

// The clauses of a Cnf, stored flat: one array of literals and where each clause ends. Clause i is
// a span into it; there is no allocation per clause (encodings hold thousands of short clauses).
class ClauseList {
 public:
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::span<const Lit>;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::span<const Lit>;
    Iterator() = default;
    Iterator(const ClauseList* list, std::size_t index) : m_list(list), m_index(index) {}
    std::span<const Lit> operator*() const { return (*m_list)[m_index]; }
    Iterator& operator++() { ++m_index; return *this; }
    Iterator operator++(int) { Iterator before = *this; ++m_index; return before; }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.m_index == b.m_index; }

   private:
    const ClauseList* m_list = nullptr;
    std::size_t m_index = 0;
  };

  [[nodiscard]] std::size_t size() const { return m_ends.size(); }
  [[nodiscard]] bool empty() const { return m_ends.empty(); }
  [[nodiscard]] std::span<const Lit> operator[](std::size_t i) const {
    std::size_t begin = i == 0 ? 0 : m_ends[i - 1];
    return {m_lits.data() + begin, m_ends[i] - begin};
  }
  [[nodiscard]] Iterator begin() const { return {this, 0}; }
  [[nodiscard]] Iterator end() const { return {this, size()}; }

 private:
  friend class Cnf;
  std::vector<Lit> m_lits;
  std::vector<std::size_t> m_ends;  // clause i is m_lits[m_ends[i-1] .. m_ends[i])
};

// Hard clauses over variables 0..num_vars()-1.
class Cnf {
 public:
  Var new_var() { return Var{m_num_vars++}; }
  void add_clause(std::span<const Lit> clause) {
    std::vector<Lit>& lits = m_clauses.m_lits;
    std::less<const Lit*> before;  // a total order, also between unrelated arrays
    bool own = !lits.empty() && !before(clause.data(), lits.data()) && before(clause.data(), lits.data() + lits.size());
    if (own) {  // a clause of this Cnf again: copy it first, inserting may move the storage
      std::vector<Lit> copy(clause.begin(), clause.end());
      lits.insert(lits.end(), copy.begin(), copy.end());
    } else {
      lits.insert(lits.end(), clause.begin(), clause.end());
    }
    m_clauses.m_ends.push_back(lits.size());
  }
  void add_clause(std::initializer_list<Lit> clause) { add_clause(std::span<const Lit>(clause.begin(), clause.size())); }
  // Room for `clauses` more clauses of `literals` literals in all (growing the storage is most of a
  // small encoding's cost otherwise).
  void reserve(std::size_t clauses, std::size_t literals) {
    m_clauses.m_ends.reserve(m_clauses.m_ends.size() + clauses);
    m_clauses.m_lits.reserve(m_clauses.m_lits.size() + literals);
  }
  [[nodiscard]] std::uint32_t num_vars() const { return m_num_vars; }
  [[nodiscard]] const ClauseList& clauses() const { return m_clauses; }

 private:
  std::uint32_t m_num_vars = 0;
  ClauseList m_clauses;
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
