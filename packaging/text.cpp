// Python whitespace and word boundaries over UTF-8 text (see text.hpp). The set of whitespace code
// points is that of CPython's str.isspace(), which `\s` in `packaging`'s patterns matches.
#include "packaging/text.hpp"

namespace thoth::packaging::detail {
namespace {

bool is_python_space_code_point(char32_t cp) {
  if (cp <= 0x7F) return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Decodes the UTF-8 sequence at `pos`; returns its length (0 when malformed).
std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& out) {
  auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || pos + length > text.size()) return 0;
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    auto byte = static_cast<unsigned char>(text[pos + i]);
    if ((byte >> 6) != 0x2) return 0;
    cp = (cp << 6) | (byte & 0x3F);
  }
  out = cp;
  return length;
}

}  // namespace

std::size_t python_space_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  char32_t cp = 0;
  std::size_t length = decode_utf8(text, pos, cp);
  return (length != 0 && is_python_space_code_point(cp)) ? length : 0;
}

std::size_t python_space_length_before(std::string_view text, std::size_t end) {
  // Walk back over continuation bytes to the lead byte of the last character.
  std::size_t start = end;
  for (std::size_t steps = 0; start > 0 && steps < 4; ++steps) {
    --start;
    if ((static_cast<unsigned char>(text[start]) >> 6) != 0x2) break;
  }
  if (start == end) return 0;
  std::size_t length = python_space_length(text, start);
  return (length != 0 && start + length == end) ? length : 0;
}

std::string_view strip_python_space(std::string_view text) {
  std::size_t begin = skip_python_space(text, 0);
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t length = python_space_length_before(text, end);
    if (length == 0) break;
    end -= length;
  }
  return text.substr(begin, end - begin);
}

std::size_t skip_python_space(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    std::size_t length = python_space_length(text, pos);
    if (length == 0) break;
    pos += length;
  }
  return pos;
}

bool is_word_boundary(std::string_view text, std::size_t pos) {
  bool before = pos > 0 && is_word_byte(text[pos - 1]);
  bool after = pos < text.size() && is_word_byte(text[pos]);
  return before != after;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool starts_with_nocase(std::string_view text, std::size_t pos, std::string_view word) {
  if (pos + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (ascii_lower(text[pos + i]) != word[i]) return false;
  }
  return true;
}

}  // namespace thoth::packaging::detail
