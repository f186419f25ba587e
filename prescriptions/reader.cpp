// Strict typed reads over a YamlTree (see reader.hpp). The accepted forms follow upstream's
// voluptuous schema (thoth-station/adviser thoth/adviser/prescription/v1/schema.py): non-empty
// strings, booleans that are real YAML booleans, PEP 440 specifiers parsed by packaging::SpecifierSet,
// package names already in PEP 503 form, and links that are URLs or short ids ([a-z0-9_-]+).
#include "prescriptions/reader.hpp"

#include <cmath>
#include <cstdlib>

#include "packaging/name.hpp"
#include "prescriptions/specifier_analysis.hpp"

namespace thoth::prescriptions {

void Reader::error(const YamlNode& at, const std::string& key, std::string message) {
  m_report.errors.push_back(Diagnostic{m_file, at.line, at.column, m_unit, key, std::move(message)});
}

void Reader::warn(WarningKind kind, const YamlNode& at, const std::string& key, std::string message) {
  m_report.warnings.push_back(Diagnostic{m_file, at.line, at.column, m_unit, key, std::move(message), kind});
}

namespace {

std::string join_keys(KeyList keys) {
  std::string text;
  for (auto key : keys) text.append(text.empty() ? "" : ", ").append(key);
  return text;
}

bool contains_key(KeyList keys, std::string_view key) {
  for (auto candidate : keys) {
    if (candidate == key) return true;
  }
  return false;
}

std::string found(const YamlNode& node) {
  std::string text = describe(node);
  if (node.kind != YamlKind::Scalar) return text;
  ScalarType type = scalar_type(node);
  if (type == ScalarType::String || type == ScalarType::Null) return text;
  return text + " (" + std::string(scalar_type_name(type)) + ")";
}

// `==legacy-version` (one clause): upstream validated specifiers with packaging < 22, whose
// LegacySpecifier accepted any version text; the closest PEP 440 meaning is `===text`.
std::optional<packaging::SpecifierSet> legacy_equality(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.starts_with("==") || text.starts_with("===")) return std::nullopt;
  std::string_view version = text.substr(2);
  while (!version.empty() && version.front() == ' ') version.remove_prefix(1);
  if (version.empty() || version.find_first_of(",; \t)") != std::string_view::npos) return std::nullopt;
  auto arbitrary = packaging::SpecifierSet::parse("===" + std::string(version));
  if (!arbitrary) return std::nullopt;
  return std::move(arbitrary).value();
}

}  // namespace

bool Reader::check_map(const YamlNode& node, const std::string& path, KeyList allowed, KeyList required) {
  if (node.kind != YamlKind::Map) {
    error(node, path, "expected a mapping with keys " + join_keys(allowed) + ", found " + found(node));
    return false;
  }
  std::size_t before = error_count();
  for (std::size_t i = 0; i < m_tree.map_size(node); ++i) {
    const YamlNode& key = m_tree.key_at(node, i);
    std::string key_text = key.kind == YamlKind::Scalar ? key.text : describe(key);
    if (key.kind != YamlKind::Scalar || !contains_key(allowed, key.text)) {
      error(key, key_path(path, key_text), "expected one of the keys " + join_keys(allowed) + ", found `" + key_text + "`");
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (m_tree.key_at(node, j).text == key.text) error(key, key_path(path, key_text), "duplicate key");
    }
  }
  for (auto name : required) {
    if (m_tree.find(node, name) == nullptr) error(node, key_path(path, name), "missing required key `" + std::string(name) + "`");
  }
  return error_count() == before;
}

bool Reader::check_scalar(const YamlNode& node, const std::string& path, ScalarType wanted, std::string_view what) {
  if (node.kind == YamlKind::Scalar || node.kind == YamlKind::Null) {
    if (scalar_type(node) == wanted) return true;
  }
  error(node, path, "expected " + std::string(what) + ", found " + found(node));
  return false;
}

std::optional<std::string> Reader::read_string(const YamlNode& node, const std::string& path) {
  if (!check_scalar(node, path, ScalarType::String, "a non-empty string")) return std::nullopt;
  if (node.text.empty()) {
    error(node, path, "expected a non-empty string, found an empty string");
    return std::nullopt;
  }
  return node.text;
}

std::optional<bool> Reader::read_bool(const YamlNode& node, const std::string& path) {
  if (!check_scalar(node, path, ScalarType::Bool, "a boolean")) return std::nullopt;
  char first = node.text[0];
  return first == 't' || first == 'T' || first == 'y' || first == 'Y' || node.text == "on" || node.text == "On" ||
         node.text == "ON";
}

std::optional<std::int64_t> Reader::read_int(const YamlNode& node, const std::string& path) {
  if (!check_scalar(node, path, ScalarType::Int, "an integer")) return std::nullopt;
  std::string digits;
  for (char c : node.text) {
    if (c != '_') digits.push_back(c);
  }
  char* end = nullptr;
  long long value = std::strtoll(digits.c_str(), &end, 0);
  if (end == nullptr || *end != '\0') {
    error(node, path, "expected a decimal integer, found " + found(node));
    return std::nullopt;
  }
  return value;
}

