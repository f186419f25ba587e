// Fuzz target: PEP 508 markers. Properties: parse never crashes; a parsed marker prints to text
// that parses back to the same marker; evaluation in a fixed environment never crashes and gives
// the same answer for the reprinted marker, and again after an evaluation in another environment
// (evaluation keeps parsed environment versions between calls). As in packaging, a value holding a quote, a backslash
// escape or a line break prints unescaped and does not round-trip (docs/robustness.md): skipped.
#include "fuzz/fuzz_support.hpp"
#include "packaging/marker.hpp"

namespace {

const thoth::packaging::MarkerEnvironment& environment() {
  static const thoth::packaging::MarkerEnvironment env = {
      {"implementation_name", "cpython"}, {"implementation_version", "3.11.4"}, {"os_name", "posix"},
      {"platform_machine", "x86_64"}, {"platform_python_implementation", "CPython"},
      {"platform_release", "6.1.0"}, {"platform_system", "Linux"}, {"platform_version", "#1 SMP"},
      {"python_full_version", "3.11.4"}, {"python_version", "3.11"}, {"sys_platform", "linux"},
      {"extra", "test"}};
  return env;
}

const thoth::packaging::MarkerEnvironment& other_environment() {
  static const thoth::packaging::MarkerEnvironment env = {
      {"implementation_name", "pypy"}, {"implementation_version", "7.3.11"}, {"os_name", "nt"},
      {"platform_machine", "AMD64"}, {"platform_python_implementation", "PyPy"},
      {"platform_release", "10"}, {"platform_version", "10.0.19041"}, {"platform_system", "Windows"},
      {"python_full_version", "2.7.18+"}, {"python_version", "2.7"}, {"sys_platform", "win32"}};
  return env;
}

}  // namespace

THOTH_FUZZ_TARGET(marker) {
  auto marker = thoth::packaging::Marker::parse(thoth::fuzz::as_text(data, size));
  if (!marker) return 0;
  std::string printed = marker->to_string();
  if (!thoth::fuzz::prints_back(thoth::fuzz::as_text(data, size))) return 0;
  auto again = thoth::packaging::Marker::parse(printed);
  THOTH_FUZZ_CHECK(again.has_value(), printed);
  THOTH_FUZZ_CHECK(again->to_string() == printed, printed);
  auto first = marker->evaluate(environment());
  auto second = again->evaluate(environment());
  THOTH_FUZZ_CHECK(first.has_value() == second.has_value(), printed);
  if (first) THOTH_FUZZ_CHECK(*first == *second, printed);
  (void)marker->evaluate(other_environment());
  auto third = marker->evaluate(environment());
  THOTH_FUZZ_CHECK(first.has_value() == third.has_value(), printed);
  if (first) THOTH_FUZZ_CHECK(*first == *third, printed);
  (void)marker->mentions_extra();
  return 0;
}
