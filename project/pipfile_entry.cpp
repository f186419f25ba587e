// One package line of a Pipfile category, in either form the Pipfile format allows
// (pypa/pipfile README; pipenv docs "Pipfile"):
//   requests = ">=2.8"                       a specifier string ("*" = any version)
//   requests = {version = ">=2.8", extras = ["socks"], markers = "...", index = "pypi"}
//   pywinusb = {version = "*", os_name = "== 'nt'"}   per-key markers, folded into `markers`
//   mylib = {git = "https://...", ref = "v1"} / {path = "."} / {file = "https://..."}
// Per-key markers are folded as pipenv's translate_markers does: each part is normalised through
// packaging's Marker, parts are sorted, de-duplicated and joined with " and ", and the result is
// written with single quotes. Like pipenv, a `markers` value mentioning `extra` is dropped (a root
// requirement never has an extra). A bare version ("2.0") means "==2.0", as in pipenv.
#include <algorithm>
#include <array>
#include <set>

#include "packaging/marker.hpp"
#include "packaging/name.hpp"
#include "packaging/specifier.hpp"
#include "project/toml_reading.hpp"

namespace thoth::project {
namespace {

using detail::describe;
using detail::fail_at;

// packaging's default_environment() keys: usable as per-key markers in a Pipfile entry.
constexpr std::array<std::string_view, 11> kMarkerKeys = {
    "implementation_name", "implementation_version", "os_name",        "platform_machine",
    "platform_python_implementation", "platform_release", "platform_system", "platform_version",
    "python_full_version", "python_version", "sys_platform"};
constexpr std::array<std::string_view, 4> kVcsKeys = {"git", "hg", "svn", "bzr"};

struct EntryContext {
  const std::filesystem::path& path;
  const std::string& name;
};

const toml::node* string_field(const EntryContext& context, const toml::table& table, std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr || node->is_string()) return node;
  fail_at(context.path, node->source(),
          "expected a string for `" + std::string(key) + "` of package `" + context.name + "`, found `" +
              describe(*node) + "`",
          "quote the value: " + std::string(key) + " = \"...\"");
}

std::string normalised_version(const EntryContext& context, const toml::node& node) {
  std::string text(node.as_string()->get());
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  if (text.empty() || text == "*") return "*";
  if (std::string_view("<>=!~").find(text.front()) == std::string_view::npos) text = "==" + text;
  auto parsed = packaging::SpecifierSet::parse(text);
  if (!parsed) {
    fail_at(context.path, node.source(),
            "expected a version specifier for package `" + context.name + "`, found `" + describe(node) + "`",
            parsed.error().message + "; write \"*\", \"==2.0.1\" or \">=1.20,<2\"");
  }
  return text;
}

std::vector<std::string> read_extras(const EntryContext& context, const toml::table& table) {
  const toml::node* node = table.get("extras");
  if (node == nullptr) return {};
  const toml::array* array = node->as_array();
  bool all_strings = array != nullptr && std::all_of(array->begin(), array->end(),
                                                      [](const toml::node& item) { return item.is_string(); });
  if (!all_strings) {
    fail_at(context.path, node->source(),
            "expected a list of strings for `extras` of package `" + context.name + "`, found `" +
                describe(*node) + "`",
            "write extras = [\"name\"]");
  }
  std::vector<std::string> extras;
  for (const toml::node& item : *array) extras.emplace_back(item.as_string()->get());
  return extras;
}

// The parsed marker `text`, or a fatal error at `node`.
packaging::Marker parsed_marker(const EntryContext& context, const toml::node& node, const std::string& text,
                              const std::string& hint) {
  auto marker = packaging::Marker::parse(text);
  if (!marker) {
    fail_at(context.path, node.source(),
            "expected a PEP 508 marker for package `" + context.name + "`, found `" + text + "`",
            marker.error().message + "; " + hint);
  }
  return *marker;
}

std::string join_marker_parts(const std::set<std::string>& parts) {
  std::string joined;
  for (const std::string& part : parts) {
    if (!joined.empty()) joined += " and ";
    bool needs_parentheses = parts.size() > 1 && part.find(" or ") != std::string::npos;
    joined += needs_parentheses ? "(" + part + ")" : part;
  }
  auto marker = packaging::Marker::parse(joined);
  std::string text = marker ? marker->to_string() : joined;
  std::replace(text.begin(), text.end(), '"', '\'');
  return text;
}

std::string read_markers(const EntryContext& context, const toml::table& table) {
  std::set<std::string> parts;
  if (const toml::node* node = string_field(context, table, "markers")) {
    std::string text(node->as_string()->get());
    if (text.find_first_not_of(" \t") != std::string::npos) {
      auto marker = parsed_marker(context, *node, text, "write markers = \"sys_platform == 'linux'\"");
      if (!marker.mentions_extra()) parts.insert(marker.to_string());
    }
  }
  for (std::string_view key : kMarkerKeys) {
    const toml::node* node = string_field(context, table, key);
    if (node == nullptr) continue;
    std::string text = std::string(key) + " " + std::string(node->as_string()->get());
    parts.insert(parsed_marker(context, *node, text, "write " + std::string(key) + " = \"== 'value'\"").to_string());
  }
  return parts.empty() ? std::string() : join_marker_parts(parts);
}

std::string read_index(const EntryContext& context, const toml::table& table, const std::vector<Source>& sources) {
  const toml::node* node = string_field(context, table, "index");
  if (node == nullptr) return {};
  std::string index(node->as_string()->get());
  bool known = std::any_of(sources.begin(), sources.end(), [&](const Source& s) { return s.name == index; });
  if (known) return index;
  std::string names;
  for (const Source& source : sources) names += (names.empty() ? "`" : ", `") + source.name + "`";
  fail_at(context.path, node->source(),
          "expected the name of a [[source]] for `index` of package `" + context.name + "`, found `" + index + "`",
          "declared sources: " + names);
}

// git/hg/svn/bzr (+ ref, subdirectory), path or file, as a pip-style location; nullopt otherwise.
std::optional<std::string> read_vcs_or_path(const EntryContext& context, const toml::table& table) {
  for (std::string_view vcs : kVcsKeys) {
    const toml::node* node = string_field(context, table, vcs);
    if (node == nullptr) continue;
    std::string url(node->as_string()->get());
    std::string location = url.rfind(std::string(vcs) + "+", 0) == 0 ? url : std::string(vcs) + "+" + url;
    if (const toml::node* ref = string_field(context, table, "ref")) location += "@" + ref->as_string()->get();
    if (const toml::node* sub = string_field(context, table, "subdirectory")) {
      location += "#subdirectory=" + sub->as_string()->get();
    }
    return location;
  }
  for (std::string_view key : {"path", "file"}) {
    if (const toml::node* node = string_field(context, table, key)) return node->as_string()->get();
  }
  return std::nullopt;
}

void check_editable(const EntryContext& context, const toml::table& table) {
  const toml::node* node = table.get("editable");
  if (node == nullptr || node->is_boolean()) return;
  fail_at(context.path, node->source(),
          "expected true or false for `editable` of package `" + context.name + "`, found `" + describe(*node) + "`",
          "write editable = true");
}

void read_table_entry(const EntryContext& context, const toml::table& table, const std::vector<Source>& sources,
                      PipfileEntry& entry) {
  if (const toml::node* node = string_field(context, table, "version")) entry.version = normalised_version(context, *node);
  entry.extras = read_extras(context, table);
  entry.markers = read_markers(context, table);
  entry.index = read_index(context, table, sources);
  entry.vcs_or_path = read_vcs_or_path(context, table);
  check_editable(context, table);
}

}  // namespace

