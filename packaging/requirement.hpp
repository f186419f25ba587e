// PEP 508 dependency specifiers: `name [extras] (specifier | @ url) ; marker`.
//
//   auto r = Requirement::parse("requests[socks]>=2.8.1,==2.*; python_version < '2.7'");
//   r->name == "requests"; r->extras == {"socks"}; r->specifier.to_string() == "==2.*,>=2.8.1"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "packaging/marker.hpp"
#include "packaging/specifier.hpp"

namespace thoth::packaging {

struct Requirement {
  std::string name;                 // as written
  std::vector<std::string> extras;  // sorted, as written (not normalised), no duplicates
  SpecifierSet specifier;
  std::optional<std::string> url;   // `name @ url`
  std::optional<Marker> marker;

  [[nodiscard]] static Result<Requirement> parse(std::string_view text);
  [[nodiscard]] std::string canonical_name() const;  // PEP 503 form of `name`
  [[nodiscard]] std::string to_string() const;       // as packaging's str(Requirement)
  friend bool operator==(const Requirement& a, const Requirement& b);
};

}  // namespace thoth::packaging
