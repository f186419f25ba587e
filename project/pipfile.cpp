// Reading a Pipfile (pypa/pipfile; pipenv docs "Pipfile"): [[source]], the package categories
// ([packages], [dev-packages] and any custom table), [requires] and [pipenv]. toml++ parses the
// TOML and gives every node a source region, so each error names "Pipfile:line:column". The whole
// document is also kept as JSON because pipenv's hash is computed over the parsed TOML.
#include "project/pipfile.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "packaging/name.hpp"
#include "project/toml_reading.hpp"

namespace thoth::project {
namespace {

using detail::describe;
using detail::fail_at;

// Top-level tables that are not package categories (plette's PIPFILE_SECTIONS and friends).
const std::set<std::string, std::less<>> kReservedTables = {"source", "requires", "scripts", "pipenv", "pipfile"};

Source default_source() { return Source{"pypi", "https://pypi.org/simple", true}; }

// urllib3's parse_url(url).host, which pipenv's populate_source uses as the default source name.
std::string host_of(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  std::string_view rest = scheme_end == std::string_view::npos ? url : url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() != '[') rest = rest.substr(0, rest.find(':'));
  std::string host(rest);
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  return host;
}

// verify_ssl: a boolean, or (as pipenv's populate_source tolerates) the string "true"/"false".
bool read_verify_ssl(const std::filesystem::path& path, const toml::table& table, const std::string& url) {
  const toml::node* node = table.get("verify_ssl");
  if (node == nullptr) return url.find("https://") != std::string::npos;
  if (node->is_boolean()) return node->as_boolean()->get();
  if (node->is_string()) {
    std::string text(node->as_string()->get());
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text == "true";
  }
  fail_at(path, node->source(), "expected true or false for `verify_ssl`, found `" + describe(*node) + "`",
          "write verify_ssl = true");
}

std::string read_source_string(const std::filesystem::path& path, const toml::table& table, std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  if (!node->is_string()) {
    fail_at(path, node->source(),
            "expected a string for `" + std::string(key) + "` of a [[source]], found `" + describe(*node) + "`",
            "write " + std::string(key) + " = \"...\"");
  }
  return node->as_string()->get();
}

Source read_source(const std::filesystem::path& path, const toml::table& table) {
  Source source;
  source.url = read_source_string(path, table, "url");
  if (source.url.empty()) {
    fail_at(path, table.source(), "expected a `url` in every [[source]], found none",
            "write url = \"https://pypi.org/simple\"");
  }
  source.name = read_source_string(path, table, "name");
  if (source.name.empty()) source.name = host_of(source.url);
  source.verify_ssl = read_verify_ssl(path, table, source.url);
  return source;
}

std::vector<Source> read_sources(const std::filesystem::path& path, const toml::table& root) {
  const toml::node* node = root.get("source");
  if (node == nullptr) return {default_source()};
  const toml::array* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    fail_at(path, node->source(), "expected [[source]] tables, found `" + describe(*node) + "`",
            "declare each index as a [[source]] table (double brackets)");
  }
  std::vector<Source> sources;
  for (const toml::node& item : *array) sources.push_back(read_source(path, *item.as_table()));
  return sources;
}

std::map<std::string, std::string> read_requires(const std::filesystem::path& path, const toml::table& root) {
  std::map<std::string, std::string> requires_;
  const toml::node* node = root.get("requires");
  if (node == nullptr) return requires_;
  if (!node->is_table()) {
    fail_at(path, node->source(), "expected a [requires] table, found `" + describe(*node) + "`",
            "write [requires] then python_version = \"3.11\"");
  }
  for (const auto& [key, value] : *node->as_table()) {
    if (!value.is_string()) {
      fail_at(path, value.source(),
              "expected a string for `" + std::string(key.str()) + "` in [requires], found `" + describe(value) + "`",
              "quote the version: python_version = \"3.11\"");
    }
    requires_[std::string(key.str())] = value.as_string()->get();
  }
  return requires_;
}

