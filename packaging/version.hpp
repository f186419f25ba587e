// PEP 440 versions: parse, normalise, order (semantics of packaging 26.x `Version`).
//
//   auto v = Version::parse("1.0-RC1");   // Result<Version>
//   v->to_string() == "1.0rc1";  v->is_prerelease() == true;
//   *Version::parse("1.0") == *Version::parse("1.0.0")   // zero padding
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace thoth::packaging {

// Numbers in versions are unbounded in Python; we store up to 64 bits and reject larger ones at parse
// time (documented in docs/pep-vectors.md if any vector needs more).
using VersionNumber = std::uint64_t;

enum class PreKind : std::uint8_t { Alpha, Beta, ReleaseCandidate };

struct PreRelease {
  PreKind kind;
  VersionNumber number;
  friend auto operator<=>(const PreRelease&, const PreRelease&) = default;
};

// One dot-separated segment of a local label: numeric or alphanumeric (lower-cased).
struct LocalSegment {
  bool numeric;
  VersionNumber number;  // when numeric
  std::string text;      // when !numeric
  friend bool operator==(const LocalSegment&, const LocalSegment&) = default;
};

class Version {
 public:
  // Parses a PEP 440 version (leading/trailing whitespace and a leading "v" allowed).
  [[nodiscard]] static Result<Version> parse(std::string_view text);

  // Builds a version from its parts (packaging's Version.from_parts); requires: release non-empty.
  [[nodiscard]] static Version from_parts(VersionNumber epoch, std::vector<VersionNumber> release,
                                          std::optional<PreRelease> pre = std::nullopt,
                                          std::optional<VersionNumber> post = std::nullopt,
                                          std::optional<VersionNumber> dev = std::nullopt,
                                          std::vector<LocalSegment> local = {});

  [[nodiscard]] VersionNumber epoch() const { return m_epoch; }
  [[nodiscard]] const std::vector<VersionNumber>& release() const { return m_release; }
  [[nodiscard]] const std::optional<PreRelease>& pre() const { return m_pre; }
  [[nodiscard]] const std::optional<VersionNumber>& post() const { return m_post; }
  [[nodiscard]] const std::optional<VersionNumber>& dev() const { return m_dev; }
  [[nodiscard]] const std::vector<LocalSegment>& local() const { return m_local; }

  [[nodiscard]] bool is_prerelease() const { return m_pre.has_value() || m_dev.has_value(); }
  [[nodiscard]] bool is_postrelease() const { return m_post.has_value(); }
  [[nodiscard]] bool is_devrelease() const { return m_dev.has_value(); }
  [[nodiscard]] bool has_local() const { return !m_local.empty(); }

  [[nodiscard]] Version public_version() const;  // without the local label
  [[nodiscard]] Version base_version() const;    // epoch and release only
  [[nodiscard]] std::string local_string() const;  // "ubuntu.1", empty when none

  [[nodiscard]] std::string to_string() const;  // normalised form, round-trips through parse

  friend std::strong_ordering operator<=>(const Version& a, const Version& b);
  friend bool operator==(const Version& a, const Version& b) { return (a <=> b) == 0; }

 private:
  VersionNumber m_epoch = 0;
  std::vector<VersionNumber> m_release;
  std::optional<PreRelease> m_pre;
  std::optional<VersionNumber> m_post;
  std::optional<VersionNumber> m_dev;
  std::vector<LocalSegment> m_local;
};

}  // namespace thoth::packaging
