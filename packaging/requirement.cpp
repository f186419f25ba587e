// PEP 508 requirements, after packaging's `_parser.py` (parse_requirement) and `requirements.py`:
//   requirement = WS? IDENTIFIER WS? extras WS? (AT WS? URL (WS marker?)? | specifier WS? marker?) END
//   extras      = "[" WS? (IDENTIFIER (WS? "," WS? IDENTIFIER)*)? WS? "]"
//   specifier   = "(" WS? version_many WS? ")" | version_many     (the old "pytest (>=2.4)" form)
//   marker      = ";" marker-expression WS?
// The specifier text is collected token by token and then parsed as a SpecifierSet, so
// `===x,y` fails on `y` exactly as packaging does. The marker runs to the end of the text.
#include "packaging/requirement.hpp"

#include <algorithm>

#include "packaging/lexer.hpp"
#include "packaging/name.hpp"

namespace thoth::packaging {
namespace {

using detail::Lexer;

Result<std::vector<std::string>> parse_extras(Lexer& lexer) {
  std::vector<std::string> extras;
  if (!lexer.consume('[')) return extras;
  lexer.skip_spaces();
  if (auto first = lexer.read_identifier()) {
    extras.emplace_back(*first);
    while (true) {
      lexer.skip_spaces();
      if (lexer.peek_identifier()) return lexer.error("a comma between extra names");
      if (!lexer.consume(',')) break;
      lexer.skip_spaces();
      auto next = lexer.read_identifier();
      if (!next) return lexer.error("an extra name after the comma");
      extras.emplace_back(*next);
    }
  }
  lexer.skip_spaces();
  if (!lexer.consume(']')) return lexer.error("`]` closing the extras");
  std::sort(extras.begin(), extras.end());
  extras.erase(std::unique(extras.begin(), extras.end()), extras.end());
  return extras;
}

// version_many = (SPECIFIER (WS? "," WS? SPECIFIER)*)?  -> the collected text
Result<std::string> parse_version_many(Lexer& lexer) {
  std::string text;
  while (auto specifier = lexer.read_specifier()) {
    text += *specifier;
    if (lexer.peek_wildcard_trail()) return lexer.error("no `.*` here (only `==`/`!=` on a plain release take it)");
    if (lexer.peek_local_trail()) return lexer.error("no local version label here (only `==`/`!=` take it)");
    lexer.skip_spaces();
    if (!lexer.consume(',')) break;
    text += ',';
    lexer.skip_spaces();
  }
  return text;
}

Result<std::string> parse_specifier_text(Lexer& lexer) {
  bool parenthesised = lexer.consume('(');
  lexer.skip_spaces();
  auto text = parse_version_many(lexer);
  if (!text) return text;
  lexer.skip_spaces();
  if (parenthesised && !lexer.consume(')')) return lexer.error("`)` closing the version specifier");
  return text;
}

// After the name, extras and URL or specifier: an optional "; marker" up to the end.
Result<std::optional<Marker>> parse_marker_tail(Lexer& lexer, std::string_view expected) {
  if (lexer.at_end()) return std::optional<Marker>();
  if (!lexer.consume(';')) return lexer.error(expected);
  auto marker = Marker::parse(lexer.rest());
  if (!marker) {
    Error error = marker.error();
    error.location = "after `;` at column " + std::to_string(lexer.position()) +
                     (error.location.empty() ? "" : ", " + error.location);
    return error;
  }
  return std::optional<Marker>(std::move(*marker));
}

Result<Requirement> parse_details(Lexer& lexer, Requirement requirement) {
  if (lexer.consume('@')) {
    lexer.skip_spaces();
    auto url = lexer.read_url();
    if (!url) return lexer.error("a URL after `@`");
    requirement.url = std::string(*url);
    if (lexer.at_end()) return requirement;
    lexer.skip_spaces();  // the URL ends at whitespace
    auto marker = parse_marker_tail(lexer, "`;` (after the URL and whitespace) or the end");
    if (!marker) return marker.error();
    requirement.marker = std::move(*marker);
    return requirement;
  }
  auto text = parse_specifier_text(lexer);
  if (!text) return text.error();
  auto specifier = SpecifierSet::parse(*text);
  if (!specifier) return specifier.error();
  requirement.specifier = std::move(*specifier);
  lexer.skip_spaces();
  auto marker = parse_marker_tail(lexer, text->empty() ? "`;` (after the name) or the end"
                                                       : "`,` or `;` (after the version specifier) or the end");
  if (!marker) return marker.error();
  requirement.marker = std::move(*marker);
  return requirement;
}

}  // namespace

Result<Requirement> Requirement::parse(std::string_view text) {
  Lexer lexer(text);
  lexer.skip_spaces();
  auto name = lexer.read_identifier();
  if (!name) return lexer.error("a package name at the start of the requirement");
  Requirement requirement;
  requirement.name = std::string(*name);
  lexer.skip_spaces();
  auto extras = parse_extras(lexer);
  if (!extras) return extras.error();
  requirement.extras = std::move(*extras);
  lexer.skip_spaces();
  auto parsed = parse_details(lexer, std::move(requirement));
  if (!parsed) {
    Error error = parsed.error();
    error.message += " in requirement `" + std::string(text) + "`";
    return error;
  }
  return parsed;
}

std::string Requirement::canonical_name() const { return canonicalize_name(name); }

std::string Requirement::to_string() const {
  std::string out = name;
  if (!extras.empty()) {
    out += '[';
    for (std::size_t i = 0; i < extras.size(); ++i) {
      if (i > 0) out += ',';
      out += extras[i];
    }
    out += ']';
  }
  if (!specifier.empty()) out += specifier.to_string();
  if (url) {
    out += " @ " + *url;
    if (marker) out += ' ';
  }
  if (marker) out += "; " + marker->to_string();
  return out;
}

bool operator==(const Requirement& a, const Requirement& b) {
  auto canonical_extras = [](const Requirement& r) {
    std::vector<std::string> out;
    for (const auto& extra : r.extras) out.push_back(canonicalize_name(extra));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  return a.canonical_name() == b.canonical_name() && canonical_extras(a) == canonical_extras(b) &&
         a.specifier == b.specifier && a.url == b.url && a.marker == b.marker;
}

}  // namespace thoth::packaging
