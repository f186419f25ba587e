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

  [[nodiscard]] std::string to_string() const;  // "~=2.2"
  friend bool operator==(const Specifier& a, const Specifier& b);

 private:
  Operator m_op = Operator::Equal;
  std::string m_version_text;
  bool m_wildcard = false;
  std::optional<Version> m_version;  // parsed version (absent for === on non-PEP 440 text)
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

  // packaging's SpecifierSet.filter: keeps order; when nothing final matches and pre-releases are
  // not explicitly excluded, returns the matching pre-releases (PEP 440 "only pre-releases" rule).
  [[nodiscard]] std::vector<Version> filter(std::span<const Version> versions,
                                            std::optional<bool> prereleases = std::nullopt) const;

  [[nodiscard]] std::string to_string() const;  // sorted, comma separated, as packaging's str()
  friend bool operator==(const SpecifierSet& a, const SpecifierSet& b);

 private:
  std::vector<Specifier> m_specifiers;
  std::optional<bool> m_explicit_prereleases;
};

}  // namespace thoth::packaging
