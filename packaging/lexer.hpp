// Private: the context-sensitive tokenizer of PEP 508 dependency specifiers and markers, after
// packaging's `_tokenizer.py` (DEFAULT_RULES). The parser asks "is a token of kind X next?" and the
// lexer answers by matching only that kind at the current position, as packaging does; `\b` word
// boundaries are honoured where packaging's patterns use them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace thoth::packaging::detail {

class Lexer {
 public:
  explicit Lexer(std::string_view source) : m_source(source) {}

  [[nodiscard]] std::size_t position() const { return m_pos; }
  [[nodiscard]] std::string_view source() const { return m_source; }
  [[nodiscard]] bool at_end() const { return m_pos == m_source.size(); }
  [[nodiscard]] std::string_view rest() const { return m_source.substr(m_pos); }

  void skip_spaces();                                 // WS: [ \t]*
  [[nodiscard]] bool peek(char c) const { return m_pos < m_source.size() && m_source[m_pos] == c; }
  bool consume(char c);                               // ( ) [ ] ; , @
  bool consume_word(std::string_view word);           // \bword\b (in, not)
  std::optional<std::string_view> read_bool_operator();  // \b(or|and)\b
  std::optional<std::string_view> read_identifier();     // \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b
  [[nodiscard]] bool peek_identifier() const;
  std::optional<std::string_view> read_variable();       // marker variable names, as written
  std::optional<std::string_view> read_quoted_string();  // '...' or "..." including the quotes
  std::optional<std::string_view> read_comparison();     // === == ~= != <= >= < >
  std::optional<std::string_view> read_specifier();      // one version specifier (SPECIFIER)
  std::optional<std::string_view> read_url();            // [^ \t]+
  [[nodiscard]] bool peek_wildcard_trail() const;        // ".*" right after a specifier
  [[nodiscard]] bool peek_local_trail() const;           // "+label" right after a specifier

  // "expected <what>, found `<rest>`" located at the current column (or at `column`).
  [[nodiscard]] Error error(std::string_view what) const;

 private:
  [[nodiscard]] std::size_t identifier_end(std::size_t pos) const;

  std::string_view m_source;
  std::size_t m_pos = 0;
};

// Python's ast.literal_eval of a quoted string token: the value, or nullopt when Python would
// reject the literal (an escaped closing quote, a bad \x, \u, \U escape, a raw line break).
[[nodiscard]] std::optional<std::string> decode_python_string(std::string_view token);

}  // namespace thoth::packaging::detail
