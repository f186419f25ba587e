// pip requirements files, read the way pip's req_file.py does: physical lines joined on a trailing
// backslash, comments stripped ("#" at the start or after whitespace), ${VAR} expanded from the
// environment, then each logical line is either options (-r, -c, -i, ...) or a requirement with
// per-requirement options (--hash). Includes are relative to the including file; cycles are refused.
#include <cstdlib>
#include <regex>
#include <set>
#include <sstream>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "packaging/name.hpp"
#include "project/manifest.hpp"

namespace thoth::project {
namespace {

struct LogicalLine {
  std::size_t number;  // 1-based number of its first physical line
  std::string text;
};

std::string strip_comment(const std::string& line) {
  static const std::regex kComment(R"((^|\s+)#.*$)");
  return std::regex_replace(line, kComment, "");
}

std::string expand_variables(const std::string& line) {
  static const std::regex kVariable(R"(\$\{([A-Z0-9_]+)\})");
  std::string out;
  auto begin = std::sregex_iterator(line.begin(), line.end(), kVariable);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    out += line.substr(last, it->position() - last);
    const char* value = std::getenv((*it)[1].str().c_str());
    out += value != nullptr ? value : it->str();  // pip leaves unknown variables as written
    last = it->position() + it->length();
  }
  return out + line.substr(last);
}

std::vector<LogicalLine> logical_lines(std::string_view text) {
  std::vector<LogicalLine> lines;
  std::istringstream in{std::string(text)};
  std::string physical;
  std::size_t number = 0;
  std::optional<LogicalLine> pending;
  while (std::getline(in, physical)) {
    ++number;
    if (!physical.empty() && physical.back() == '\r') physical.pop_back();
    if (!pending) pending = LogicalLine{number, ""};
    bool continues = !physical.empty() && physical.back() == '\\';
    pending->text += continues ? physical.substr(0, physical.size() - 1) : physical;
    if (continues) continue;
    lines.push_back(std::move(*pending));
    pending.reset();
  }
  if (pending) lines.push_back(std::move(*pending));
  for (LogicalLine& line : lines) line.text = expand_variables(strip_comment(line.text));
  return lines;
}

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::vector<std::string> comma_list(const std::string& value) {
  std::vector<std::string> items;
  std::stringstream in(value);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) items.push_back(item.front() == ':' ? item : packaging::canonicalize_name(item));
  return items;
}

class Reader {
 public:
  explicit Reader(RequirementsFile& out) : m_out(out) {}

  void read(std::string_view text, const std::filesystem::path& path, bool constraints) {
    std::filesystem::path absolute = std::filesystem::absolute(path).lexically_normal();
    if (!m_open.insert(absolute).second)
      throw InputError("including this file again makes a cycle", path.string(), "remove the -r/-c line that includes it");
    for (const LogicalLine& line : logical_lines(text)) read_line(line, path, constraints);
    m_open.erase(absolute);
  }

 private:
  void read_line(const LogicalLine& line, const std::filesystem::path& path, bool constraints) {
    std::vector<std::string> words = split_words(line.text);
    if (words.empty()) return;
    std::string where = path.string() + ":" + std::to_string(line.number);
    std::size_t first_option = 0;
    while (first_option < words.size() && words[first_option].front() != '-') ++first_option;
    if (first_option == 0) {
      read_options(words, where, path);
      return;
    }
    std::string requirement_text;
    for (std::size_t i = 0; i < first_option; ++i) requirement_text += (i ? " " : "") + words[i];
    ManifestRequirement requirement = parse_requirement(requirement_text, where);
    for (std::size_t i = first_option; i < words.size(); ++i) {
      auto [name, value] = option_value(words, i, where);
      if (name != "--hash") throw InputError("option " + name + " is not supported on a requirement line", where,
                                             "only --hash=algo:hex may follow a requirement");
      requirement.hashes.push_back(value);
    }
    (constraints ? m_out.constraints : m_out.requirements).push_back(std::move(requirement));
  }

