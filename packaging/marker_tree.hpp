// Private: the expression tree behind Marker, shaped like packaging's marker lists so that str()
// reproduces packaging's output exactly: a node is one parenthesised (or the top-level) sequence of
// items joined by "and"/"or"; an item is a comparison or a nested node.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "packaging/marker.hpp"
#include "packaging/specifier.hpp"

namespace thoth::packaging {

struct MarkerOperand {
  bool is_variable = false;  // an environment variable (normalised name) or a quoted value
  std::string text;
};

struct MarkerComparison {
  MarkerOperand lhs;
  std::string op;  // "==", "in", "not in", ...
  MarkerOperand rhs;
  // When lhs is a variable compared as a version: Specifier(op + rhs), parsed once.
  std::optional<Specifier> version_specifier;
};

using MarkerItem = std::variant<MarkerComparison, std::shared_ptr<const MarkerNode>>;

struct MarkerNode {
  std::vector<MarkerItem> items;
  std::vector<bool> joined_by_or;  // joined_by_or[i]: the operator between items[i] and items[i+1]
};

namespace detail {

// Parses a whole marker expression (packaging's _parse_full_marker).
[[nodiscard]] Result<std::shared_ptr<const MarkerNode>> parse_marker_tree(std::string_view text);

// Variables whose values are compared as versions (packaging's MARKERS_REQUIRING_VERSION).
[[nodiscard]] bool is_version_variable(std::string_view name);

}  // namespace detail
}  // namespace thoth::packaging
