// Internal to prescriptions/: typed, strict access to a YamlTree that records every problem as a
// Diagnostic (file, line:column, unit, key path) instead of stopping at the first one.
// Each read_* returns nullopt after recording an error; callers then drop the unit.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "packaging/specifier.hpp"
#include "prescriptions/common.hpp"
#include "prescriptions/diagnostics.hpp"
#include "prescriptions/loader.hpp"
#include "prescriptions/yaml_tree.hpp"

namespace thoth::prescriptions {

using KeyList = std::initializer_list<std::string_view>;

class Reader {
 public:
  Reader(const YamlTree& tree, std::string file, ParseReport& report)
      : m_tree(tree), m_file(std::move(file)), m_report(report) {}

  [[nodiscard]] const YamlTree& tree() const { return m_tree; }
  [[nodiscard]] const std::string& file() const { return m_file; }
  void set_unit(std::string name) { m_unit = std::move(name); }
  [[nodiscard]] std::size_t error_count() const { return m_report.errors.size(); }

  void error(const YamlNode& at, const std::string& key, std::string message);
  void warn(WarningKind kind, const YamlNode& at, const std::string& key, std::string message);

  // `node` must be a mapping with keys from `allowed` only, `required` all present, no duplicates.
  bool check_map(const YamlNode& node, const std::string& path, KeyList allowed, KeyList required = {});
  [[nodiscard]] const YamlNode* child(const YamlNode& map, std::string_view key) const {
    return m_tree.find(map, key);
  }

  std::optional<std::string> read_string(const YamlNode& node, const std::string& path);  // non-empty
  std::optional<bool> read_bool(const YamlNode& node, const std::string& path);
  std::optional<std::int64_t> read_int(const YamlNode& node, const std::string& path);
  std::optional<double> read_float(const YamlNode& node, const std::string& path);  // YAML float only
  std::optional<packaging::SpecifierSet> read_specifier(const YamlNode& node, const std::string& path);
  std::optional<std::string> read_package_name(const YamlNode& node, const std::string& path);
  std::optional<std::string> read_link(const YamlNode& node, const std::string& path);  // expanded
  std::optional<MessageType> read_message_type(const YamlNode& node, const std::string& path);
  // One of `words` (a string); returns its index.
  std::optional<std::size_t> read_word(const YamlNode& node, const std::string& path, KeyList words);

  [[nodiscard]] bool is_null(const YamlNode& node) const { return scalar_type(node) == ScalarType::Null; }

  // Calls visit(item, "path[i]") for each item of a list (min_items enforced).
  bool for_each_item(const YamlNode& node, const std::string& path, std::size_t min_items,
                     const std::function<void(const YamlNode&, const std::string&)>& visit);
  // A "dict or list of dicts" key such as match: visit(entry, path or "path[i]") per entry.
  bool for_each_entry(const YamlNode& node, const std::string& path,
                      const std::function<void(const YamlNode&, const std::string&)>& visit);
  // Each key/value of a mapping: visit(key, value, "path.key").
  void for_each_pair(const YamlNode& map, const std::string& path,
                     const std::function<void(const YamlNode&, const YamlNode&, const std::string&)>& visit);

 private:
  bool check_scalar(const YamlNode& node, const std::string& path, ScalarType wanted, std::string_view what);

  const YamlTree& m_tree;
  std::string m_file;
  std::string m_unit;
  ParseReport& m_report;
};

[[nodiscard]] inline std::string key_path(const std::string& path, std::string_view key) {
  if (path.empty()) return std::string(key);
  std::string result;
  result.reserve(path.size() + key.size() + 1);
  result.append(path).append(".").append(key);
  return result;
}

}  // namespace thoth::prescriptions
