// PEP 440 versions with the semantics of packaging 26.x `Version`: parsing (version_syntax.cpp),
// the normalised string form, and the total order of `_cmpkey`:
//   epoch, release without trailing zeros, pre (a dev-only release sorts before every pre-release,
//   no pre sorts after), post (absent first), dev (absent last), local (absent first; segment by
//   segment, alphanumeric < numeric, a prefix sorts first).
#include "packaging/version.hpp"

#include <algorithm>
#include <tuple>

#include "packaging/text.hpp"
#include "packaging/version_syntax.hpp"

namespace thoth::packaging {
namespace {

Error invalid_version(std::string_view text, std::string_view why = {}) {
  std::string message = "expected a PEP 440 version, found `" + std::string(text) + "`";
  if (!why.empty()) message += " (" + std::string(why) + ")";
  return Error{std::move(message), {}, {}};
}

std::strong_ordering compare_release(const std::vector<VersionNumber>& a, const std::vector<VersionNumber>& b) {
  std::size_t length = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < length; ++i) {
    VersionNumber left = i < a.size() ? a[i] : 0;
    VersionNumber right = i < b.size() ? b[i] : 0;
    if (left != right) return left <=> right;
  }
  return std::strong_ordering::equal;
}

// (rank, kind, number): rank 0 = dev-only release (-inf), 1 = real pre-release, 2 = none (+inf).
std::tuple<int, int, VersionNumber> pre_key(const Version& v) {
  if (!v.pre() && !v.post() && v.dev()) return {0, 0, 0};
  if (!v.pre()) return {2, 0, 0};
  return {1, static_cast<int>(v.pre()->kind), v.pre()->number};
}

std::strong_ordering compare_local_segment(const LocalSegment& a, const LocalSegment& b) {
  if (a.numeric != b.numeric) return a.numeric ? std::strong_ordering::greater : std::strong_ordering::less;
  if (a.numeric) return a.number <=> b.number;
  int c = a.text.compare(b.text);
  return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
}

std::strong_ordering compare_local(const std::vector<LocalSegment>& a, const std::vector<LocalSegment>& b) {
  std::size_t common = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (auto c = compare_local_segment(a[i], b[i]); c != 0) return c;
  }
  return a.size() <=> b.size();
}

void append_number(std::string& out, VersionNumber n) { out += std::to_string(n); }

std::string_view pre_letter(PreKind kind) {
  switch (kind) {
    case PreKind::Alpha: return "a";
    case PreKind::Beta: return "b";
    case PreKind::ReleaseCandidate: return "rc";
  }
  return "";
}

}  // namespace

Result<Version> Version::parse(std::string_view text) {
  std::string_view body = detail::strip_python_space(text);
  detail::VersionSyntax syntax;
  std::size_t end = detail::scan_version(body, 0, syntax);
  if (end != body.size()) return invalid_version(text);
  bool overflow = syntax.overflow;
  auto local = syntax.local.empty() ? std::vector<LocalSegment>{} : detail::parse_local_label(syntax.local, overflow);
  if (overflow) return invalid_version(text, "a number does not fit in 64 bits");
  return from_parts(syntax.epoch, std::move(syntax.release), syntax.pre, syntax.post, syntax.dev, std::move(local));
}

Version Version::from_parts(VersionNumber epoch, std::vector<VersionNumber> release, std::optional<PreRelease> pre,
                            std::optional<VersionNumber> post, std::optional<VersionNumber> dev,
                            std::vector<LocalSegment> local) {
  THOTH_ASSERT(!release.empty(), "a version needs a release segment");
  Version v;
  v.m_epoch = epoch;
  v.m_release = std::move(release);
  v.m_pre = pre;
  v.m_post = post;
  v.m_dev = dev;
  v.m_local = std::move(local);
  return v;
}

Version Version::public_version() const {
  Version v = *this;
  v.m_local.clear();
  return v;
}

Version Version::base_version() const { return from_parts(m_epoch, m_release); }

std::string Version::local_string() const {
  std::string out;
  for (const auto& segment : m_local) {
    if (!out.empty()) out += '.';
    if (segment.numeric) {
      append_number(out, segment.number);
    } else {
      out += segment.text;
    }
  }
  return out;
}

std::string Version::to_string() const {
  std::string out;
  out.reserve(16);
  if (m_epoch != 0) {
    append_number(out, m_epoch);
    out += '!';
  }
  for (std::size_t i = 0; i < m_release.size(); ++i) {
    if (i != 0) out += '.';
    append_number(out, m_release[i]);
  }
  if (m_pre) {
    out += pre_letter(m_pre->kind);
    append_number(out, m_pre->number);
  }
  if (m_post) {
    out += ".post";
    append_number(out, *m_post);
  }
  if (m_dev) {
    out += ".dev";
    append_number(out, *m_dev);
  }
  if (!m_local.empty()) {
    out += '+';
    out += local_string();
  }
  return out;
}

std::strong_ordering operator<=>(const Version& a, const Version& b) {
  if (a.m_epoch != b.m_epoch) return a.m_epoch <=> b.m_epoch;
  if (auto c = compare_release(a.m_release, b.m_release); c != 0) return c;
  if (auto c = pre_key(a) <=> pre_key(b); c != 0) return c;
  // post: absent sorts first; dev: absent sorts last.
  if (auto c = a.m_post.has_value() <=> b.m_post.has_value(); c != 0) return c;
  if (a.m_post && *a.m_post != *b.m_post) return *a.m_post <=> *b.m_post;
  if (auto c = b.m_dev.has_value() <=> a.m_dev.has_value(); c != 0) return c;
  if (a.m_dev && *a.m_dev != *b.m_dev) return *a.m_dev <=> *b.m_dev;
  return compare_local(a.m_local, b.m_local);
}

}  // namespace thoth::packaging
