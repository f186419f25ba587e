// packaging 26's version ranges (see version_ranges.hpp). Each function mirrors its namesake in
// packaging's `_ranges.py` so that the set-level answers agree with packaging's, quirks included.
#include "packaging/version_ranges.hpp"

namespace thoth::packaging::detail {
namespace {

bool same_release(const std::vector<VersionNumber>& a, const std::vector<VersionNumber>& b) {
  std::size_t length = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < length; ++i) {
    if ((i < a.size() ? a[i] : 0) != (i < b.size() ? b[i] : 0)) return false;
  }
  return true;
}

// Is x one of the versions a boundary sorts above (packaging's _BoundaryVersion._is_family)?
bool in_family(const RangePoint& boundary, const Version& x) {
  const Version& v = boundary.version;
  if (x.epoch() != v.epoch() || x.pre() != v.pre() || !same_release(x.release(), v.release())) return false;
  if (boundary.kind == PointKind::AfterLocals) return x.post() == v.post() && x.dev() == v.dev();
  return x.dev() == v.dev() || x.post().has_value();
}

bool point_equal(const RangePoint& a, const RangePoint& b) {
  if ((a.kind == PointKind::Exact) != (b.kind == PointKind::Exact)) return false;
  return a.kind == b.kind && a.version == b.version;
}

bool point_less(const RangePoint& a, const RangePoint& b) {
  bool a_exact = a.kind == PointKind::Exact;
  bool b_exact = b.kind == PointKind::Exact;
  if (a_exact && b_exact) return a.version < b.version;
  if (!a_exact && b_exact) return a.version < b.version && !in_family(a, b.version);
  if (a_exact && !b_exact) return b.version >= a.version || in_family(b, a.version);
  if (a.version != b.version) return a.version < b.version;
  return a.kind < b.kind;
}

bool optional_point_equal(const RangeBound& a, const RangeBound& b) {
  if (!a.point || !b.point) return !a.point && !b.point;
  return point_equal(*a.point, *b.point);
}

bool bound_equal(const RangeBound& a, const RangeBound& b) {
  return optional_point_equal(a, b) && a.inclusive == b.inclusive;
}

bool lower_less(const RangeBound& a, const RangeBound& b) {
  if (!a.point) return b.point.has_value();
  if (!b.point) return false;
  if (!point_equal(*a.point, *b.point)) return point_less(*a.point, *b.point);
  return a.inclusive && !b.inclusive;
}

bool upper_less(const RangeBound& a, const RangeBound& b) {
  if (!a.point) return false;
  if (!b.point) return true;
  if (!point_equal(*a.point, *b.point)) return point_less(*a.point, *b.point);
  return !a.inclusive && b.inclusive;
}

const Version& min_version() {
  static const Version kMin = Version::from_parts(0, {0}, std::nullopt, std::nullopt, 0);  // 0.dev0
  return kMin;
}

// The smallest version above an exclusive boundary, when one exists: after V's local versions comes
// V.dev(N+1), V.post(N+1).dev0 or V.post0.dev0; after a pre-release's post-releases comes the next
// pre-release's dev0. After a final release's post-releases there is none (1.0.0.0...1 approach).
std::optional<Version> successor(const RangePoint& point) {
  const Version& v = point.version;
  if (point.kind == PointKind::AfterLocals) {
    if (v.dev()) return Version::from_parts(v.epoch(), v.release(), v.pre(), v.post(), *v.dev() + 1);
    return Version::from_parts(v.epoch(), v.release(), v.pre(), v.post() ? *v.post() + 1 : 0, 0);
  }
  if (point.kind == PointKind::AfterPosts && v.pre() && !v.post() && !v.dev()) {
    PreRelease next{v.pre()->kind, v.pre()->number + 1};
    return Version::from_parts(v.epoch(), v.release(), next, std::nullopt, 0);
  }
  return std::nullopt;
}

// Emptiness that also knows where no version can exist: below 0.dev0, between a boundary and its
// successor, and under an upper AFTER_LOCALS(U) whose U the lower boundary already excludes.
// (packaging 26.4 answers these cases of is_unsatisfiable; its test-suite asserts them.)
bool range_is_empty_by_adjacency(const RangeBound& lower, const RangeBound& upper) {
  if (!upper.point) return false;
  const RangePoint& top = *upper.point;
  if (!lower.point) {
    return top.kind == PointKind::Exact && (top.version < min_version() ||
                                            (top.version == min_version() && !upper.inclusive));
  }
  const RangePoint& bottom = *lower.point;
  if (bottom.kind == PointKind::Exact) return false;
  if (top.kind == PointKind::AfterLocals && upper.inclusive) {
    return !point_less(bottom, RangePoint{top.version, PointKind::Exact});
  }
  auto next = successor(bottom);
  if (!next || top.kind != PointKind::Exact) return false;
  return *next > top.version || (*next == top.version && !upper.inclusive);
}

bool range_is_empty(const RangeBound& lower, const RangeBound& upper) {
  if (range_is_empty_by_adjacency(lower, upper)) return true;
  if (!lower.point || !upper.point) return false;
  if (point_equal(*lower.point, *upper.point)) return !(lower.inclusive && upper.inclusive);
  return point_less(*upper.point, *lower.point);
}

RangeBound exact(const Version& v, bool inclusive) { return RangeBound{RangePoint{v, PointKind::Exact}, inclusive}; }
RangeBound boundary(const Version& v, PointKind kind, bool inclusive) { return RangeBound{RangePoint{v, kind}, inclusive}; }
RangeBound infinite() { return RangeBound{}; }

RangeList standard_ranges(const Specifier& s) {
  const Version& v = *s.parsed_version();
  const auto& bound = s.derived_bound();
  switch (s.op()) {
    case Operator::GreaterEqual: return {{exact(v, true), infinite()}};
    case Operator::LessEqual: return {{infinite(), boundary(v, PointKind::AfterLocals, true)}};
    case Operator::Greater:
      if (bound) return {{exact(*bound, true), infinite()}};
      return {{boundary(v, PointKind::AfterPosts, false), infinite()}};
    case Operator::Less:
      if (!bound) return {};
      return {{infinite(), exact(*bound, false)}};
    case Operator::Compatible: return {{exact(v, true), exact(*bound, false)}};
    default: break;
  }
  RangeBound upper = v.has_local() ? exact(v, true) : boundary(v, PointKind::AfterLocals, true);
  if (s.op() == Operator::Equal) return {{exact(v, true), upper}};
  upper.inclusive = false;
  return {{infinite(), exact(v, false)}, {upper, infinite()}};
}

// The smallest final (or post) release at or above a lower bound; -inf counts as 0.dev0.
std::optional<Version> lowest_release_at_or_above(const RangeBound& lower) {
  const Version& v = lower.point ? lower.point->version : min_version();
  bool boundary = lower.point && lower.point->kind != PointKind::Exact;
  if (v.pre()) return Version::from_parts(v.epoch(), v.release());
  if (v.dev()) return Version::from_parts(v.epoch(), v.release(), std::nullopt, v.post());
  if (boundary) return Version::from_parts(v.epoch(), v.release(), std::nullopt, v.post() ? *v.post() + 1 : 0);
  return v;
}

}  // namespace

