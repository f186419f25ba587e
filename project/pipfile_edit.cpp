// Line-level Pipfile edits (project/pipfile_edit.hpp). Table headers are recognised by a line that
// starts with `[`; an entry line by `key =` at the start of a line inside the table.
#include "project/pipfile_edit.hpp"

#include <algorithm>
#include <regex>
#include <sstream>
#include <vector>

#include "base/error.hpp"
#include "packaging/name.hpp"
#include "project/pipfile.hpp"

namespace thoth::project {
namespace {

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool is_header(const std::string& line) {
  auto first = line.find_first_not_of(" \t");
  return first != std::string::npos && line[first] == '[';
}

std::string header_name(const std::string& line) {
  static const std::regex kHeader(R"(^\s*\[\s*([^\]\s]+)\s*\]\s*(#.*)?$)");
  std::smatch match;
  return std::regex_match(line, match, kHeader) ? match[1].str() : "";
}

std::string entry_key(const std::string& line) {
  static const std::regex kEntry(R"re(^\s*("?)([A-Za-z0-9._-]+)\1\s*=)re");
  std::smatch match;
  return std::regex_search(line, match, kEntry) ? packaging::canonicalize_name(match[2].str()) : "";
}

// A single-line entry has balanced braces and brackets on its own line.
bool is_single_line(const std::string& line) {
  int depth = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
  }
  return depth == 0;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

using Lines = std::vector<std::string>;

// The lines of table `category`: from its header to the next header; {end, end} when absent.
struct TableLines {
  Lines::iterator header, end;
};

TableLines find_table(Lines& lines, const std::string& category) {
  auto header = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return header_name(l) == category; });
  if (header == lines.end()) return {lines.end(), lines.end()};
  return {header, std::find_if(header + 1, lines.end(), is_header)};
}

// The entry line of `canonical_name` within the table; table.end when there is none.
Lines::iterator find_entry_in(const TableLines& table, const std::string& canonical_name) {
  if (table.header == table.end) return table.end;
  return std::find_if(table.header + 1, table.end, [&](const std::string& l) { return entry_key(l) == canonical_name; });
}

// The entry line of `canonical_name` in [category], or lines.end().
Lines::iterator find_entry(Lines& lines, const std::string& category, const std::string& canonical_name) {
  TableLines table = find_table(lines, category);
  auto existing = find_entry_in(table, canonical_name);
  return existing == table.end ? lines.end() : existing;
}

void require_single_line(const Lines& lines, Lines::const_iterator entry, const std::string& name,
                         const std::filesystem::path& path) {
  if (!is_single_line(*entry))
    throw InputError("the entry for " + name + " spans several lines; edit it by hand",
                     path.string() + ":" + std::to_string(entry - lines.begin() + 1));
}

}  // namespace

std::string pipfile_value(const packaging::Requirement& requirement) {
  std::string version = requirement.specifier.to_string();
  if (version.empty()) version = "*";
  if (requirement.extras.empty() && !requirement.marker) return toml_string(version);
  std::string value = "{version = " + toml_string(version);
  if (!requirement.extras.empty()) {
    value += ", extras = [";
    for (std::size_t i = 0; i < requirement.extras.size(); ++i) value += (i ? ", " : "") + toml_string(requirement.extras[i]);
    value += "]";
  }
  if (requirement.marker) value += ", markers = " + toml_string(requirement.marker->to_string());
  return value + "}";
}

std::string new_pipfile_text() {
  return "[[source]]\nname = \"pypi\"\nurl = \"https://pypi.org/simple\"\nverify_ssl = true\n\n"
         "[packages]\n\n[dev-packages]\n";
}

std::string with_entry(std::string_view text, const std::filesystem::path& path, const std::string& category,
                       const packaging::Requirement& requirement) {
  std::vector<std::string> lines = split_lines(text);
  std::string name = requirement.canonical_name();
  std::string entry = requirement.name + " = " + pipfile_value(requirement);
  TableLines table = find_table(lines, category);
  if (table.header == lines.end()) {
    if (!lines.empty() && !lines.back().empty()) lines.emplace_back();
    lines.push_back("[" + category + "]");
    lines.push_back(entry);
  } else if (auto existing = find_entry_in(table, name); existing != table.end) {
    require_single_line(lines, existing, name, path);
    *existing = entry;
  } else {
    auto last = table.header;
    for (auto it = table.header + 1; it != table.end; ++it)
      if (!entry_key(*it).empty()) last = it;
    lines.insert(last + 1, entry);
  }
  std::string out = joined(lines);
  (void)parse_pipfile(out, path);  // throws InputError when the edit broke the file
  return out;
}

std::optional<std::string> without_entry(std::string_view text, const std::filesystem::path& path,
                                         const std::string& category, const std::string& canonical_name) {
  Lines lines = split_lines(text);
  auto entry = find_entry(lines, category, canonical_name);
  if (entry == lines.end()) return std::nullopt;
  require_single_line(lines, entry, canonical_name, path);
  lines.erase(entry);
  std::string out = joined(lines);
  (void)parse_pipfile(out, path);  // throws InputError when the edit broke the file
  return out;
}

}  // namespace thoth::project
