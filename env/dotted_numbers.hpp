// Internal to env/: reading the leading "X.Y[.Z]" numbers of tool-reported versions such as
// glibc "2.35", musl "1.2.4", GCC "12.1.0" or CUDA "11.8.89" (trailing text like "-r2" is ignored,
// as packaging's _parse_glibc_version does with a regex).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace thoth::env::detail {

// The leading dot-separated numbers of `text` (at least `min_parts`), or nullopt.
// "2.35" -> {2, 35}; "1.2.4-r2" -> {1, 2, 4}; "12" -> {12}; "x1" -> nullopt.
[[nodiscard]] std::optional<std::vector<int>> leading_numbers(std::string_view text, std::size_t min_parts = 1);

}  // namespace thoth::env::detail
