// PEP 503 project names and PEP 685 extra names.
#pragma once

#include <string>
#include <string_view>

namespace thoth::packaging {

// PEP 503: runs of "-", "_", "." become one "-", lower-cased ("Foo__Bar.baz" -> "foo-bar-baz").
[[nodiscard]] std::string canonicalize_name(std::string_view name);

// PEP 508 name grammar: ASCII letters/digits, with "._-" allowed only inside.
[[nodiscard]] bool is_valid_name(std::string_view name);

// PEP 685: extras are normalised exactly like names.
[[nodiscard]] inline std::string canonicalize_extra(std::string_view extra) { return canonicalize_name(extra); }

}  // namespace thoth::packaging
