// Builds YamlTree from libyaml's events (see yaml_tree.hpp for why) and resolves plain scalars with
// the YAML 1.1 implicit types of PyYAML's SafeLoader (resolver.py), which upstream Thoth used to load
// prescriptions: so `3.6` is a float, `yes` a boolean and `8` an integer, exactly as upstream saw them.
// libyaml is the parser under PyYAML's CSafeLoader itself, and about 8 times faster than yaml-cpp's.
#include "prescriptions/yaml_tree.hpp"

#include <cctype>
#include <map>
#include <memory>

#include <yaml.h>

#include "base/limits.hpp"
#include "base/utf8.hpp"

namespace thoth::prescriptions {

// Thrown by the builder when collections nest deeper than base/limits.hpp allows.
struct NestingTooDeep {
  yaml_mark_t mark;
};

class YamlTreeBuilder {
 public:
  explicit YamlTreeBuilder(YamlTree& tree) : m_tree(tree) {}

  // Handles one event; false at the end of the first document.
  bool handle(const yaml_event_t& event) {
    const yaml_mark_t& mark = event.start_mark;
    switch (event.type) {
      case YAML_SCALAR_EVENT: {
        const auto& scalar = event.data.scalar;
        std::string value(reinterpret_cast<const char*>(scalar.value), scalar.length);
        bool plain = scalar.plain_implicit != 0 && scalar.style == YAML_PLAIN_SCALAR_STYLE;
        bool null = plain && (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL");
        std::uint32_t index = add(null ? YamlKind::Null : YamlKind::Scalar, mark, scalar.anchor);
        if (!null) {
          m_tree.m_nodes[index].plain = plain;
          m_tree.m_nodes[index].text = std::move(value);
        }
        return true;
      }
      case YAML_ALIAS_EVENT:
        attach(m_anchors.at(reinterpret_cast<const char*>(event.data.alias.anchor)));
        return true;
      case YAML_SEQUENCE_START_EVENT:
        check_depth(mark);
        m_open.push_back(add(YamlKind::Sequence, mark, event.data.sequence_start.anchor));
        return true;
      case YAML_MAPPING_START_EVENT:
        check_depth(mark);
        m_open.push_back(add(YamlKind::Map, mark, event.data.mapping_start.anchor));
        return true;
      case YAML_SEQUENCE_END_EVENT:
        m_open.pop_back();
        return true;
      case YAML_MAPPING_END_EVENT:
        resolve_merge_keys(m_open.back());
        m_open.pop_back();
        return true;
      case YAML_DOCUMENT_END_EVENT:
      case YAML_STREAM_END_EVENT:
        return false;
      default:
        return true;
    }
  }

 private:
  // The validators walk the tree recursively: nesting is bounded (base/limits.hpp).
  void check_depth(const yaml_mark_t& mark) const {
    if (m_open.size() >= static_cast<std::size_t>(input_limits().max_nesting)) throw NestingTooDeep{mark};
  }
  std::uint32_t add(YamlKind kind, const yaml_mark_t& mark, const yaml_char_t* anchor) {
    auto index = static_cast<std::uint32_t>(m_tree.m_nodes.size());
    YamlNode node;
    node.kind = kind;
    node.line = static_cast<std::uint32_t>(mark.line + 1);
    node.column = static_cast<std::uint32_t>(mark.column + 1);
    m_tree.m_nodes.push_back(std::move(node));
    if (anchor != nullptr) m_anchors[reinterpret_cast<const char*>(anchor)] = index;
    attach(index);
    return index;
  }
  void attach(std::uint32_t index) {
    if (!m_open.empty()) m_tree.m_nodes[m_open.back()].children.push_back(index);
  }
  // YAML merge keys (`<<: *anchor` or `<<: [*a, *b]`), as PyYAML's SafeLoader flattens them: the
  // merged mappings' entries are added unless the mapping states the key itself (first source wins).
  void resolve_merge_keys(std::uint32_t map_index) {
    const auto& children = m_tree.m_nodes[map_index].children;
    std::vector<std::uint32_t> own, sources;
    for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
      const YamlNode& key = m_tree.m_nodes[children[i]];
      if (key.kind == YamlKind::Scalar && key.plain && key.text == "<<") {
        add_merge_sources(children[i + 1], sources);
      } else {
        own.push_back(children[i]);
        own.push_back(children[i + 1]);
      }
    }
    if (own.size() == children.size()) return;
    for (std::uint32_t source : sources) {
      const auto& entries = m_tree.m_nodes[source].children;
      for (std::size_t i = 0; i + 1 < entries.size(); i += 2) {
        if (!has_key(own, m_tree.m_nodes[entries[i]].text)) {
          own.push_back(entries[i]);
          own.push_back(entries[i + 1]);
        }
      }
    }
    m_tree.m_nodes[map_index].children = std::move(own);
  }
  void add_merge_sources(std::uint32_t value, std::vector<std::uint32_t>& sources) {
    const YamlNode& node = m_tree.m_nodes[value];
    if (node.kind == YamlKind::Map) sources.push_back(value);
    if (node.kind != YamlKind::Sequence) return;
    for (std::uint32_t item : node.children) {
      if (m_tree.m_nodes[item].kind == YamlKind::Map) sources.push_back(item);
    }
  }
  bool has_key(const std::vector<std::uint32_t>& entries, const std::string& key) const {
    for (std::size_t i = 0; i < entries.size(); i += 2) {
      if (m_tree.m_nodes[entries[i]].text == key) return true;
    }
    return false;
  }

