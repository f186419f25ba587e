// PEP 440 version specifiers (semantics of packaging 26.x `Specifier` and `SpecifierSet`),
// including `~=`, `==1.*`, `!=1.*`, `===` and the pre-release rules.
//
//   auto s = SpecifierSet::parse(">=1.0,!=1.3.*");
//   s->contains(*Version::parse("1.2"));   // true
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "packaging/version.hpp"

namespace thoth::packaging {

enum class Operator : std::uint8_t {
  Compatible,      // ~=
  Equal,           // ==  (with or without .*)
  NotEqual,        // !=  (with or without .*)
  LessEqual,       // <=
  GreaterEqual,    // >=
  Less,            // <
  Greater,         // >
  ArbitraryEqual,  // ===
};

[[nodiscard]] std::string_view operator_text(Operator op);

// An item for contains()/filter_indices(): the text as written (what `===` compares) and its
// PEP 440 parse (nullptr when the text is not a valid version). For a Version object, `text`
// is its normalised form, as packaging's str(Version).
struct VersionCandidate {
  std::string_view text;
  const Version* version = nullptr;
};

class Specifier {
 public:
  [[nodiscard]] static Result<Specifier> parse(std::string_view text);

  [[nodiscard]] Operator op() const { return m_op; }
  [[nodiscard]] const std::string& version_text() const { return m_version_text; }  // "1.*" keeps its ".*"
  [[nodiscard]] bool has_wildcard() const { return m_wildcard; }

  // Does this specifier itself admit pre-releases (its version is a pre-release, ...)?
  // `explicit_prereleases` is packaging's `prereleases=` constructor argument override.
  [[nodiscard]] bool prereleases() const;
  void set_prereleases(std::optional<bool> value) { m_explicit_prereleases = value; }

  // packaging's Specifier.contains(item, prereleases): None -> use prereleases() rule.
  [[nodiscard]] bool contains(const Version& version, std::optional<bool> prereleases = std::nullopt) const;
  // `===` compares strings; other operators parse `text` first (false when it does not parse).
  [[nodiscard]] bool contains(std::string_view text, std::optional<bool> prereleases = std::nullopt) const;
  [[nodiscard]] bool contains(const VersionCandidate& item, std::optional<bool> prereleases = std::nullopt) const;

  // Is `version` inside the specifier's range, ignoring the pre-release policy? (Not for `===`.)
  [[nodiscard]] bool matches_version(const Version& version) const;
  // The parsed version (the prefix without ".*" for wildcards; absent for `===` on other text).
  [[nodiscard]] const std::optional<Version>& parsed_version() const { return m_version; }
  [[nodiscard]] std::optional<bool> explicit_prereleases() const { return m_explicit_prereleases; }
  // The second bound some operators need (see specifier.cpp): `<` V.dev0 (absent: admits nothing),
  // `>` the next dev/post release, `~=` and wildcards the first version of the next prefix.
  [[nodiscard]] const std::optional<Version>& derived_bound() const { return m_bound; }

  // packaging's Specifier.filter: indices of the admitted items, in order.
  [[nodiscard]] std::vector<std::size_t> filter_indices(std::span<const VersionCandidate> items,
                                                        std::optional<bool> prereleases = std::nullopt) const;

  [[nodiscard]] std::string to_string() const;  // "~=2.2"
  friend bool operator==(const Specifier& a, const Specifier& b);

 private:
  [[nodiscard]] std::optional<bool> effective_prereleases(std::optional<bool> requested) const;

  Operator m_op = Operator::Equal;
  std::string m_version_text;
  bool m_wildcard = false;
  std::optional<Version> m_version;  // parsed version (absent for === on non-PEP 440 text)
  std::optional<Version> m_bound;    // derived bound: `<` V.dev0, `>` next dev/post, `~=`/wildcard upper
  std::optional<bool> m_explicit_prereleases;
};

class SpecifierSet {
 public:
  SpecifierSet() = default;  // empty: matches every version (pre-releases by the default rule)
  [[nodiscard]] static Result<SpecifierSet> parse(std::string_view text);

  [[nodiscard]] bool empty() const { return m_specifiers.empty(); }
  [[nodiscard]] const std::vector<Specifier>& specifiers() const { return m_specifiers; }

  [[nodiscard]] bool prereleases() const;  // does the set itself admit pre-releases?
  void set_prereleases(std::optional<bool> value) { m_explicit_prereleases = value; }

  // packaging's SpecifierSet.contains(item, prereleases=None, installed=None).
  [[nodiscard]] bool contains(const Version& version, std::optional<bool> prereleases = std::nullopt,
                              bool installed = false) const;
  [[nodiscard]] bool contains(std::string_view text, std::optional<bool> prereleases = std::nullopt,
                              bool installed = false) const;
  [[nodiscard]] bool contains(const VersionCandidate& item, std::optional<bool> prereleases = std::nullopt,
                              bool installed = false) const;

  // packaging's SpecifierSet.filter: keeps order; when nothing final matches and pre-releases are
  // not explicitly excluded, returns the matching pre-releases (PEP 440 "only pre-releases" rule).
  [[nodiscard]] std::vector<Version> filter(std::span<const Version> versions,
                                            std::optional<bool> prereleases = std::nullopt) const;
  // The same on candidates that may be non-PEP 440 strings: indices of the admitted items, in order.
  [[nodiscard]] std::vector<std::size_t> filter_indices(std::span<const VersionCandidate> items,
                                                        std::optional<bool> prereleases = std::nullopt) const;

  // packaging 26's SpecifierSet.is_unsatisfiable(): can no version satisfy every specifier?
  [[nodiscard]] bool is_unsatisfiable() const;
  // Relations between the sets of admitted versions (packaging 26 version ranges).
  [[nodiscard]] bool is_subset(const SpecifierSet& other) const;
  [[nodiscard]] bool is_superset(const SpecifierSet& other) const { return other.is_subset(*this); }
  [[nodiscard]] bool is_disjoint(const SpecifierSet& other) const;

  // Sorted, comma separated, as packaging's str(); made once at parse (resolvers key memos by it).
  [[nodiscard]] const std::string& to_string() const { return m_text; }
  friend bool operator==(const SpecifierSet& a, const SpecifierSet& b);

 private:
  [[nodiscard]] std::optional<bool> effective_prereleases(std::optional<bool> requested) const;
  [[nodiscard]] bool matches_all(const VersionCandidate& item) const;
  [[nodiscard]] std::vector<const Specifier*> canonical_order() const;

  [[nodiscard]] std::string canonical_text() const;

  std::vector<Specifier> m_specifiers;
  std::string m_text;  // canonical_text(), kept
  std::optional<bool> m_explicit_prereleases;
  bool m_has_arbitrary = false;  // the text contained "===" (packaging's _has_arbitrary)
};

}  // namespace thoth::packaging