  static ManifestRequirement parse_requirement(const std::string& text, const std::string& where) {
    if (text.find("://") != std::string::npos || text.starts_with(".") || text.starts_with("/") ||
        text.ends_with(".whl") || text.ends_with(".tar.gz") || text.ends_with(".zip"))
      throw InputError("URL, path and archive requirements are not supported yet: `" + text + "`", where,
                       "name a released version from the index instead, e.g. `requests==2.31.0`");
    auto parsed = packaging::Requirement::parse(text);
    if (!parsed) throw InputError(parsed.error().message, where, "each line is a PEP 508 requirement or an option");
    return {std::move(*parsed), "default", where, {}};
  }

  // "--opt=value" or "--opt value" (advancing i); short options "-r file" and "-rfile".
  static std::pair<std::string, std::string> option_value(const std::vector<std::string>& words, std::size_t& i,
                                                          const std::string& where) {
    const std::string& word = words[i];
    if (auto equals = word.find('='); word.starts_with("--") && equals != std::string::npos)
      return {word.substr(0, equals), word.substr(equals + 1)};
    if (!word.starts_with("--") && word.size() > 2) return {word.substr(0, 2), word.substr(2)};
    if (i + 1 >= words.size()) throw InputError("option " + word + " needs a value", where);
    return {word, words[++i]};
  }

  void read_options(const std::vector<std::string>& words, const std::string& where, const std::filesystem::path& path) {
    static const std::set<std::string> kFlags{"--no-index", "--pre", "--require-hashes", "--prefer-binary"};
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (kFlags.contains(words[i])) {
        m_out.no_index |= words[i] == "--no-index";
        m_out.pre |= words[i] == "--pre";
        m_out.require_hashes |= words[i] == "--require-hashes";
        continue;
      }
      if (words[i] == "-e" || words[i].starts_with("--editable"))
        throw InputError("editable requirements are not supported", where, "lock a released version instead");
      if (!known_option(words[i])) throw InputError("unknown option " + words[i], where, "see pip's requirements file format");
      auto [name, value] = option_value(words, i, where);
      if (name == "-r" || name == "--requirement") include(path.parent_path() / value, where, false);
      else if (name == "-c" || name == "--constraint") include(path.parent_path() / value, where, true);
      else if (name == "-i" || name == "--index-url") m_out.index_url = value;
      else if (name == "--extra-index-url") m_out.extra_index_urls.push_back(value);
      else if (name == "-f" || name == "--find-links") m_out.find_links.push_back(value);
      else if (name == "--only-binary") for (auto& item : comma_list(value)) m_out.only_binary.push_back(item);
      else if (name == "--no-binary") for (auto& item : comma_list(value)) m_out.no_binary.push_back(item);
    }
  }

  static bool known_option(const std::string& word) {
    static const std::set<std::string> kWithValue{"-r", "--requirement", "-c", "--constraint", "-i", "--index-url",
                                                  "--extra-index-url", "-f", "--find-links", "--only-binary",
                                                  "--no-binary", "--trusted-host", "--use-feature"};
    std::string name = word.substr(0, word.find('='));
    return kWithValue.contains(name) || (!word.starts_with("--") && kWithValue.contains(word.substr(0, 2)));
  }

  void include(const std::filesystem::path& file, const std::string& where, bool constraints) {
    std::error_code error;  // a name the system refuses (too long, say) is an input error too
    bool exists = std::filesystem::exists(file, error);
    if (error) throw InputError("included file " + file.string() + " cannot be opened: " + error.message(), where);
    if (!exists) throw InputError("included file " + file.string() + " does not exist", where);
    read(read_file(file), file, constraints);
  }

  RequirementsFile& m_out;
  std::set<std::filesystem::path> m_open;
};

}  // namespace

RequirementsFile parse_requirements_file(std::string_view text, const std::filesystem::path& path) {
  RequirementsFile out;
  out.path = path;
  Reader(out).read(text, path, false);
  return out;
}

RequirementsFile load_requirements_file(const std::filesystem::path& path) {
  return parse_requirements_file(read_file(path), path);
}

}  // namespace thoth::project