packaging::Requirement PipfileEntry::to_requirement() const {
  std::string text = name;
  if (!extras.empty()) {
    text += "[";
    for (std::size_t i = 0; i < extras.size(); ++i) text += (i ? "," : "") + extras[i];
    text += "]";
  }
  if (version != "*") text += version;
  if (!markers.empty()) text += "; " + markers;
  return packaging::Requirement::parse(text).value();  // throws InputError when the entry is inconsistent
}

namespace detail {

PipfileEntry parse_entry(const std::filesystem::path& path, const toml::key& name, const toml::node& value,
                         const std::vector<Source>& sources) {
  PipfileEntry entry;
  entry.name = std::string(name.str());
  entry.line = value.source().begin.line;
  if (!packaging::is_valid_name(entry.name)) {
    fail_at(path, name.source(), "expected a package name, found `" + entry.name + "`",
            "names use ASCII letters, digits and \"._-\" inside");
  }
  EntryContext context{path, entry.name};
  if (value.is_string()) {
    entry.version = normalised_version(context, value);
  } else if (const toml::table* table = value.as_table()) {
    read_table_entry(context, *table, sources, entry);
  } else {
    fail_at(path, value.source(),
            "expected a version string or a table for package `" + entry.name + "`, found `" + describe(value) + "`",
            "write " + entry.name + " = \"*\" or " + entry.name + " = {version = \">=1.0\"}");
  }
  try {
    (void)entry.to_requirement();
  } catch (const InputError& error) {
    fail_at(path, value.source(), "expected a valid requirement for package `" + entry.name + "`: " +
                                      error.error().message);
  }
  return entry;
}

}  // namespace detail
}  // namespace thoth::project
