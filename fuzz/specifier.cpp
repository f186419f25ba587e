// Fuzz target: PEP 440 specifier sets. The input is "<specifiers>\n<version>": parse never crashes,
// a parsed set prints to text that parses back to an equal set, and membership, the relations and
// satisfiability checks never crash.
#include "fuzz/fuzz_support.hpp"
#include "packaging/specifier.hpp"

THOTH_FUZZ_TARGET(specifier) {
  auto text = thoth::fuzz::as_text(data, size);
  auto newline = text.find('\n');
  auto set_text = text.substr(0, newline);
  auto version_text = newline == std::string_view::npos ? std::string_view("1.0") : text.substr(newline + 1);
  auto set = thoth::packaging::SpecifierSet::parse(set_text);
  if (!set) return 0;
  std::string printed = set->to_string();
  auto again = thoth::packaging::SpecifierSet::parse(printed);
  THOTH_FUZZ_CHECK(again.has_value(), printed);
  THOTH_FUZZ_CHECK(*again == *set, printed);
  (void)set->contains(version_text);
  (void)set->contains(version_text, true);
  (void)set->is_unsatisfiable();
  (void)set->is_subset(*again);
  (void)set->is_disjoint(*again);
  return 0;
}
