// Hand-written scanner for PEP 440 versions (see version_syntax.hpp for why one greedy pass is
// exact). Letters are ASCII and case-insensitive; numbers are ASCII digits (`[0-9]`, not `\d`).
#include "packaging/version_syntax.hpp"

#include <array>
#include <limits>

#include "packaging/text.hpp"

namespace thoth::packaging::detail {
namespace {

constexpr std::size_t kNoMatch = std::string_view::npos;

bool is_separator(char c) { return c == '.' || c == '_' || c == '-'; }

// Reads [0-9]+ at pos; returns the end (== pos when there are no digits).
std::size_t scan_number(std::string_view text, std::size_t pos, VersionNumber& value, bool& overflow) {
  value = 0;
  std::size_t end = pos;
  constexpr VersionNumber kMax = std::numeric_limits<VersionNumber>::max();
  while (end < text.size() && is_ascii_digit(text[end])) {
    auto digit = static_cast<VersionNumber>(text[end] - '0');
    if (value > (kMax - digit) / 10) overflow = true;
    value = value * 10 + digit;
    ++end;
  }
  return end;
}

std::size_t skip_separator(std::string_view text, std::size_t pos) {
  return (pos < text.size() && is_separator(text[pos])) ? pos + 1 : pos;
}

struct Spelling {
  std::string_view word;
  PreKind kind;
};
// Alternation order of the pattern: alpha|a|beta|b|preview|pre|c|rc.
constexpr std::array<Spelling, 8> kPreSpellings = {{{"alpha", PreKind::Alpha},
                                                    {"a", PreKind::Alpha},
                                                    {"beta", PreKind::Beta},
                                                    {"b", PreKind::Beta},
                                                    {"preview", PreKind::ReleaseCandidate},
                                                    {"pre", PreKind::ReleaseCandidate},
                                                    {"c", PreKind::ReleaseCandidate},
                                                    {"rc", PreKind::ReleaseCandidate}}};

// pre = [._-]? (alpha|a|beta|b|preview|pre|c|rc) [._-]? [0-9]*
std::size_t scan_pre(std::string_view text, std::size_t pos, VersionSyntax& out) {
  std::size_t at = skip_separator(text, pos);
  for (const auto& spelling : kPreSpellings) {
    if (!starts_with_nocase(text, at, spelling.word)) continue;
    std::size_t end = skip_separator(text, at + spelling.word.size());
    VersionNumber number = 0;
    end = scan_number(text, end, number, out.overflow);
    out.pre = PreRelease{spelling.kind, number};
    return end;
  }
  return pos;
}

// post = -[0-9]+ | [._-]? (post|rev|r) [._-]? [0-9]*
std::size_t scan_post(std::string_view text, std::size_t pos, VersionSyntax& out) {
  VersionNumber number = 0;
  if (pos < text.size() && text[pos] == '-') {
    std::size_t end = scan_number(text, pos + 1, number, out.overflow);
    if (end > pos + 1) {
      out.post = number;
      return end;
    }
  }
  std::size_t at = skip_separator(text, pos);
  for (std::string_view word : {std::string_view("post"), std::string_view("rev"), std::string_view("r")}) {
    if (!starts_with_nocase(text, at, word)) continue;
    std::size_t end = skip_separator(text, at + word.size());
    end = scan_number(text, end, number, out.overflow);
    out.post = number;
    return end;
  }
  return pos;
}

// dev = [._-]? dev [._-]? [0-9]*
std::size_t scan_dev(std::string_view text, std::size_t pos, VersionSyntax& out) {
  std::size_t at = skip_separator(text, pos);
  if (!starts_with_nocase(text, at, "dev")) return pos;
  VersionNumber number = 0;
  std::size_t end = scan_number(text, skip_separator(text, at + 3), number, out.overflow);
  out.dev = number;
  return end;
}

// local = \+ [a-z0-9]+ ([._-][a-z0-9]+)*
std::size_t scan_local(std::string_view text, std::size_t pos, VersionSyntax& out) {
  if (pos >= text.size() || text[pos] != '+') return pos;
  std::size_t end = pos + 1;
  std::size_t last_good = pos;
  while (end < text.size() && is_ascii_alnum(text[end])) {
    while (end < text.size() && is_ascii_alnum(text[end])) ++end;
    last_good = end;
    if (end + 1 < text.size() && is_separator(text[end]) && is_ascii_alnum(text[end + 1])) {
      ++end;
      continue;
    }
    break;
  }
  if (last_good == pos) return pos;
  out.local = text.substr(pos + 1, last_good - pos - 1);
  return last_good;
}

// release = [0-9]+ (\.[0-9]+)*, preceded by an optional epoch "N!".
std::size_t scan_release(std::string_view text, std::size_t pos, VersionSyntax& out) {
  VersionNumber number = 0;
  std::size_t end = scan_number(text, pos, number, out.overflow);
  if (end == pos) return kNoMatch;
  if (end < text.size() && text[end] == '!') {
    out.epoch = number;
    pos = end + 1;
    end = scan_number(text, pos, number, out.overflow);
    if (end == pos) return kNoMatch;
  }
  out.release.push_back(number);
  while (end + 1 < text.size() && text[end] == '.' && is_ascii_digit(text[end + 1])) {
    end = scan_number(text, end + 1, number, out.overflow);
    out.release.push_back(number);
  }
  return end;
}

}  // namespace

std::size_t scan_version(std::string_view text, std::size_t pos, VersionSyntax& out, bool allow_wildcard) {
  if (pos < text.size() && (text[pos] == 'v' || text[pos] == 'V')) ++pos;
  std::size_t end = scan_release(text, pos, out);
  if (end == kNoMatch) return kNoMatch;
  if (allow_wildcard && text.substr(end, 2) == ".*") {
    out.wildcard = true;
    return end + 2;
  }
  end = scan_pre(text, end, out);
  end = scan_post(text, end, out);
  end = scan_dev(text, end, out);
  return scan_local(text, end, out);
}

std::vector<LocalSegment> parse_local_label(std::string_view label, bool& overflow) {
  std::vector<LocalSegment> segments;
  std::size_t start = 0;
  while (start <= label.size()) {
    std::size_t end = start;
    while (end < label.size() && !is_separator(label[end])) ++end;
    std::string_view part = label.substr(start, end - start);
    VersionNumber number = 0;
    if (scan_number(part, 0, number, overflow) == part.size()) {
      segments.push_back(LocalSegment{true, number, {}});
    } else {
      segments.push_back(LocalSegment{false, 0, ascii_lower(part)});
    }
    start = end + 1;
  }
  return segments;
}

}  // namespace thoth::packaging::detail
