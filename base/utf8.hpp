// UTF-8 validation for text formats that require it (YAML 1.2 §5.2, TOML, JSON) where the parser
// library does not check (yaml-cpp passes invalid bytes through into values and error messages).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace thoth {

// The byte offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF); nullopt when `text` is valid.
[[nodiscard]] std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// The offset of the first byte that is not UTF-8 or is a control character other than tab, line
// feed and a CRLF's carriage return (YAML 1.2 §5.1 allows those only escaped; a lone CR is a line
// break to PyYAML but content to yaml-cpp, so it is refused); nullopt when all are fine.
[[nodiscard]] std::optional<std::size_t> find_invalid_yaml_text(std::string_view text);

// "expected UTF-8 text, found the byte 0xFF" (or "expected printable text, found the control byte
// 0x00"): the message for the byte at `offset`.
[[nodiscard]] std::string invalid_utf8_message(std::string_view text, std::size_t offset);

// "3:14": the 1-based line and column (in bytes) of `offset` in `text`.
[[nodiscard]] std::string line_and_column_of(std::string_view text, std::size_t offset);

}  // namespace thoth
