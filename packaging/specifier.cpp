// PEP 440 `Specifier` with the semantics of packaging 26.x.
//
// Parsing follows packaging's specifier pattern (validated by the hand-written scanner of
// version_syntax.cpp instead of a regular expression). Membership follows packaging 26's version
// ranges (`_ranges.py`), evaluated directly per operator so `contains` needs no allocation:
//   ==V      V <= x <= AFTER_LOCALS(V)   (x's local label ignored unless V has one)
//   <=V      x <= AFTER_LOCALS(V)        >=V   x >= V
//   <V       x < V.dev0 (V itself when V is a pre-release): no pre-releases of V
//   >V       x > AFTER_POSTS(V): not V's post-releases nor local versions (V.devN: x >= V.dev(N+1),
//            V.postN: x >= V.post(N+1).dev0)
//   ~=V.N    V <= x < (V+1).dev0         ==V.*  V.dev0 <= x < (V+1).dev0 (!= is the complement)
//   ===      case-insensitive string equality with the candidate as written.
#include "packaging/specifier.hpp"

#include <algorithm>

#include "packaging/prerelease_policy.hpp"
#include "packaging/text.hpp"
#include "packaging/version_syntax.hpp"

namespace thoth::packaging {
namespace {

Error invalid_specifier(std::string_view text, std::string_view why) {
  return Error{"expected a version specifier, found `" + std::string(text) + "` (" + std::string(why) + ")", {}, {}};
}

struct OperatorSpelling {
  std::string_view text;
  Operator op;
};
// Longest spellings first, as packaging splits them.
constexpr OperatorSpelling kOperators[] = {
    {"===", Operator::ArbitraryEqual}, {"~=", Operator::Compatible}, {"==", Operator::Equal},
    {"!=", Operator::NotEqual},        {"<=", Operator::LessEqual},  {">=", Operator::GreaterEqual},
    {"<", Operator::Less},             {">", Operator::Greater},
};

// Release segments equal after zero padding (1.0 == 1.0.0).
bool same_release(const std::vector<VersionNumber>& a, const std::vector<VersionNumber>& b) {
  std::size_t length = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < length; ++i) {
    if ((i < a.size() ? a[i] : 0) != (i < b.size() ? b[i] : 0)) return false;
  }
  return true;
}

// Same epoch, release, pre, post and dev: x differs from v at most by its local label.
bool same_public(const Version& x, const Version& v) {
  return x.epoch() == v.epoch() && x.pre() == v.pre() && x.post() == v.post() && x.dev() == v.dev() &&
         same_release(x.release(), v.release());
}

// x <= AFTER_LOCALS(v): at or below v, or v with a local label.
bool below_after_locals(const Version& v, const Version& x) { return x <= v || same_public(x, v); }

// x > AFTER_POSTS(v): above v and not one of v's post-releases or local versions.
bool above_after_posts(const Version& v, const Version& x) {
  if (x <= v) return false;
  bool same_base = x.epoch() == v.epoch() && x.pre() == v.pre() && same_release(x.release(), v.release());
  return !(same_base && (x.dev() == v.dev() || x.post().has_value()));
}

// The smallest version of the next prefix: 1.2 -> 1.3.dev0.
Version next_prefix_dev0(VersionNumber epoch, std::vector<VersionNumber> release) {
  release.back() += 1;
  return Version::from_parts(epoch, std::move(release), std::nullopt, std::nullopt, 0);
}

std::optional<Version> compute_bound(Operator op, const Version& v, bool wildcard) {
  if (wildcard) return next_prefix_dev0(v.epoch(), v.release());
  switch (op) {
    case Operator::Less: {
      Version bound = v.is_prerelease() ? v : Version::from_parts(v.epoch(), v.release(), v.pre(), v.post(), 0);
      if (bound <= Version::from_parts(0, {0}, std::nullopt, std::nullopt, 0)) return std::nullopt;
      return bound;
    }
    case Operator::Greater:
      if (v.dev()) return Version::from_parts(v.epoch(), v.release(), v.pre(), v.post(), *v.dev() + 1);
      if (v.post()) return Version::from_parts(v.epoch(), v.release(), v.pre(), *v.post() + 1, 0);
      return std::nullopt;
    case Operator::Compatible: {
      std::vector<VersionNumber> prefix(v.release().begin(), v.release().end() - 1);
      return next_prefix_dev0(v.epoch(), std::move(prefix));
    }
    default:
      return std::nullopt;
  }
}

bool has_inner_space(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (detail::python_space_length(text, i) != 0) return true;
  }
  return false;
}

// packaging's canonicalize_version: trailing zeros of the release dropped (one kept) unless `~=`.
std::string canonical_version_text(const Version& v, bool strip_trailing_zero) {
  if (!strip_trailing_zero) return v.to_string();
  std::vector<VersionNumber> release = v.release();
  while (release.size() > 1 && release.back() == 0) release.pop_back();
  return Version::from_parts(v.epoch(), std::move(release), v.pre(), v.post(), v.dev(), v.local()).to_string();
}

std::string canonical_text(const Specifier& s) {
  if (s.op() == Operator::ArbitraryEqual || s.has_wildcard() || !s.parsed_version()) return s.version_text();
  return canonical_version_text(*s.parsed_version(), s.op() != Operator::Compatible);
}

}  // namespace

std::string_view operator_text(Operator op) {
  for (const auto& spelling : kOperators) {
    if (spelling.op == op) return spelling.text;
  }
  return "";
}