bool read_allow_prereleases(const std::filesystem::path& path, const toml::table& root) {
  const toml::node* node = root.get("pipenv");
  if (node == nullptr) return false;
  if (!node->is_table()) {
    fail_at(path, node->source(), "expected a [pipenv] table, found `" + describe(*node) + "`",
            "write [pipenv] then allow_prereleases = true");
  }
  const toml::node* flag = node->as_table()->get("allow_prereleases");
  if (flag == nullptr) return false;
  if (!flag->is_boolean()) {
    fail_at(path, flag->source(), "expected true or false for `allow_prereleases`, found `" + describe(*flag) + "`",
            "write allow_prereleases = true");
  }
  return flag->as_boolean()->get();
}

std::vector<PipfileEntry> read_category(const std::filesystem::path& path, const toml::table& table,
                                        const std::vector<Source>& sources) {
  std::vector<PipfileEntry> entries;
  std::map<std::string, std::size_t> line_of_name;  // canonical name -> line, to reject duplicates
  for (const auto& [key, node] : detail::in_file_order(table)) {
    PipfileEntry entry = detail::parse_entry(path, *key, *node, sources);
    auto [it, inserted] = line_of_name.emplace(packaging::canonicalize_name(entry.name), entry.line);
    if (!inserted) {
      fail_at(path, key->source(),
              "expected each package once per category, found `" + entry.name + "` again (first on line " +
                  std::to_string(it->second) + ")",
              "keep one of the two lines");
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

void read_categories(const std::filesystem::path& path, const toml::table& root, Pipfile& pipfile) {
  pipfile.categories["packages"];
  pipfile.categories["dev-packages"];
  for (const auto& [key, node] : root) {
    std::string name(key.str());
    if (kReservedTables.count(name) != 0) continue;
    bool standard = name == "packages" || name == "dev-packages";
    if (!node.is_table()) {
      if (!standard) continue;  // a stray top-level value: kept for the hash only
      fail_at(path, node.source(), "expected a [" + name + "] table, found `" + describe(node) + "`",
              "write [" + name + "] on its own line, then one package per line");
    }
    pipfile.categories[name] = read_category(path, *node.as_table(), pipfile.sources);
  }
}

toml::table parse_toml(std::string_view text, const std::filesystem::path& path) {
  try {
    return toml::parse(text, path.string());
  } catch (const toml::parse_error& error) {
    throw InputError("expected valid TOML: " + std::string(error.description()),
                     detail::location_of(path, error.source()),
                     "the Pipfile must be TOML (https://toml.io); check the line shown");
  }
}

}  // namespace

std::string default_source_name(std::string_view url) { return host_of(url); }

const std::vector<PipfileEntry>& Pipfile::packages() const {
  static const std::vector<PipfileEntry> kNone;
  auto it = categories.find("packages");
  return it == categories.end() ? kNone : it->second;
}

const std::vector<PipfileEntry>& Pipfile::dev_packages() const {
  static const std::vector<PipfileEntry> kNone;
  auto it = categories.find("dev-packages");
  return it == categories.end() ? kNone : it->second;
}

std::string lock_section_for(std::string_view category) {
  if (category == "packages") return "default";
  if (category == "dev-packages") return "develop";
  return std::string(category);
}

Pipfile parse_pipfile(std::string_view text, const std::filesystem::path& path) {
  toml::table root = parse_toml(text, path);
  Pipfile pipfile;
  pipfile.path = path;
  pipfile.document = detail::toml_to_json(root);
  pipfile.sources = read_sources(path, root);
  pipfile.requires_ = read_requires(path, root);
  pipfile.allow_prereleases = read_allow_prereleases(path, root);
  read_categories(path, root, pipfile);
  return pipfile;
}

Pipfile load_pipfile(const std::filesystem::path& path) { return parse_pipfile(read_file(path), path); }

}  // namespace thoth::project
