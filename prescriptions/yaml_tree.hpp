// A small read-only YAML tree with source marks, built from libyaml's event parser.
//
// Why not YAML::Node: over the 65k prescription files yaml-cpp's node tree costs ~15 s on one core,
// its event parser ~7 s, libyaml's (the parser under PyYAML's CSafeLoader) a fraction of that;
// building this flat arena from the events adds little. The tree also keeps
// what strict validation needs: a line:column for every key and value, whether a scalar was plain
// (so `3.6` is a float, `"3.6"` a string, as in YAML 1.1 / PyYAML) and duplicate keys.
//
//   auto doc = YamlTree::parse(text);        // Result<YamlTree>
//   const YamlNode& root = doc->root();
//   if (const YamlNode* units = doc->find(root, "units")) ...
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace thoth::prescriptions {

enum class YamlKind : std::uint8_t { Null, Scalar, Sequence, Map };

// The type a scalar resolves to under YAML 1.1 implicit typing (PyYAML's SafeLoader).
enum class ScalarType : std::uint8_t { Null, Bool, Int, Float, Timestamp, String };

struct YamlNode {
  YamlKind kind = YamlKind::Null;
  bool plain = false;            // scalar written without quotes or tag (implicit typing applies)
  std::uint32_t line = 0;        // 1-based
  std::uint32_t column = 0;      // 1-based
  std::string text;              // scalar text
  std::vector<std::uint32_t> children;  // sequence items; map entries as key, value, key, value, ...
};

class YamlTree {
 public:
  // Parses one YAML document; an empty text gives a Null root. Syntax errors name line:column.
  [[nodiscard]] static Result<YamlTree> parse(const std::string& text);

  [[nodiscard]] const YamlNode& root() const { return m_nodes.front(); }
  [[nodiscard]] const YamlNode& node(std::uint32_t index) const { return m_nodes[index]; }
  [[nodiscard]] std::size_t map_size(const YamlNode& map) const { return map.children.size() / 2; }
  [[nodiscard]] const YamlNode& key_at(const YamlNode& map, std::size_t i) const { return node(map.children[2 * i]); }
  [[nodiscard]] const YamlNode& value_at(const YamlNode& map, std::size_t i) const {
    return node(map.children[2 * i + 1]);
  }
  // The value under a scalar key, or nullptr.
  [[nodiscard]] const YamlNode* find(const YamlNode& map, std::string_view key) const;

 private:
  friend class YamlTreeBuilder;
  std::vector<YamlNode> m_nodes;  // index 0 is the root
};

// YAML 1.1 implicit type of a scalar node ("yes" -> Bool, "1.0" -> Float, "~" -> Null, ...).
[[nodiscard]] ScalarType scalar_type(const YamlNode& node);
[[nodiscard]] std::string_view scalar_type_name(ScalarType type);

// How a node reads in messages: "`text`" for scalars, "a mapping", "a list", "null".
[[nodiscard]] std::string describe(const YamlNode& node);

}  // namespace thoth::prescriptions
