// Private: packaging's pre-release policy applied to the items a specifier already matched
// (`_apply_prereleases_filter`, `_pep440_filter_prereleases` and the buffering of `filter_by_ranges`).
//   true  -> keep every match;
//   false -> drop matches that parse as pre-releases (non-PEP 440 strings stay);
//   none  -> PEP 440 default: drop pre-releases when at least one final release matched,
//            otherwise keep everything (the "only pre-releases satisfy it" rule).
// The output keeps input order, as packaging's generators do.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "packaging/specifier.hpp"

namespace thoth::packaging::detail {

[[nodiscard]] std::vector<std::size_t> apply_prerelease_policy(std::span<const VersionCandidate> items,
                                                               std::vector<std::size_t> matched,
                                                               std::optional<bool> prereleases);

// Lower-case ASCII comparison used by `===`.
[[nodiscard]] bool equal_ignoring_case(std::string_view a, std::string_view b);

}  // namespace thoth::packaging::detail
