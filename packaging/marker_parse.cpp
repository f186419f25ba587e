// Recursive-descent parser of PEP 508 markers, after packaging's `_parser.py`:
//   marker      = marker_atom (BOOLOP marker_atom)*
//   marker_atom = WS? "(" WS? marker WS? ")" WS? | WS? marker_item WS?
//   marker_item = WS? marker_var WS? marker_op WS? marker_var WS?
//   marker_var  = VARIABLE | QUOTED_STRING          marker_op = "in" | "not" WS "in" | OP
// Legacy dotted names (os.name) become os_name and python_implementation becomes
// platform_python_implementation; values compared with extra/extras/dependency_groups are
// normalised (PEP 685), as packaging does when it builds a Marker.
#include <algorithm>

#include "base/limits.hpp"
#include "packaging/lexer.hpp"
#include "packaging/marker_tree.hpp"
#include "packaging/name.hpp"

namespace thoth::packaging {
namespace {

using detail::Lexer;
using NodePtr = std::shared_ptr<const MarkerNode>;

Result<NodePtr> parse_marker_list(Lexer& lexer, int depth);

std::string normalised_variable(std::string_view written) {
  std::string name(written);
  std::replace(name.begin(), name.end(), '.', '_');
  if (name == "python_implementation") return "platform_python_implementation";
  return name;
}

Result<MarkerOperand> parse_operand(Lexer& lexer) {
  if (auto variable = lexer.read_variable()) return MarkerOperand{true, normalised_variable(*variable)};
  std::size_t start = lexer.position();
  if (auto token = lexer.read_quoted_string()) {
    auto value = detail::decode_python_string(*token);
    if (!value) {
      return Error{"expected a valid quoted string, found `" + std::string(*token) + "`",
                   "column " + std::to_string(start + 1), {}};
    }
    return MarkerOperand{false, std::move(*value)};
  }
  return lexer.error("a marker variable or quoted string");
}

Result<std::string> parse_operator(Lexer& lexer) {
  if (lexer.consume_word("in")) return std::string("in");
  if (lexer.consume_word("not")) {
    std::size_t before = lexer.position();
    lexer.skip_spaces();
    if (lexer.position() == before) return lexer.error("whitespace after `not`");
    if (!lexer.consume_word("in")) return lexer.error("`in` after `not`");
    return std::string("not in");
  }
  if (auto op = lexer.read_comparison()) return std::string(*op);
  return lexer.error("a marker operator (<=, <, !=, ==, >=, >, ~=, ===, in, not in)");
}

bool is_extra_like(const MarkerOperand& operand) {
  return operand.is_variable &&
         (operand.text == "extra" || operand.text == "extras" || operand.text == "dependency_groups");
}

void normalise_extra_value(MarkerComparison& comparison) {
  if (is_extra_like(comparison.lhs) && !comparison.rhs.is_variable) {
    comparison.rhs.text = canonicalize_name(comparison.rhs.text);
  } else if (is_extra_like(comparison.rhs) && !comparison.lhs.is_variable) {
    comparison.lhs.text = canonicalize_name(comparison.lhs.text);
  }
}

Result<MarkerComparison> parse_comparison(Lexer& lexer) {
  MarkerComparison comparison;
  lexer.skip_spaces();
  auto lhs = parse_operand(lexer);
  if (!lhs) return lhs.error();
  lexer.skip_spaces();
  auto op = parse_operator(lexer);
  if (!op) return op.error();
  lexer.skip_spaces();
  auto rhs = parse_operand(lexer);
  if (!rhs) return rhs.error();
  lexer.skip_spaces();
  comparison.lhs = std::move(*lhs);
  comparison.op = std::move(*op);
  comparison.rhs = std::move(*rhs);
  normalise_extra_value(comparison);
  if (comparison.lhs.is_variable && detail::is_version_variable(comparison.lhs.text)) {
    if (auto spec = Specifier::parse(comparison.op + comparison.rhs.text)) comparison.version_specifier = *spec;
  }
  return comparison;
}

// Parses one marker_atom and appends it to `node`; returns the error, if any. `depth` counts the
// open parentheses: the parser, printer, evaluator and destructor recurse once per level, so the
// nesting is bounded (base/limits.hpp) instead of overflowing the stack.
std::optional<Error> append_atom(Lexer& lexer, MarkerNode& node, int depth) {
  lexer.skip_spaces();
  if (!lexer.peek('(')) {
    auto comparison = parse_comparison(lexer);
    if (!comparison) return comparison.error();
    lexer.skip_spaces();
    node.items.emplace_back(std::in_place_index<0>, std::move(*comparison));
    return std::nullopt;
  }
  if (depth >= input_limits().max_nesting)
    return Error{"marker parentheses " + nesting_limit_message(), "column " + std::to_string(lexer.position() + 1),
                 nesting_limit_hint()};
  lexer.consume('(');
  lexer.skip_spaces();
  auto inner = parse_marker_list(lexer, depth + 1);
  if (!inner) return inner.error();
  lexer.skip_spaces();
  if (!lexer.consume(')')) return lexer.error("`)` closing the marker expression");
  lexer.skip_spaces();
  node.items.emplace_back(std::in_place_index<1>, std::move(*inner));
  return std::nullopt;
}

Result<NodePtr> parse_marker_list(Lexer& lexer, int depth) {
  auto node = std::make_shared<MarkerNode>();
  if (auto error = append_atom(lexer, *node, depth)) return *error;
  while (auto bool_op = lexer.read_bool_operator()) {
    node->joined_by_or.push_back(*bool_op == "or");
    if (auto error = append_atom(lexer, *node, depth)) return *error;
  }
  return NodePtr(std::move(node));
}

}  // namespace

namespace detail {

bool is_version_variable(std::string_view name) {
  return name == "python_version" || name == "python_full_version" || name == "implementation_version" ||
         name == "platform_release";
}

Result<NodePtr> parse_marker_tree(std::string_view text) {
  Lexer lexer(text);
  auto tree = parse_marker_list(lexer, 0);
  if (!tree) return tree.error();
  if (!lexer.at_end()) return lexer.error("`and`, `or` or the end of the marker");
  return tree;
}

}  // namespace detail
}  // namespace thoth::packaging
