// TOML plumbing for the Pipfile reader: locations ("Pipfile:3:7") from toml++ source regions, the
// fatal-error helper, short value descriptions for messages, and the TOML -> JSON conversion that
// keeps the whole document for pipenv's hash (plette hashes the parsed TOML as JSON).
#include "project/toml_reading.hpp"

#include <algorithm>
#include <sstream>

#include "base/error.hpp"

namespace thoth::project::detail {
namespace {

template <class T>
std::string streamed(const T& value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

nlohmann::json table_to_json(const toml::table& table) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, node] : table) out[std::string(key.str())] = toml_to_json(node);
  return out;
}

nlohmann::json array_to_json(const toml::array& array) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& node : array) out.push_back(toml_to_json(node));
  return out;
}

}  // namespace

std::string location_of(const std::filesystem::path& path, const toml::source_region& region) {
  return path.string() + ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
}

void fail_at(const std::filesystem::path& path, const toml::source_region& region, std::string message,
             std::string hint) {
  throw InputError(std::move(message), location_of(path, region), std::move(hint));
}

std::string describe(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::string: return nlohmann::json(node.as_string()->get()).dump();
    case toml::node_type::integer: return streamed(node.as_integer()->get());
    case toml::node_type::floating_point: return streamed(node.as_floating_point()->get());
    case toml::node_type::boolean: return node.as_boolean()->get() ? "true" : "false";
    case toml::node_type::array: return streamed(*node.as_array());
    case toml::node_type::date: return streamed(node.as_date()->get());
    case toml::node_type::time: return streamed(node.as_time()->get());
    case toml::node_type::date_time: return streamed(node.as_date_time()->get());
    default: return "nothing";
  }
}

nlohmann::json toml_to_json(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return table_to_json(*node.as_table());
    case toml::node_type::array: return array_to_json(*node.as_array());
    case toml::node_type::string: return node.as_string()->get();
    case toml::node_type::integer: return node.as_integer()->get();
    case toml::node_type::floating_point: return node.as_floating_point()->get();
    case toml::node_type::boolean: return node.as_boolean()->get();
    case toml::node_type::date: return streamed(node.as_date()->get());
    case toml::node_type::time: return streamed(node.as_time()->get());
    case toml::node_type::date_time: return streamed(node.as_date_time()->get());
    default: return nullptr;
  }
}

std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> items;
  for (const auto& [key, node] : table) items.emplace_back(&key, &node);
  auto position = [](const auto& item) {
    const auto& begin = item.first->source().begin;
    return std::pair(begin.line, begin.column);
  };
  std::stable_sort(items.begin(), items.end(),
                   [&](const auto& a, const auto& b) { return position(a) < position(b); });
  return items;
}

}  // namespace thoth::project::detail