RangeList full_range() { return {{infinite(), infinite()}}; }

RangeList specifier_ranges(const Specifier& s) {
  if (s.op() == Operator::ArbitraryEqual) return full_range();
  if (!s.has_wildcard()) return standard_ranges(s);
  const Version& lower = *s.parsed_version();  // V.dev0
  const Version& upper = *s.derived_bound();   // (V+1).dev0
  if (s.op() == Operator::Equal) return {{exact(lower, true), exact(upper, false)}};
  return {{infinite(), exact(lower, false)}, {exact(upper, true), infinite()}};
}

RangeList intersect_ranges(const RangeList& left, const RangeList& right) {
  RangeList result;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < left.size() && j < right.size()) {
    // max() of the lower bounds and min() of the upper bounds, as Python picks them.
    bool right_greater = !lower_less(right[j].lower, left[i].lower) && !bound_equal(right[j].lower, left[i].lower);
    const RangeBound& lower = right_greater ? right[j].lower : left[i].lower;
    const RangeBound& upper = upper_less(right[j].upper, left[i].upper) ? right[j].upper : left[i].upper;
    if (!range_is_empty(lower, upper)) result.push_back({lower, upper});
    if (upper_less(left[i].upper, right[j].upper)) {
      ++i;
    } else {
      ++j;
    }
  }
  return result;
}

bool ranges_are_prerelease_only(const RangeList& ranges) {
  for (const auto& range : ranges) {
    auto nearest = lowest_release_at_or_above(range.lower);
    if (!nearest || !range.upper.point) return false;
    RangePoint candidate{*nearest, PointKind::Exact};
    if (point_less(candidate, *range.upper.point)) return false;
    if (point_equal(candidate, *range.upper.point) && range.upper.inclusive) return false;
  }
  return true;
}

bool ranges_equal(const RangeList& left, const RangeList& right) {
  if (left.size() != right.size()) return false;
  for (std::size_t i = 0; i < left.size(); ++i) {
    if (!bound_equal(left[i].lower, right[i].lower) || !bound_equal(left[i].upper, right[i].upper)) return false;
  }
  return true;
}

}  // namespace thoth::packaging::detail
