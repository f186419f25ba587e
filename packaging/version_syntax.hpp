// Private: the PEP 440 version grammar of `packaging` (VERSION_PATTERN), scanned by hand.
//
// One greedy left-to-right pass is equivalent to the regular expression because every optional
// part (pre, post, dev, local) starts with an optional separator, so no backtracking can ever make
// a longer match; the patterns of `packaging` 26 even mark these groups possessive.
// Used by Version::parse (whole string), by Specifier::parse and by the requirement tokenizer
// (which scans a version that may be followed by more text).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "packaging/version.hpp"

namespace thoth::packaging::detail {

struct VersionSyntax {
  VersionNumber epoch = 0;
  std::vector<VersionNumber> release;
  std::optional<PreRelease> pre;
  std::optional<VersionNumber> post;
  std::optional<VersionNumber> dev;
  std::string_view local;   // text after '+', empty when absent
  bool wildcard = false;    // ended in ".*" (only when scanning with allow_wildcard)
  bool overflow = false;    // a number did not fit VersionNumber
};

// Scans a version starting at `pos` (optional leading 'v', no surrounding whitespace). Returns the
// end of the longest match, or npos when there is no release segment. With `allow_wildcard`, a
// ".*" right after the release segment ends the version (the `==`/`!=` prefix form).
[[nodiscard]] std::size_t scan_version(std::string_view text, std::size_t pos, VersionSyntax& out,
                                       bool allow_wildcard = false);

// The local label split at [._-] into numeric and lower-cased alphanumeric segments.
[[nodiscard]] std::vector<LocalSegment> parse_local_label(std::string_view label, bool& overflow);

}  // namespace thoth::packaging::detail
