// The tokenizer of dependency specifiers (see lexer.hpp). Each read_* matches one of packaging's
// DEFAULT_RULES at the current position and advances past it only on success.
#include "packaging/lexer.hpp"

#include <array>

#include "packaging/text.hpp"
#include "packaging/version_syntax.hpp"

namespace thoth::packaging::detail {
namespace {

// packaging's VARIABLE alternatives, in pattern order; '.' stands for [._].
constexpr std::array<std::string_view, 15> kVariables = {
    "python_version",  "python_full_version",  "os.name",
    "sys.platform",    "platform_release",     "platform_system",
    "platform.version", "platform.machine",    "platform.python_implementation",
    "python_implementation", "implementation_name", "implementation_version",
    "extras",          "extra",                "dependency_groups"};

bool matches_variable_spelling(std::string_view text, std::size_t pos, std::string_view spelling) {
  if (spelling.empty() || pos + spelling.size() > text.size()) return false;
  for (std::size_t i = 0; i < spelling.size(); ++i) {
    char c = text[pos + i];
    bool ok = spelling[i] == '.' ? (c == '.' || c == '_') : c == spelling[i];
    if (!ok) return false;
  }
  return true;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads exactly `digits` hex digits at pos into cp; false when they are not all there.
bool read_hex(std::string_view body, std::size_t pos, std::size_t digits, char32_t& cp) {
  if (pos + digits > body.size()) return false;
  cp = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    int value = hex_value(body[pos + i]);
    if (value < 0) return false;
    cp = cp * 16 + static_cast<char32_t>(value);
  }
  return cp <= 0x10FFFF;
}

// One escape sequence after a backslash at body[pos]; returns the index after it or npos.
std::size_t decode_escape(std::string_view body, std::size_t pos, std::string& out) {
  char c = body[pos];
  constexpr std::string_view kSimple = "\\'\"abfnrtv";
  constexpr std::string_view kValues = "\\'\"\a\b\f\n\r\t\v";
  if (auto index = kSimple.find(c); index != std::string_view::npos) {
    out += kValues[index];
    return pos + 1;
  }
  if (c >= '0' && c <= '7') {
    char32_t cp = 0;
    std::size_t end = pos;
    while (end < body.size() && end < pos + 3 && body[end] >= '0' && body[end] <= '7') cp = cp * 8 + (body[end++] - '0');
    append_utf8(out, cp);
    return end;
  }
  std::size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (digits != 0) {
    char32_t cp = 0;
    if (!read_hex(body, pos + 1, digits, cp)) return std::string_view::npos;
    append_utf8(out, cp);
    return pos + 1 + digits;
  }
  if (c == 'N') return std::string_view::npos;  // \N{name}: Unicode names are not supported
  out += '\\';  // unknown escapes stay as written
  out += c;
  return pos + 1;
}

}  // namespace

void Lexer::skip_spaces() {
  while (m_pos < m_source.size() && (m_source[m_pos] == ' ' || m_source[m_pos] == '\t')) ++m_pos;
}

bool Lexer::consume(char c) {
  if (!peek(c)) return false;
  ++m_pos;
  return true;
}

bool Lexer::consume_word(std::string_view word) {
  if (!m_source.substr(m_pos).starts_with(word)) return false;
  if (!is_word_boundary(m_source, m_pos) || !is_word_boundary(m_source, m_pos + word.size())) return false;
  m_pos += word.size();
  return true;
}

std::optional<std::string_view> Lexer::read_bool_operator() {
  for (std::string_view word : {std::string_view("or"), std::string_view("and")}) {
    std::size_t start = m_pos;
    if (consume_word(word)) return m_source.substr(start, word.size());
  }
  return std::nullopt;
}

std::size_t Lexer::identifier_end(std::size_t pos) const {
  if (pos >= m_source.size() || !is_ascii_alnum(m_source[pos]) || !is_word_boundary(m_source, pos)) return pos;
  std::size_t end = pos + 1;
  while (end < m_source.size() && (is_ascii_alnum(m_source[end]) || m_source[end] == '.' || m_source[end] == '_' ||
                                   m_source[end] == '-')) {
    ++end;
  }
  // Backtrack until the trailing \b holds (the first character always provides one).
  while (end > pos + 1 && !is_word_boundary(m_source, end)) --end;
  return is_word_boundary(m_source, end) ? end : pos;
}

bool Lexer::peek_identifier() const { return identifier_end(m_pos) != m_pos; }

std::optional<std::string_view> Lexer::read_identifier() {
  std::size_t end = identifier_end(m_pos);
  if (end == m_pos) return std::nullopt;
  std::string_view token = m_source.substr(m_pos, end - m_pos);
  m_pos = end;
  return token;
}

std::optional<std::string_view> Lexer::read_variable() {
  if (!is_word_boundary(m_source, m_pos)) return std::nullopt;
  for (std::string_view spelling : kVariables) {
    if (!matches_variable_spelling(m_source, m_pos, spelling)) continue;
    if (!is_word_boundary(m_source, m_pos + spelling.size())) continue;
    std::string_view token = m_source.substr(m_pos, spelling.size());
    m_pos += spelling.size();
    return token;
  }
  return std::nullopt;
}

std::optional<std::string_view> Lexer::read_quoted_string() {
  if (!peek('\'') && !peek('"')) return std::nullopt;
  std::size_t close = m_source.find(m_source[m_pos], m_pos + 1);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view token = m_source.substr(m_pos, close + 1 - m_pos);
  m_pos = close + 1;
  return token;
}

std::optional<std::string_view> Lexer::read_comparison() {
  for (std::string_view op : {"===", "==", "~=", "!=", "<=", ">=", "<", ">"}) {
    if (m_source.substr(m_pos).starts_with(op)) {
      m_pos += op.size();
      return m_source.substr(m_pos - op.size(), op.size());
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> Lexer::read_specifier() {
  std::size_t start = m_pos;
  auto op = read_comparison();
  if (!op) return std::nullopt;
  std::size_t at = skip_python_space(m_source, m_pos);
  std::size_t end = at;
  if (*op == "===") {
    // ===\s*[^\s;)]*
    while (end < m_source.size() && python_space_length(m_source, end) == 0 && m_source[end] != ';' &&
           m_source[end] != ')') {
      ++end;
    }
  } else {
    VersionSyntax syntax;
    bool prefix_operator = *op == "==" || *op == "!=";
    end = scan_version(m_source, at, syntax, prefix_operator);
    // The pattern's other branches stop before a local label (and before ".*").
    if (end != std::string_view::npos && !prefix_operator && !syntax.local.empty()) {
      end = m_source.rfind('+', end);
    }
    if (end == std::string_view::npos) {
      m_pos = start;
      return std::nullopt;
    }
  }
  m_pos = end;
  return m_source.substr(start, end - start);
}

std::optional<std::string_view> Lexer::read_url() {
  std::size_t end = m_pos;
  while (end < m_source.size() && m_source[end] != ' ' && m_source[end] != '\t') ++end;
  if (end == m_pos) return std::nullopt;
  std::string_view token = m_source.substr(m_pos, end - m_pos);
  m_pos = end;
  return token;
}

bool Lexer::peek_wildcard_trail() const { return m_source.substr(m_pos).starts_with(".*"); }

bool Lexer::peek_local_trail() const {
  return peek('+') && m_pos + 1 < m_source.size() && is_ascii_alnum(m_source[m_pos + 1]);
}

Error Lexer::error(std::string_view what) const {
  std::string found = at_end() ? std::string("end of text") : std::string(rest());
  return Error{"expected " + std::string(what) + ", found `" + found + "`",
               "column " + std::to_string(m_pos + 1), {}};
}

std::optional<std::string> decode_python_string(std::string_view token) {
  std::string_view body = token.substr(1, token.size() - 2);
  std::string out;
  out.reserve(body.size());
  std::size_t pos = 0;
  while (pos < body.size()) {
    char c = body[pos];
    if (c == '\n' || c == '\r' || c == '\0') return std::nullopt;
    if (c != '\\') {
      out += c;
      ++pos;
      continue;
    }
    if (pos + 1 >= body.size()) return std::nullopt;  // the backslash escapes the closing quote
    if (body[pos + 1] == '\n') {                       // line continuation
      pos += 2;
      continue;
    }
    pos = decode_escape(body, pos + 1, out);
    if (pos == std::string_view::npos) return std::nullopt;
  }
  return out;
}

}  // namespace thoth::packaging::detail
