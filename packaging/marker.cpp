// PEP 508 markers: str() and evaluation with the rules of packaging 26.x (`markers.py`).
//
// Evaluation: in each comparison the variable side is looked up in the environment (when the left
// side is a quoted value, the right side names the variable, even if it too is quoted, exactly as
// packaging does). For python_version, python_full_version, implementation_version and
// platform_release the comparison is `Specifier(op + rhs).contains(lhs, prereleases=True)` when that
// specifier is valid. Otherwise strings compare: `==`/`!=` as usual, `<=`/`>=` mean equality, `<`/`>`
// are false, `in`/`not in` test substrings, `~=`/`===` are undefined. `extra` values are PEP 685
// normalised on both sides; `extras`/`dependency_groups` hold comma-separated sets (PEP 751) that
// only `in`/`not in` accept. Every comparison is evaluated (no short-circuit), so an undefined
// comparison is reported wherever it is, as in packaging.
#include "packaging/marker.hpp"

#include <map>
#include <optional>

#include "packaging/marker_tree.hpp"
#include "packaging/name.hpp"

namespace thoth::packaging {
namespace {

using NodePtr = std::shared_ptr<const MarkerNode>;

bool is_set_variable(std::string_view name) { return name == "extras" || name == "dependency_groups"; }

Error undefined_comparison(const MarkerComparison& c, std::string_view lhs, std::string_view rhs) {
  return Error{"expected a defined marker comparison, found `" + std::string(lhs) + "` " + c.op + " `" +
                   std::string(rhs) + "` (undefined comparison)",
               {}, {}};
}

// The environment value of `name`, after packaging's adjustments (extra normalised and optional,
// python_full_version ending in "+" repaired). The view points into `env`, or into `adjusted` when
// the value had to change; it is valid while both live.
Result<std::string_view> lookup(const MarkerEnvironment& env, std::string_view name, std::string& adjusted) {
  auto found = env.find(name);
  if (name == "extra") {
    if (found == env.end() || found->second.empty()) return std::string_view();
    adjusted = canonicalize_name(found->second);
    return std::string_view(adjusted);
  }
  if (found == env.end()) {
    return Error{"expected the marker environment to define `" + std::string(name) + "`, found nothing", {}, {}};
  }
  if (name == "python_full_version" && found->second.ends_with('+')) {
    adjusted = found->second + "local";
    return std::string_view(adjusted);
  }
  return std::string_view(found->second);
}

// An environment's version value parsed, or null when it is not a PEP 440 version. Environments
// hold a few such values (python_version, python_full_version, ...) that thousands of comparisons
// read, so the parses are kept per thread (at most a few dozen texts; the pointer is used at once).
const Version* environment_version(std::string_view text) {
  thread_local std::map<std::string, std::optional<Version>, std::less<>> parsed;
  auto it = parsed.find(text);
  if (it == parsed.end()) {
    if (parsed.size() >= 64) parsed.clear();
    auto version = Version::parse(text);
    it = parsed.emplace(std::string(text), version ? std::optional<Version>(*version) : std::nullopt).first;
  }
  return it->second ? &*it->second : nullptr;
}

bool set_contains(std::string_view set, std::string_view canonical_item) {
  std::size_t start = 0;
  while (start <= set.size()) {
    std::size_t comma = std::min(set.find(',', start), set.size());
    std::string_view member = set.substr(start, comma - start);
    if (!member.empty() && canonicalize_name(member) == canonical_item) return true;
    start = comma + 1;
  }
  return false;
}

Result<bool> compare_strings(const MarkerComparison& c, std::string_view lhs, std::string_view rhs) {
  const std::string& op = c.op;
  if (op == "in") return rhs.find(lhs) != std::string_view::npos;
  if (op == "not in") return rhs.find(lhs) == std::string_view::npos;
  if (op == "==" || op == "<=" || op == ">=") return lhs == rhs;
  if (op == "!=") return lhs != rhs;
  if (op == "<" || op == ">") return false;
  return undefined_comparison(c, lhs, rhs);
}

Result<bool> evaluate_comparison(const MarkerComparison& c, const MarkerEnvironment& env) {
  std::string_view key = c.lhs.is_variable ? c.lhs.text : c.rhs.text;
  std::string adjusted;
  auto looked_up = lookup(env, key, adjusted);
  if (!looked_up) return looked_up.error();
  if (is_set_variable(key)) {
    // Only `"name" in extras` / `"name" not in extras` are defined on sets.
    if (c.lhs.is_variable || (c.op != "in" && c.op != "not in")) return undefined_comparison(c, c.lhs.text, key);
    bool member = set_contains(*looked_up, canonicalize_name(c.lhs.text));
    return c.op == "in" ? member : !member;
  }
  std::string_view lhs = c.lhs.is_variable ? *looked_up : std::string_view(c.lhs.text);
  std::string_view rhs = c.lhs.is_variable ? std::string_view(c.rhs.text) : *looked_up;
  if (detail::is_version_variable(key)) {
    if (c.version_specifier) return c.version_specifier->contains(VersionCandidate{lhs, environment_version(lhs)}, true);
    if (!c.lhs.is_variable) {
      if (auto spec = Specifier::parse(c.op + std::string(rhs))) return spec->contains(lhs, true);
    }
  }
  return compare_strings(c, lhs, rhs);
}

Result<bool> evaluate_node(const MarkerNode& node, const MarkerEnvironment& env) {
  bool any_group = false;
  bool group = true;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    if (i > 0 && node.joined_by_or[i - 1]) {
      any_group = any_group || group;
      group = true;
    }
    Result<bool> value = std::holds_alternative<NodePtr>(node.items[i])
                             ? evaluate_node(*std::get<NodePtr>(node.items[i]), env)
                             : evaluate_comparison(std::get<MarkerComparison>(node.items[i]), env);
    if (!value) return value;
    group = group && *value;
  }
  return any_group || group;
}

std::string serialise_operand(const MarkerOperand& operand) {
  if (operand.is_variable) return operand.text;
  char quote = operand.text.find('"') == std::string::npos ? '"' : '\'';
  return quote + operand.text + quote;
}

void format_node(const MarkerNode& node, bool top_level, std::string& out);

void format_item(const MarkerItem& item, std::string& out) {
  if (const auto* nested = std::get_if<NodePtr>(&item)) {
    format_node(**nested, false, out);
    return;
  }
  const auto& c = std::get<MarkerComparison>(item);
  out += serialise_operand(c.lhs);
  out += ' ';
  out += c.op;
  out += ' ';
  out += serialise_operand(c.rhs);
}

// packaging's _format_marker: a one-item list prints its item without parentheses.
void format_node(const MarkerNode& node, bool top_level, std::string& out) {
  if (node.items.size() == 1) {
    if (const auto* nested = std::get_if<NodePtr>(&node.items.front())) {
      format_node(**nested, true, out);
    } else {
      format_item(node.items.front(), out);
    }
    return;
  }
  if (!top_level) out += '(';
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    if (i > 0) out += node.joined_by_or[i - 1] ? " or " : " and ";
    format_item(node.items[i], out);
  }
  if (!top_level) out += ')';
}

bool node_mentions(const MarkerNode& node, std::string_view variable) {
  for (const auto& item : node.items) {
    if (const auto* nested = std::get_if<NodePtr>(&item)) {
      if (node_mentions(**nested, variable)) return true;
      continue;
    }
    const auto& c = std::get<MarkerComparison>(item);
    if ((c.lhs.is_variable && c.lhs.text == variable) || (c.rhs.is_variable && c.rhs.text == variable)) return true;
  }
  return false;
}

}  // namespace

Result<Marker> Marker::parse(std::string_view text) {
  auto tree = detail::parse_marker_tree(text);
  if (!tree) return tree.error();
  Marker marker;
  marker.m_root = std::move(*tree);
  return marker;
}

Result<bool> Marker::evaluate(const MarkerEnvironment& env) const {
  if (!m_root) return true;
  return evaluate_node(*m_root, env);
}

std::string Marker::to_string() const {
  std::string out;
  if (m_root) format_node(*m_root, true, out);
  return out;
}

bool Marker::mentions_extra() const { return m_root && node_mentions(*m_root, "extra"); }

}  // namespace thoth::packaging
