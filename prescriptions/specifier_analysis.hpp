// Can a PEP 440 specifier set match any version at all? Used to warn about conjunctions that were
// meant as "outside this range" (thoth.md §1.8: "<1.0,>1.4", ">2.0.0,<2.0.0").
#pragma once

#include <optional>
#include <string>

#include "packaging/specifier.hpp"

namespace thoth::prescriptions {

// nullopt when some version may match; otherwise why none can, e.g. "`>1.4` and `<1.0` leave no version".
// Sound (never claims "empty" for a satisfiable set) but not complete: pre-release and post-release
// exclusions of `<V`/`>V` and `===` are not used to prove emptiness.
[[nodiscard]] std::optional<std::string> explain_never_matches(const packaging::SpecifierSet& specifiers);

}  // namespace thoth::prescriptions
