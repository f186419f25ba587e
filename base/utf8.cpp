// UTF-8 validation (base/utf8.hpp): the well-formed byte sequences of RFC 3629, Table 3-7 of the
// Unicode standard.
#include "base/utf8.hpp"

namespace thoth {
namespace {

// Length of the well-formed sequence starting at `i`, or 0 when the bytes there are ill-formed.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  if (lead < 0xC2 || lead > 0xF4 || i + length > text.size()) return 0;
  unsigned char second = byte(i + 1);
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead == 0xE0) low = 0xA0;           // no overlong 3-byte forms
  if (lead == 0xED) high = 0x9F;          // no surrogates
  if (lead == 0xF0) low = 0x90;           // no overlong 4-byte forms
  if (lead == 0xF4) high = 0x8F;          // nothing above U+10FFFF
  if (second < low || second > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return length;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = sequence_length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

std::optional<std::size_t> find_invalid_yaml_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    bool lone_carriage_return = byte == '\r' && (i + 1 == text.size() || text[i + 1] != '\n');
    if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F || lone_carriage_return) {
      auto before = find_invalid_utf8(text.substr(0, i));
      return before ? before : std::optional<std::size_t>(i);
    }
  }
  return find_invalid_utf8(text);
}

std::string invalid_utf8_message(std::string_view text, std::size_t offset) {
  static const char* digits = "0123456789ABCDEF";
  auto byte = static_cast<unsigned char>(text[offset]);
  std::string hex = std::string("0x") + digits[byte >> 4] + digits[byte & 15];
  if (byte == '\r') return "expected LF or CRLF line ends, found a carriage return alone (0x0D)";
  if (byte < 0x20 || byte == 0x7F) return "expected printable text, found the control byte " + hex;
  return "expected UTF-8 text, found the byte " + hex;
}

std::string line_and_column_of(std::string_view text, std::size_t offset) {
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line, line_start = i + 1;
  return std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

}  // namespace thoth
