// Leading dotted numbers of version strings reported by tools (see dotted_numbers.hpp).
#include "env/dotted_numbers.hpp"

#include <cctype>

namespace thoth::env::detail {

std::optional<std::vector<int>> leading_numbers(std::string_view text, std::size_t min_parts) {
  std::vector<int> parts;
  std::size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    long value = 0;
    std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && i - start < 9) {
      value = value * 10 + (text[i] - '0');
      ++i;
    }
    parts.push_back(static_cast<int>(value));
    // Continue only over ".<digit>"; anything else ends the number.
    if (i + 1 < text.size() && text[i] == '.' && std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      ++i;
      continue;
    }
    break;
  }
  if (parts.size() < min_parts || parts.empty()) return std::nullopt;
  return parts;
}

}  // namespace thoth::env::detail