Result<Specifier> Specifier::parse(std::string_view text) {
  std::string_view body = detail::strip_python_space(text);
  const OperatorSpelling* spelling = nullptr;
  for (const auto& candidate : kOperators) {
    if (body.starts_with(candidate.text)) {
      spelling = &candidate;
      break;
    }
  }
  if (spelling == nullptr) return invalid_specifier(text, "no operator");
  Specifier s;
  s.m_op = spelling->op;
  std::string_view version = detail::strip_python_space(body.substr(spelling->text.size()));
  s.m_version_text = std::string(version);
  if (s.m_op == Operator::ArbitraryEqual) {
    if (has_inner_space(version) || version.find_first_of(";)") != std::string_view::npos) {
      return invalid_specifier(text, "`===` takes one word");
    }
    if (auto parsed = Version::parse(version)) s.m_version = std::move(*parsed);
    return s;
  }
  bool prefix_operator = s.m_op == Operator::Equal || s.m_op == Operator::NotEqual;
  detail::VersionSyntax syntax;
  if (detail::scan_version(version, 0, syntax, prefix_operator) != version.size() || syntax.overflow) {
    return invalid_specifier(text, "not a PEP 440 version");
  }
  if (!syntax.local.empty() && !prefix_operator) {
    return invalid_specifier(text, "a local version label is only allowed with `==` and `!=`");
  }
  if (s.m_op == Operator::Compatible && syntax.release.size() < 2) {
    return invalid_specifier(text, "`~=` needs at least two release segments");
  }
  s.m_wildcard = syntax.wildcard;
  bool overflow = false;
  auto local = syntax.local.empty() ? std::vector<LocalSegment>{} : detail::parse_local_label(syntax.local, overflow);
  if (overflow) return invalid_specifier(text, "a number does not fit in 64 bits");
  Version v = Version::from_parts(syntax.epoch, std::move(syntax.release), syntax.pre, syntax.post, syntax.dev,
                                  std::move(local));
  s.m_bound = compute_bound(s.m_op, v, s.m_wildcard);
  s.m_version = s.m_wildcard ? Version::from_parts(v.epoch(), v.release(), std::nullopt, std::nullopt, 0) : v;
  return s;
}

bool Specifier::prereleases() const {
  if (m_explicit_prereleases) return *m_explicit_prereleases;
  if (m_op == Operator::NotEqual) return false;
  if (m_op == Operator::Equal && m_wildcard) return false;
  return m_version && m_version->is_prerelease();
}

std::optional<bool> Specifier::effective_prereleases(std::optional<bool> requested) const {
  if (requested) return requested;
  if (m_explicit_prereleases) return m_explicit_prereleases;
  if (prereleases()) return true;
  return std::nullopt;
}

bool Specifier::matches_version(const Version& x) const {
  if (!m_version) return false;
  const Version& v = *m_version;
  switch (m_op) {
    case Operator::Equal:
    case Operator::NotEqual: {
      bool equal = m_wildcard   ? (x >= v && x < *m_bound)
                   : v.has_local() ? x == v
                                   : (x >= v && below_after_locals(v, x));
      return (m_op == Operator::Equal) == equal;
    }
    case Operator::LessEqual: return below_after_locals(v, x);
    case Operator::GreaterEqual: return x >= v;
    case Operator::Less: return m_bound && x < *m_bound;
    case Operator::Greater: return m_bound ? x >= *m_bound : above_after_posts(v, x);
    case Operator::Compatible: return x >= v && x < *m_bound;
    case Operator::ArbitraryEqual: return detail::equal_ignoring_case(x.to_string(), m_version_text);
  }
  return false;
}

bool Specifier::contains(const VersionCandidate& item, std::optional<bool> prereleases) const {
  bool match = m_op == Operator::ArbitraryEqual ? detail::equal_ignoring_case(item.text, m_version_text)
                                                : item.version != nullptr && matches_version(*item.version);
  if (!match) return false;
  bool excluded = effective_prereleases(prereleases) == false && item.version && item.version->is_prerelease();
  return !excluded;
}

bool Specifier::contains(const Version& version, std::optional<bool> prereleases) const {
  std::string text = m_op == Operator::ArbitraryEqual ? version.to_string() : std::string();
  return contains(VersionCandidate{text, &version}, prereleases);
}

bool Specifier::contains(std::string_view text, std::optional<bool> prereleases) const {
  auto parsed = Version::parse(text);
  return contains(VersionCandidate{text, parsed ? &*parsed : nullptr}, prereleases);
}

std::vector<std::size_t> Specifier::filter_indices(std::span<const VersionCandidate> items,
                                                   std::optional<bool> prereleases) const {
  std::vector<std::size_t> matched;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (contains(items[i], true)) matched.push_back(i);
  }
  return detail::apply_prerelease_policy(items, std::move(matched), effective_prereleases(prereleases));
}

std::string Specifier::to_string() const { return std::string(operator_text(m_op)) + m_version_text; }

bool operator==(const Specifier& a, const Specifier& b) {
  return a.m_op == b.m_op && canonical_text(a) == canonical_text(b);
}

namespace detail {

std::vector<std::size_t> apply_prerelease_policy(std::span<const VersionCandidate> items,
                                                 std::vector<std::size_t> matched, std::optional<bool> prereleases) {
  if (prereleases == true) return matched;
  auto is_prerelease = [&](std::size_t i) { return items[i].version && items[i].version->is_prerelease(); };
  if (!prereleases) {
    bool any_final = std::any_of(matched.begin(), matched.end(),
                                 [&](std::size_t i) { return items[i].version && !is_prerelease(i); });
    if (!any_final) return matched;
  }
  std::erase_if(matched, is_prerelease);
  return matched;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace detail
}  // namespace thoth::packaging
