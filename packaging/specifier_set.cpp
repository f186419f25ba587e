// PEP 440 `SpecifierSet` with the semantics of packaging 26.x: a conjunction of specifiers, the
// pre-release policy of `contains`/`filter` (prerelease_policy.hpp), canonical ordering for str()
// and ==, and the set-level questions answered with version ranges (version_ranges.hpp).
#include <algorithm>

#include "packaging/prerelease_policy.hpp"
#include "packaging/specifier.hpp"
#include "packaging/text.hpp"
#include "packaging/version_ranges.hpp"

namespace thoth::packaging {
namespace {

detail::RangeList set_ranges(const std::vector<Specifier>& specifiers) {
  detail::RangeList result = detail::full_range();
  for (const auto& s : specifiers) {
    result = detail::intersect_ranges(result, detail::specifier_ranges(s));
    if (result.empty()) break;
  }
  return result;
}

}  // namespace

Result<SpecifierSet> SpecifierSet::parse(std::string_view text) {
  SpecifierSet set;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = std::min(text.find(',', start), text.size());
    std::string_view item = detail::strip_python_space(text.substr(start, comma - start));
    if (!item.empty()) {
      auto specifier = Specifier::parse(item);
      if (!specifier) return specifier.error();
      set.m_specifiers.push_back(std::move(*specifier));
    }
    start = comma + 1;
  }
  set.m_has_arbitrary = text.find("===") != std::string_view::npos;
  set.m_text = set.canonical_text();
  return set;
}

bool SpecifierSet::prereleases() const {
  if (m_explicit_prereleases) return *m_explicit_prereleases;
  return std::any_of(m_specifiers.begin(), m_specifiers.end(), [](const Specifier& s) { return s.prereleases(); });
}

std::optional<bool> SpecifierSet::effective_prereleases(std::optional<bool> requested) const {
  if (requested) return requested;
  if (m_explicit_prereleases) return m_explicit_prereleases;
  if (prereleases()) return true;
  return std::nullopt;
}

bool SpecifierSet::matches_all(const VersionCandidate& item) const {
  if (m_has_arbitrary) {
    return std::all_of(m_specifiers.begin(), m_specifiers.end(),
                       [&](const Specifier& s) { return s.contains(item, true); });
  }
  if (item.version == nullptr) return m_specifiers.empty();
  return std::all_of(m_specifiers.begin(), m_specifiers.end(),
                     [&](const Specifier& s) { return s.matches_version(*item.version); });
}

bool SpecifierSet::contains(const VersionCandidate& item, std::optional<bool> prereleases, bool installed) const {
  if (item.version && installed && item.version->is_prerelease()) prereleases = true;
  if (!matches_all(item)) return false;
  bool excluded = effective_prereleases(prereleases) == false && item.version && item.version->is_prerelease();
  return !excluded;
}

bool SpecifierSet::contains(const Version& version, std::optional<bool> prereleases, bool installed) const {
  std::string text = m_has_arbitrary ? version.to_string() : std::string();
  return contains(VersionCandidate{text, &version}, prereleases, installed);
}

bool SpecifierSet::contains(std::string_view text, std::optional<bool> prereleases, bool installed) const {
  auto parsed = Version::parse(text);
  return contains(VersionCandidate{text, parsed ? &*parsed : nullptr}, prereleases, installed);
}

std::vector<std::size_t> SpecifierSet::filter_indices(std::span<const VersionCandidate> items,
                                                      std::optional<bool> prereleases) const {
  std::vector<std::size_t> matched;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (matches_all(items[i])) matched.push_back(i);
  }
  return detail::apply_prerelease_policy(items, std::move(matched), effective_prereleases(prereleases));
}

std::vector<Version> SpecifierSet::filter(std::span<const Version> versions, std::optional<bool> prereleases) const {
  std::vector<std::string> texts;
  if (m_has_arbitrary) {
    for (const auto& v : versions) texts.push_back(v.to_string());
  }
  std::vector<VersionCandidate> items;
  items.reserve(versions.size());
  for (std::size_t i = 0; i < versions.size(); ++i) {
    items.push_back(VersionCandidate{m_has_arbitrary ? std::string_view(texts[i]) : std::string_view(), &versions[i]});
  }
  std::vector<Version> result;
  for (std::size_t index : filter_indices(items, prereleases)) result.push_back(versions[index]);
  return result;
}

bool SpecifierSet::is_unsatisfiable() const {
  if (m_specifiers.empty()) return false;
  detail::RangeList ranges = set_ranges(m_specifiers);
  if (ranges.empty()) return true;
  // `===V` admits only the string V: every `===` must agree and V must satisfy the others.
  std::vector<const Specifier*> arbitrary;
  for (const auto& s : m_specifiers) {
    if (s.op() == Operator::ArbitraryEqual) arbitrary.push_back(&s);
  }
  if (!arbitrary.empty()) {
    for (const Specifier* s : arbitrary) {
      if (!detail::equal_ignoring_case(s->version_text(), arbitrary.front()->version_text())) return true;
    }
    const auto& candidate = arbitrary.front()->parsed_version();
    if (m_explicit_prereleases == false && candidate && candidate->is_prerelease()) return true;
    for (const auto& s : m_specifiers) {
      if (s.op() == Operator::ArbitraryEqual) continue;
      if (!candidate || !s.matches_version(*candidate)) return true;
    }
  }
  return m_explicit_prereleases == false && detail::ranges_are_prerelease_only(ranges);
}

bool SpecifierSet::is_subset(const SpecifierSet& other) const {
  detail::RangeList mine = set_ranges(m_specifiers);
  if (mine.empty()) return true;
  return detail::ranges_equal(detail::intersect_ranges(mine, set_ranges(other.m_specifiers)), mine);
}

bool SpecifierSet::is_disjoint(const SpecifierSet& other) const {
  return detail::intersect_ranges(set_ranges(m_specifiers), set_ranges(other.m_specifiers)).empty();
}

std::vector<const Specifier*> SpecifierSet::canonical_order() const {
  std::vector<std::pair<std::string, const Specifier*>> keyed;
  for (const auto& s : m_specifiers) keyed.emplace_back(s.to_string(), &s);
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Specifier*> unique;
  for (const auto& entry : keyed) {
    const Specifier* s = entry.second;  // a plain name: clang 14 cannot capture structured bindings
    bool seen = std::any_of(unique.begin(), unique.end(), [&](const Specifier* u) { return *u == *s; });
    if (!seen) unique.push_back(s);
  }
  return unique;
}

std::string SpecifierSet::canonical_text() const {
  std::string out;
  for (const Specifier* s : canonical_order()) {
    if (!out.empty()) out += ',';
    out += s->to_string();
  }
  return out;
}

bool operator==(const SpecifierSet& a, const SpecifierSet& b) {
  auto left = a.canonical_order();
  auto right = b.canonical_order();
  if (left.size() != right.size()) return false;
  for (std::size_t i = 0; i < left.size(); ++i) {
    if (!(*left[i] == *right[i])) return false;
  }
  return true;
}

}  // namespace thoth::packaging
