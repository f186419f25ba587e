// Incremental totalizer: see totalizer.hpp for the encoding and why it is lazy.
//
// SAT form of an inner node with children L, R and outputs O (L(0) = R(0) = true):
//   for every i <= |L|, j <= |R| with 0 < i + j <= bound:   (¬L(i) ∨ ¬R(j) ∨ O(i+j))
// Extending the bound from b to b' adds exactly the pairs with b < i + j <= b'; the pairs with
// i + j <= b only use outputs that already existed, so they were added before.
#include "solver/totalizer.hpp"

#include <algorithm>
#include <stdexcept>

namespace thoth::sat {

Totalizer::Totalizer(const std::vector<Lit>& inputs) {
  if (inputs.empty()) throw std::invalid_argument("Totalizer: expected at least one input, found none");
  m_nodes.reserve(2 * inputs.size());
  m_root = build_tree(inputs, 0, inputs.size());
}

std::int32_t Totalizer::build_tree(const std::vector<Lit>& inputs, std::size_t begin, std::size_t end) {
  if (end - begin == 1) {
    m_nodes.push_back(Node{.leaves = 1, .built = 1, .outputs = {inputs[begin]}});
    return static_cast<std::int32_t>(m_nodes.size() - 1);
  }
  const std::size_t middle = begin + (end - begin) / 2;
  const std::int32_t left = build_tree(inputs, begin, middle);
  const std::int32_t right = build_tree(inputs, middle, end);
  m_nodes.push_back(Node{.left = left, .right = right, .leaves = static_cast<std::uint32_t>(end - begin), .built = 0, .outputs = {}});
  return static_cast<std::int32_t>(m_nodes.size() - 1);
}

void Totalizer::extend(SatSolver& solver, std::uint32_t count) { extend_node(solver, m_root, count); }

void Totalizer::extend_node(SatSolver& solver, std::int32_t index, std::uint32_t count) {
  const std::uint32_t target = std::min(count, m_nodes[index].leaves);
  const std::uint32_t old_built = m_nodes[index].built;
  if (target <= old_built) return;
  const std::int32_t left = m_nodes[index].left;
  const std::int32_t right = m_nodes[index].right;
  extend_node(solver, left, target);
  extend_node(solver, right, target);
  for (std::uint32_t j = old_built; j < target; ++j) m_nodes[index].outputs.push_back(Lit::positive(solver.new_var()));
  m_nodes[index].built = target;

  const std::vector<Lit>& left_out = m_nodes[left].outputs;
  const std::vector<Lit>& right_out = m_nodes[right].outputs;
  const std::vector<Lit>& out = m_nodes[index].outputs;
  std::vector<Lit> clause;
  for (std::uint32_t i = 0; i <= left_out.size(); ++i) {
    for (std::uint32_t j = 0; j <= right_out.size(); ++j) {
      const std::uint32_t sum = i + j;
      if (sum <= old_built || sum > target) continue;
      clause.clear();
      if (i > 0) clause.push_back(~left_out[i - 1]);
      if (j > 0) clause.push_back(~right_out[j - 1]);
      clause.push_back(out[sum - 1]);
      solver.add_clause(clause);
    }
  }
}

Lit Totalizer::at_least(std::uint32_t j) const {
  const Node& root = m_nodes[m_root];
  if (j == 0 || j > root.built) throw std::out_of_range("Totalizer::at_least: output not built");
  return root.outputs[j - 1];
}

}  // namespace thoth::sat
