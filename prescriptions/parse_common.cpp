// Parsers for the sub-schemas shared by all unit types (thoth.md §1.4): package_version, state,
// justification, stack_info, log; plus YAML -> JSON for opaque values (metadata, manifest patches).
#include <cmath>

#include "prescriptions/parse.hpp"

namespace thoth::prescriptions {

namespace {

std::optional<IndexUrlMatch> parse_index_url(Reader& r, const YamlNode& node, const std::string& path) {
  if (node.kind == YamlKind::Map) {
    if (!r.check_map(node, path, {"not"}, {"not"})) return std::nullopt;
    auto url = r.read_string(*r.child(node, "not"), key_path(path, "not"));
    if (!url) return std::nullopt;
    return IndexUrlMatch{*url, true};
  }
  auto url = r.read_string(node, path);
  if (!url) return std::nullopt;
  return IndexUrlMatch{*url, false};
}

}  // namespace

std::optional<PackageVersionMatch> parse_package_version(Reader& r, const YamlNode& node, const std::string& path,
                                                         NameRule name_rule) {
  bool keys_ok = name_rule == NameRule::Required
                     ? r.check_map(node, path, {"name", "version", "index_url", "develop"}, {"name"})
                     : r.check_map(node, path, {"name", "version", "index_url", "develop"});
  if (!keys_ok) return std::nullopt;
  std::size_t before = r.error_count();
  PackageVersionMatch match;
  if (const auto* name = r.child(node, "name")) match.name = r.read_package_name(*name, key_path(path, "name"));
  if (const auto* version = r.child(node, "version")) match.version = r.read_specifier(*version, key_path(path, "version"));
  if (const auto* index = r.child(node, "index_url")) match.index_url = parse_index_url(r, *index, key_path(path, "index_url"));
  if (const auto* develop = r.child(node, "develop")) match.develop = r.read_bool(*develop, key_path(path, "develop"));
  if (r.error_count() != before) return std::nullopt;
  return match;
}

namespace {

std::vector<PackageVersionMatch> parse_package_list(Reader& r, const YamlNode& node, const std::string& path,
                                                    std::size_t min_items, NameRule rule) {
  std::vector<PackageVersionMatch> list;
  r.for_each_item(node, path, min_items, [&](const YamlNode& item, const std::string& item_path) {
    if (auto match = parse_package_version(r, item, item_path, rule)) list.push_back(std::move(*match));
  });
  return list;
}

}  // namespace

std::optional<StateMatch> parse_state(Reader& r, const YamlNode& node, const std::string& path, bool step_keys) {
  KeyList step_allowed{"resolved_dependencies", "package_version_from", "package_version_from_allow_other"};
  KeyList stack_allowed{"resolved_dependencies"};
  bool ok = step_keys ? r.check_map(node, path, step_allowed)
                      : r.check_map(node, path, stack_allowed, {"resolved_dependencies"});
  if (!ok) return std::nullopt;
  std::size_t before = r.error_count();
  StateMatch state;
  // Steps require named, non-empty lists; strides and wraps accept any package_version entries.
  std::size_t min_items = step_keys ? 1 : 0;
  NameRule rule = step_keys ? NameRule::Required : NameRule::Optional;
  if (const auto* deps = r.child(node, "resolved_dependencies")) {
    state.resolved_dependencies = parse_package_list(r, *deps, key_path(path, "resolved_dependencies"), min_items, rule);
  }
  if (const auto* from = r.child(node, "package_version_from")) {
    state.package_version_from = parse_package_list(r, *from, key_path(path, "package_version_from"), 1, rule);
  }
  if (const auto* allow = r.child(node, "package_version_from_allow_other")) {
    state.package_version_from_allow_other =
        r.read_bool(*allow, key_path(path, "package_version_from_allow_other")).value_or(false);
  }
  if (r.error_count() != before) return std::nullopt;
  return state;
}

namespace {

std::optional<Justification> parse_justification(Reader& r, const YamlNode& node, const std::string& path) {
  if (!r.check_map(node, path,
                   {"type", "message", "link", "package_name", "version_range", "advisory", "cve_id", "cve_name"},
                   {"type", "message", "link"})) {
    return std::nullopt;
  }
  std::size_t before = r.error_count();
  Justification j;
  j.type = r.read_message_type(*r.child(node, "type"), key_path(path, "type")).value_or(MessageType::Info);
  j.message = r.read_string(*r.child(node, "message"), key_path(path, "message")).value_or("");
  j.link = r.read_link(*r.child(node, "link"), key_path(path, "link")).value_or("");
  if (const auto* n = r.child(node, "package_name")) j.package_name = r.read_package_name(*n, key_path(path, "package_name"));
  if (const auto* v = r.child(node, "version_range")) j.version_range = r.read_specifier(*v, key_path(path, "version_range"));
  if (const auto* a = r.child(node, "advisory")) j.advisory = r.read_string(*a, key_path(path, "advisory"));
  if (const auto* c = r.child(node, "cve_id")) j.cve_id = r.read_string(*c, key_path(path, "cve_id"));
  if (const auto* c = r.child(node, "cve_name")) j.cve_name = r.read_string(*c, key_path(path, "cve_name"));
  if (r.error_count() != before) return std::nullopt;
  return j;
}

std::optional<StackInfo> parse_stack_info(Reader& r, const YamlNode& node, const std::string& path) {
  if (!r.check_map(node, path, {"type", "message", "link"}, {"type", "message", "link"})) return std::nullopt;
  std::size_t before = r.error_count();
  StackInfo info;
  info.type = r.read_message_type(*r.child(node, "type"), key_path(path, "type")).value_or(MessageType::Info);
  info.message = r.read_string(*r.child(node, "message"), key_path(path, "message")).value_or("");
  info.link = r.read_link(*r.child(node, "link"), key_path(path, "link")).value_or("");
  if (r.error_count() != before) return std::nullopt;
  return info;
}

}  // namespace

std::vector<Justification> parse_justifications(Reader& r, const YamlNode& node, const std::string& path) {
  std::vector<Justification> list;
  r.for_each_item(node, path, 1, [&](const YamlNode& item, const std::string& item_path) {
    if (auto j = parse_justification(r, item, item_path)) list.push_back(std::move(*j));
  });
  return list;
}

void parse_run_common(Reader& r, const YamlNode& run, const std::string& path, RunCommon& out) {
  if (const auto* infos = r.child(run, "stack_info")) {
    r.for_each_item(*infos, key_path(path, "stack_info"), 0, [&](const YamlNode& item, const std::string& item_path) {
      if (auto info = parse_stack_info(r, item, item_path)) out.stack_info.push_back(std::move(*info));
    });
  }
  if (const auto* log = r.child(run, "log")) {
    std::string log_path = key_path(path, "log");
    if (r.check_map(*log, log_path, {"type", "message"}, {"type", "message"})) {
      auto type = r.read_message_type(*r.child(*log, "type"), key_path(log_path, "type"));
      auto message = r.read_string(*r.child(*log, "message"), key_path(log_path, "message"));
      if (type && message) out.log = LogEntry{*type, *message};
    }
  }
}

nlohmann::json to_json(const YamlTree& tree, const YamlNode& node) {
  switch (node.kind) {
    case YamlKind::Null: return nullptr;
    case YamlKind::Sequence: {
      auto array = nlohmann::json::array();
      for (auto index : node.children) array.push_back(to_json(tree, tree.node(index)));
      return array;
    }
    case YamlKind::Map: {
      auto object = nlohmann::json::object();
      for (std::size_t i = 0; i < tree.map_size(node); ++i) {
        object[tree.key_at(node, i).text] = to_json(tree, tree.value_at(node, i));
      }
      return object;
    }
    case YamlKind::Scalar: break;
  }
  switch (scalar_type(node)) {
    case ScalarType::Null: return nullptr;
    case ScalarType::Bool: return node.text[0] == 't' || node.text[0] == 'T' || node.text[0] == 'y' ||
                                  node.text[0] == 'Y' || node.text == "on" || node.text == "On" || node.text == "ON";
    case ScalarType::Int: {
      std::string digits = node.text;
      std::erase(digits, '_');
      if (digits.find(':') == std::string::npos) return std::strtoll(digits.c_str(), nullptr, 0);
      return node.text;
    }
    case ScalarType::Float: {
      std::string digits = node.text;
      std::erase(digits, '_');
      double value = std::strtod(digits.c_str(), nullptr);
      if (std::isfinite(value)) return value;
      return node.text;
    }
    case ScalarType::Timestamp:
    case ScalarType::String: return node.text;
  }
  return node.text;
}

}  // namespace thoth::prescriptions
