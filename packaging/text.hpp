// Private text helpers of packaging/: Python's notion of whitespace (str.isspace, which the regular
// expressions of `packaging` use through `\s`), word characters for `\b`, and ASCII case folding.
// Inputs are UTF-8; only whitespace needs decoding, everything else PEP 440/508 allows is ASCII.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace thoth::packaging::detail {

// Byte length of the Python whitespace character starting at `pos`, or 0 when it is not one.
[[nodiscard]] std::size_t python_space_length(std::string_view text, std::size_t pos);

// Byte length of the Python whitespace character ending just before `end`, or 0.
[[nodiscard]] std::size_t python_space_length_before(std::string_view text, std::size_t end);

// Python's str.strip(): removes leading and trailing Unicode whitespace.
[[nodiscard]] std::string_view strip_python_space(std::string_view text);

// Index of the first character at or after `pos` that is not Python whitespace.
[[nodiscard]] std::size_t skip_python_space(std::string_view text, std::size_t pos);

// A character of `\w` for the `\b` assertions of the tokenizer (non-ASCII bytes count as letters).
[[nodiscard]] inline bool is_word_byte(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_';
}

// Is there a `\b` word boundary at `pos` (between text[pos-1] and text[pos])?
[[nodiscard]] bool is_word_boundary(std::string_view text, std::size_t pos);

[[nodiscard]] inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
[[nodiscard]] inline bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
[[nodiscard]] inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
[[nodiscard]] std::string ascii_lower(std::string_view text);

// Case-insensitive (ASCII) test that `text` continues with `word` at `pos`.
[[nodiscard]] bool starts_with_nocase(std::string_view text, std::size_t pos, std::string_view word);

}  // namespace thoth::packaging::detail
