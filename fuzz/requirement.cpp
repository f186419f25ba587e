// Fuzz target: PEP 508 requirements. Properties: parse never crashes; a parsed requirement prints
// to text that parses back to an equal requirement (unless a marker value holds a quote, backslash
// or line break, which packaging does not escape either: docs/robustness.md).
#include "fuzz/fuzz_support.hpp"
#include "packaging/requirement.hpp"

THOTH_FUZZ_TARGET(requirement) {
  auto requirement = thoth::packaging::Requirement::parse(thoth::fuzz::as_text(data, size));
  if (!requirement) return 0;
  std::string printed = requirement->to_string();
  if (!thoth::fuzz::prints_back(thoth::fuzz::as_text(data, size))) return 0;
  auto again = thoth::packaging::Requirement::parse(printed);
  THOTH_FUZZ_CHECK(again.has_value(), printed);
  THOTH_FUZZ_CHECK(*again == *requirement, printed);
  (void)requirement->canonical_name();
  return 0;
}
