// Private: packaging 26's version ranges (`_ranges.py`) for the set-level questions of SpecifierSet
// (is_unsatisfiable, is_subset, is_disjoint). A range is a (lower, upper) pair of bounds; a bound
// is infinite or a point, and a point is a version or a boundary just after a version's local
// versions (AFTER_LOCALS) or after its post-releases (AFTER_POSTS). Comparisons between points
// reproduce packaging's, including how a boundary compares with a plain version.
#pragma once

#include <optional>
#include <vector>

#include "packaging/specifier.hpp"

namespace thoth::packaging::detail {

enum class PointKind : std::uint8_t { Exact, AfterLocals, AfterPosts };

struct RangePoint {
  Version version;
  PointKind kind = PointKind::Exact;
};

struct RangeBound {
  std::optional<RangePoint> point;  // absent: -inf for a lower bound, +inf for an upper bound
  bool inclusive = false;
};

struct VersionRange {
  RangeBound lower;
  RangeBound upper;
};

using RangeList = std::vector<VersionRange>;  // sorted, non-overlapping

[[nodiscard]] RangeList full_range();
[[nodiscard]] RangeList specifier_ranges(const Specifier& specifier);
[[nodiscard]] RangeList intersect_ranges(const RangeList& left, const RangeList& right);
// Does every range hold only pre-releases (so prereleases=False leaves nothing)?
[[nodiscard]] bool ranges_are_prerelease_only(const RangeList& ranges);
[[nodiscard]] bool ranges_equal(const RangeList& left, const RangeList& right);

}  // namespace thoth::packaging::detail