  YamlTree& m_tree;
  std::vector<std::uint32_t> m_open;
  std::map<std::string, std::uint32_t, std::less<>> m_anchors;
};

Result<YamlTree> YamlTree::parse(const std::string& text) {
  if (auto bad = find_invalid_yaml_text(text)) return Error{invalid_utf8_message(text, *bad), line_and_column_of(text, *bad), {}};
  YamlTree tree;
  yaml_parser_t parser;
  if (yaml_parser_initialize(&parser) == 0) return Error{"out of memory initialising the YAML parser", "", {}};
  std::unique_ptr<yaml_parser_t, void (*)(yaml_parser_t*)> guard(&parser, yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  YamlTreeBuilder builder(tree);
  for (bool more = true; more;) {
    yaml_event_t event;
    if (yaml_parser_parse(&parser, &event) == 0) {
      std::string problem = parser.problem != nullptr ? parser.problem : "unknown problem";
      if (parser.context != nullptr) problem = std::string(parser.context) + ", " + problem;
      return Error{"expected valid YAML, found a syntax error: " + problem,
                   std::to_string(parser.problem_mark.line + 1) + ":" + std::to_string(parser.problem_mark.column + 1), {}};
    }
    try {
      more = builder.handle(event);
    } catch (const std::out_of_range&) {
      yaml_event_delete(&event);
      return Error{"expected a defined anchor, found an alias to an unknown one", "", {}};
    } catch (const NestingTooDeep& error) {
      yaml_event_delete(&event);
      return Error{"YAML " + nesting_limit_message(),
                   std::to_string(error.mark.line + 1) + ":" + std::to_string(error.mark.column + 1), nesting_limit_hint()};
    }
    yaml_event_delete(&event);
  }
  if (tree.m_nodes.empty()) {
    YamlNode empty;
    empty.line = empty.column = 1;
    tree.m_nodes.push_back(std::move(empty));
  }
  return tree;
}

const YamlNode* YamlTree::find(const YamlNode& map, std::string_view key) const {
  if (map.kind != YamlKind::Map) return nullptr;
  for (std::size_t i = 0; i < map_size(map); ++i) {
    const YamlNode& candidate = key_at(map, i);
    if (candidate.kind == YamlKind::Scalar && candidate.text == key) return &value_at(map, i);
  }
  return nullptr;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_of(std::string_view text, std::string_view allowed) {
  for (char c : text) {
    if (allowed.find(c) == std::string_view::npos) return false;
  }
  return !text.empty();
}

std::string_view without_sign(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  return text;
}

// PyYAML int: 0b..., 0x..., 0 (octal), decimal with '_', or sexagesimal 1:30.
bool is_yaml11_int(std::string_view text) {
  text = without_sign(text);
  if (text.empty()) return false;
  if (text.size() > 2 && text.substr(0, 2) == "0b") return all_of(text.substr(2), "01_");
  if (text.size() > 2 && text.substr(0, 2) == "0x") return all_of(text.substr(2), "0123456789abcdefABCDEF_");
  if (text == "0") return true;
  if (text[0] == '0') return all_of(text.substr(1), "01234567_");
  if (!is_digit(text[0])) return false;
  if (text.find(':') != std::string_view::npos) return all_of(text, "0123456789_:");
  return all_of(text, "0123456789_");
}

bool is_exponent(std::string_view text) {  // "" or [eE][-+][0-9]+
  if (text.empty()) return true;
  if (text.size() < 3 || (text[0] != 'e' && text[0] != 'E') || (text[1] != '-' && text[1] != '+')) return false;
  return all_of(text.substr(2), "0123456789");
}

// PyYAML float: [-+]?[0-9][0-9_]*\.[0-9_]*(exp)? | \.[0-9][0-9_]*(exp)? | .inf | .nan (a dot is required).
bool is_yaml11_float(std::string_view text) {
  if (text == ".nan" || text == ".NaN" || text == ".NAN") return true;
  std::string_view body = without_sign(text);
  if (body == ".inf" || body == ".Inf" || body == ".INF") return true;
  std::size_t dot = body.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view whole = body.substr(0, dot);
  std::string_view rest = body.substr(dot + 1);
  std::size_t exponent = rest.find_first_of("eE");
  std::string_view fraction = rest.substr(0, exponent);
  if (!is_exponent(exponent == std::string_view::npos ? "" : rest.substr(exponent))) return false;
  if (!fraction.empty() && !all_of(fraction, "0123456789_")) return false;
  if (whole.empty()) return body.size() == text.size() && !fraction.empty() && is_digit(fraction[0]);
  if (!is_digit(whole[0])) return false;
  return all_of(whole, "0123456789_:");
}

// PyYAML timestamp starts with YYYY-M-D.
bool is_yaml11_timestamp(std::string_view text) {
  if (text.size() < 8 || !all_of(text.substr(0, 4), "0123456789") || text[4] != '-') return false;
  std::size_t second_dash = text.find('-', 5);
  if (second_dash == std::string_view::npos || second_dash - 5 > 2 || second_dash == 5) return false;
  std::size_t day_end = second_dash + 1;
  while (day_end < text.size() && is_digit(text[day_end])) ++day_end;
  std::size_t day_digits = day_end - second_dash - 1;
  return day_digits >= 1 && day_digits <= 2 && (day_end == text.size() || text[day_end] == 'T' ||
                                                text[day_end] == 't' || text[day_end] == ' ');
}

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  for (auto word : words) {
    if (text == word) return true;
  }
  return false;
}

}  // namespace

ScalarType scalar_type(const YamlNode& node) {
  if (node.kind == YamlKind::Null) return ScalarType::Null;
  if (!node.plain) return ScalarType::String;
  std::string_view text = node.text;
  if (text.empty()) return ScalarType::Null;
  // Fast path: most plain scalars are names and sentences.
  if (std::string_view("-+0123456789.~nNtTfFyYoO").find(text[0]) == std::string_view::npos) return ScalarType::String;
  if (is_one_of(text, {"~", "null", "Null", "NULL"})) return ScalarType::Null;
  if (is_one_of(text, {"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                       "on", "On", "ON", "off", "Off", "OFF"})) {
    return ScalarType::Bool;
  }
  if (is_yaml11_int(text)) return ScalarType::Int;
  if (is_yaml11_float(text)) return ScalarType::Float;
  if (is_yaml11_timestamp(text)) return ScalarType::Timestamp;
  return ScalarType::String;
}

std::string_view scalar_type_name(ScalarType type) {
  switch (type) {
    case ScalarType::Null: return "null";
    case ScalarType::Bool: return "a boolean";
    case ScalarType::Int: return "an integer";
    case ScalarType::Float: return "a float";
    case ScalarType::Timestamp: return "a timestamp";
    case ScalarType::String: return "a string";
  }
  return "a value";
}

std::string describe(const YamlNode& node) {
  switch (node.kind) {
    case YamlKind::Null: return "null";
    case YamlKind::Sequence: return "a list";
    case YamlKind::Map: return "a mapping";
    case YamlKind::Scalar: break;
  }
  if (scalar_type(node) == ScalarType::Null) return "null";
  constexpr std::size_t kMaxShown = 60;
  if (node.text.size() > kMaxShown) return "`" + node.text.substr(0, kMaxShown) + "…`";
  return "`" + node.text + "`";
}

}  // namespace thoth::prescriptions
