// Incremental totalizer (Bailleux & Boufkhad 2003; the incremental form of Martins et al. 2014 used by
// RC2): a balanced tree of unary counters over input literals, whose root outputs read
// "at least j inputs are true". Outputs are built lazily, only up to the bound the caller needs, so a
// core of k literals costs O(k * bound) clauses instead of O(k^2).
//
// Only the upward direction is encoded, (inputs count >= j) -> out(j): that is all a minimiser needs,
// since it only ever asserts or assumes NOT out(j) ("at most j-1 inputs are true").
//
//   Totalizer t(inputs);
//   t.extend(solver, 2);                       // builds out(1), out(2)
//   solver.solve({{~t.at_least(2)}});          // at most one input true
#pragma once

#include <cstdint>
#include <vector>

#include "solver/sat_solver.hpp"
#include "solver/types.hpp"

namespace thoth::sat {

class Totalizer {
 public:
  explicit Totalizer(const std::vector<Lit>& inputs);

  // ensures: at_least(1..min(count, size())) exist and their clauses are in `solver`.
  void extend(SatSolver& solver, std::uint32_t count);

  // requires: 1 <= j <= built().  The literal "at least j inputs are true".
  [[nodiscard]] Lit at_least(std::uint32_t j) const;
  [[nodiscard]] std::uint32_t built() const { return m_nodes[m_root].built; }
  [[nodiscard]] std::uint32_t size() const { return m_nodes[m_root].leaves; }

 private:
  struct Node {
    std::int32_t left = -1;   // -1 for a leaf
    std::int32_t right = -1;
    std::uint32_t leaves = 0;
    std::uint32_t built = 0;  // outputs[0..built) exist
    std::vector<Lit> outputs; // outputs[j-1] = "at least j of my leaves are true"
  };

  std::int32_t build_tree(const std::vector<Lit>& inputs, std::size_t begin, std::size_t end);
  void extend_node(SatSolver& solver, std::int32_t index, std::uint32_t count);

  std::vector<Node> m_nodes;
  std::int32_t m_root = 0;
};

}  // namespace thoth::sat
