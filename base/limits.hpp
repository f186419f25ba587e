// Process-wide bounds on what thoth reads (issue 8, "bounded resources"): the largest input file and
// the deepest nesting any parser accepts (marker parentheses, JSON, YAML, TOML), the number of
// candidate releases one resolution may hold. Parsers and the encoder read them; only cli/main.cpp
// changes them, from the global flags --max-input-mb, --max-nesting and --max-universe.
// Documented in docs/robustness.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace thoth {

struct InputLimits {
  std::uintmax_t max_file_bytes = std::uintmax_t{256} << 20;  // 256 MiB: 15x the largest PyPI snapshot
  int max_nesting = 100;  // levels; real files use < 10, parsers recurse once per level
  std::size_t max_universe_releases = 500000;  // candidate releases in one resolution (cheroot: 13,275)
};

[[nodiscard]] InputLimits& input_limits();

// "nested deeper than 100 levels" and the hint naming the flag, shared by every parser's message.
[[nodiscard]] std::string nesting_limit_message();
[[nodiscard]] std::string nesting_limit_hint();

}  // namespace thoth
