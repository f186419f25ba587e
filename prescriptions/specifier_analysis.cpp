// Emptiness of a PEP 440 specifier conjunction by interval reasoning over the version order.
//
// Each specifier is turned into a lower and/or upper bound (`~=2.2` is [2.2, 3.dev0), `==1.4.*` is
// [1.4.dev0, 1.5.dev0), `==1.0` is [1.0, 1.0+any local]); the bounds are intersected, and `!=`
// specifiers are holes that can swallow what is left. A bound is a version plus a flag "and all
// its local versions", because `==1.0` and `<=1.0` admit 1.0+local while `>1.0` does not (PEP 440,
// packaging's Specifier._compare_*). The result is sound: when we say "empty", no version matches.
#include "prescriptions/specifier_analysis.hpp"

#include <compare>
#include <vector>

namespace thoth::prescriptions {
namespace {

using packaging::Operator;
using packaging::Specifier;
using packaging::Version;

// A point of the version line: `version`, or just above all local versions of it (with_locals).
struct Point {
  Version version;
  bool with_locals = false;
};

std::strong_ordering compare(const Point& a, const Point& b) {
  if (!a.with_locals && !b.with_locals) return a.version <=> b.version;
  if (a.version.public_version() != b.version.public_version()) return a.version <=> b.version;
  if (a.with_locals && b.with_locals) return std::strong_ordering::equal;
  return a.with_locals ? std::strong_ordering::greater : std::strong_ordering::less;
}

struct Bound {
  Point point;
  bool inclusive = true;
  std::string source;  // the specifier that set it, for the message
};

struct Range {
  std::optional<Bound> lower, upper;
};

// Lowest version with the given release prefix: "E!1.4.dev0".
std::optional<Version> prefix_start(std::uint64_t epoch, const std::vector<std::uint64_t>& prefix) {
  std::string text = std::to_string(epoch) + "!";
  for (std::size_t i = 0; i < prefix.size(); ++i) text += (i == 0 ? "" : ".") + std::to_string(prefix[i]);
  auto version = Version::parse(text + ".dev0");
  if (!version) return std::nullopt;
  return *version;
}

// [prefix.dev0, next-prefix.dev0): every version whose release starts with `prefix`.
std::optional<Range> prefix_range(std::uint64_t epoch, std::vector<std::uint64_t> prefix, const std::string& source) {
  if (prefix.empty()) return std::nullopt;
  auto start = prefix_start(epoch, prefix);
  ++prefix.back();
  auto stop = prefix_start(epoch, prefix);
  if (!start || !stop) return std::nullopt;
  return Range{Bound{{*start}, true, source}, Bound{{*stop}, false, source}};
}

// The range one specifier allows, ignoring `!=` (holes) and `===` (no version semantics).
std::optional<Range> range_of(const Specifier& spec) {
  std::string source = spec.to_string();
  std::string text = spec.version_text();
  if (spec.has_wildcard() && text.size() >= 2) text.resize(text.size() - 2);
  auto parsed = Version::parse(text);
  if (!parsed) return std::nullopt;
  const Version& v = *parsed;
  bool plain_release = !v.pre() && !v.post() && !v.dev() && !v.has_local();
  switch (spec.op()) {
    case Operator::GreaterEqual: return Range{Bound{{v}, true, source}, std::nullopt};
    case Operator::Greater: return Range{Bound{{v, !v.has_local()}, false, source}, std::nullopt};
    case Operator::LessEqual: return Range{std::nullopt, Bound{{v, !v.has_local()}, true, source}};
    case Operator::Less: return Range{std::nullopt, Bound{{v}, false, source}};
    case Operator::Equal:
      if (spec.has_wildcard()) {
        if (!plain_release) return std::nullopt;
        return prefix_range(v.epoch(), v.release(), source);
      }
      return Range{Bound{{v}, true, source}, Bound{{v, !v.has_local()}, true, source}};
    case Operator::Compatible: {
      if (v.release().size() < 2) return std::nullopt;
      auto prefix = prefix_range(v.epoch(), {v.release().begin(), v.release().end() - 1}, source);
      if (!prefix) return std::nullopt;
      prefix->lower = Bound{{v}, true, source};
      return prefix;
    }
    case Operator::NotEqual:
    case Operator::ArbitraryEqual: return std::nullopt;
  }
  return std::nullopt;
}

// The hole a `!=` specifier cuts.
std::optional<Range> hole_of(const Specifier& spec) {
  if (spec.op() != Operator::NotEqual) return std::nullopt;
  Specifier as_equal = *Specifier::parse("==" + spec.version_text());
  auto range = range_of(as_equal);
  if (range) {
    range->lower->source = spec.to_string();
    range->upper->source = spec.to_string();
  }
  return range;
}

bool tighter_lower(const Bound& candidate, const Bound& current) {
  auto order = compare(candidate.point, current.point);
  return order > 0 || (order == 0 && !candidate.inclusive);
}

bool tighter_upper(const Bound& candidate, const Bound& current) {
  auto order = compare(candidate.point, current.point);
  return order < 0 || (order == 0 && !candidate.inclusive);
}

void intersect(Range& range, const Range& other) {
  if (other.lower && (!range.lower || tighter_lower(*other.lower, *range.lower))) range.lower = other.lower;
  if (other.upper && (!range.upper || tighter_upper(*other.upper, *range.upper))) range.upper = other.upper;
}

bool is_empty(const Range& range) {
  if (!range.lower || !range.upper) return false;
  auto order = compare(range.lower->point, range.upper->point);
  if (order > 0) return true;
  return order == 0 && !(range.lower->inclusive && range.upper->inclusive);
}

// Is `range` (bounded) entirely inside `hole`?
bool inside(const Range& range, const Range& hole) {
  if (!range.lower || !range.upper) return false;
  auto low = compare(range.lower->point, hole.lower->point);
  auto high = compare(range.upper->point, hole.upper->point);
  bool low_ok = low > 0 || (low == 0 && (hole.lower->inclusive || !range.lower->inclusive));
  bool high_ok = high < 0 || (high == 0 && (hole.upper->inclusive || !range.upper->inclusive));
  return low_ok && high_ok;
}

std::string both(const Range& range) {
  if (range.lower->source == range.upper->source) return "`" + range.lower->source + "`";
  return "`" + range.lower->source + "` and `" + range.upper->source + "`";
}

}  // namespace

std::optional<std::string> explain_never_matches(const packaging::SpecifierSet& specifiers) {
  Range range;
  for (const Specifier& spec : specifiers.specifiers()) {
    if (auto allowed = range_of(spec)) intersect(range, *allowed);
  }
  if (is_empty(range)) return both(range) + " leave no version";
  for (const Specifier& spec : specifiers.specifiers()) {
    auto hole = hole_of(spec);
    if (hole && inside(range, *hole)) return both(range) + " leave only versions that `" + spec.to_string() + "` excludes";
  }
  return std::nullopt;
}

}  // namespace thoth::prescriptions