std::optional<double> Reader::read_float(const YamlNode& node, const std::string& path) {
  if (!check_scalar(node, path, ScalarType::Float, "a float (e.g. `0.5`)")) return std::nullopt;
  std::string text = node.text;
  if (text.find("nan") != std::string::npos || text.find("NaN") != std::string::npos ||
      text.find("NAN") != std::string::npos || text.find("inf") != std::string::npos ||
      text.find("Inf") != std::string::npos || text.find("INF") != std::string::npos) {
    error(node, path, "expected a finite float, found " + found(node));
    return std::nullopt;
  }
  std::erase(text, '_');
  return std::strtod(text.c_str(), nullptr);
}

std::optional<packaging::SpecifierSet> Reader::read_specifier(const YamlNode& node, const std::string& path) {
  if (!check_scalar(node, path, ScalarType::String, "a PEP 440 version specifier (e.g. `>=1.0,<2`)")) {
    return std::nullopt;
  }
  auto parsed = packaging::SpecifierSet::parse(node.text);
  if (!parsed) {
    if (auto legacy = legacy_equality(node.text)) {
      warn(WarningKind::LegacySpecifier, node, path,
           "`" + node.text + "` is not PEP 440 (packaging < 22 read it as a LegacySpecifier); kept as `" +
               legacy->to_string() + "`, an exact string match");
      return legacy;
    }
    error(node, path, "expected a PEP 440 version specifier, found `" + node.text + "`: " + parsed.error().message);
    return std::nullopt;
  }
  if (auto why = explain_never_matches(*parsed)) {
    warn(WarningKind::UnsatisfiableSpecifier, node, path, "specifier `" + node.text + "` can never match: " + *why);
  }
  return std::move(parsed).value();
}

std::optional<std::string> Reader::read_package_name(const YamlNode& node, const std::string& path) {
  auto name = read_string(node, path);
  if (!name) return std::nullopt;
  if (!packaging::is_valid_name(*name)) {
    error(node, path, "expected a PEP 508 package name, found `" + *name + "`");
    return std::nullopt;
  }
  std::string normalised = packaging::canonicalize_name(*name);
  if (normalised != *name) {
    error(node, path, "expected a PEP 503 normalised package name, found `" + *name + "` (write `" + normalised + "`)");
    return std::nullopt;
  }
  return name;
}

namespace {

bool is_short_link(std::string_view text) {
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return !text.empty();
}

}  // namespace

std::optional<std::string> Reader::read_link(const YamlNode& node, const std::string& path) {
  auto link = read_string(node, path);
  if (!link) return std::nullopt;
  bool url = link->starts_with("https://") || link->starts_with("http://");
  if (!url && !is_short_link(*link)) {
    error(node, path, "expected a URL or a short link id matching [a-z0-9_-]+, found `" + *link + "`");
    return std::nullopt;
  }
  return expand_link(*link);
}

std::optional<std::size_t> Reader::read_word(const YamlNode& node, const std::string& path, KeyList words) {
  if (node.kind == YamlKind::Scalar && scalar_type(node) == ScalarType::String) {
    std::size_t index = 0;
    for (auto word : words) {
      if (node.text == word) return index;
      ++index;
    }
  }
  error(node, path, "expected one of " + join_keys(words) + ", found " + found(node));
  return std::nullopt;
}

std::optional<MessageType> Reader::read_message_type(const YamlNode& node, const std::string& path) {
  auto index = read_word(node, path, {"INFO", "WARNING", "ERROR"});
  if (!index) return std::nullopt;
  return static_cast<MessageType>(*index);
}

bool Reader::for_each_item(const YamlNode& node, const std::string& path, std::size_t min_items,
                           const std::function<void(const YamlNode&, const std::string&)>& visit) {
  if (node.kind != YamlKind::Sequence) {
    error(node, path, "expected a list, found " + found(node));
    return false;
  }
  if (node.children.size() < min_items) {
    error(node, path, "expected a list of at least " + std::to_string(min_items) + " item(s), found " +
                          std::to_string(node.children.size()));
    return false;
  }
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    visit(m_tree.node(node.children[i]), path + "[" + std::to_string(i) + "]");
  }
  return true;
}

bool Reader::for_each_entry(const YamlNode& node, const std::string& path,
                            const std::function<void(const YamlNode&, const std::string&)>& visit) {
  if (node.kind == YamlKind::Map) {
    visit(node, path);
    return true;
  }
  if (node.kind != YamlKind::Sequence) {
    error(node, path, "expected a mapping or a non-empty list of mappings, found " + found(node));
    return false;
  }
  return for_each_item(node, path, 1, visit);
}

void Reader::for_each_pair(const YamlNode& map, const std::string& path,
                           const std::function<void(const YamlNode&, const YamlNode&, const std::string&)>& visit) {
  for (std::size_t i = 0; i < m_tree.map_size(map); ++i) {
    const YamlNode& key = m_tree.key_at(map, i);
    visit(key, m_tree.value_at(map, i), key_path(path, key.text));
  }
}

}  // namespace thoth::prescriptions
