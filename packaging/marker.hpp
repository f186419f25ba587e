// PEP 508 environment markers: parse, print, evaluate, with the comparison rules of packaging 26.x
// (version comparison only for python_version, python_full_version, implementation_version and
// platform_release; string rules otherwise; `extra` compared after PEP 685 normalisation).
//
//   auto m = Marker::parse("python_version < '3.10' and extra == 'tls'");
//   MarkerEnvironment env = {{"python_version", "3.9"}, {"extra", "tls"}};
//   m->evaluate(env);   // Result<bool>: true
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace thoth::packaging {

// Variable name -> value. "extra" is optional (absent means "", packaging's default for metadata).
// PEP 751 "extras"/"dependency_groups" are sets, written as comma-separated names ("a,b").
using MarkerEnvironment = std::map<std::string, std::string, std::less<>>;

struct MarkerNode;  // private expression tree (marker.cpp)

class Marker {
 public:
  [[nodiscard]] static Result<Marker> parse(std::string_view text);

  // Errors: a variable missing from `env` (packaging's UndefinedEnvironmentName) or an undefined
  // comparison (`~=` on a non-version variable: UndefinedComparison).
  [[nodiscard]] Result<bool> evaluate(const MarkerEnvironment& env) const;

  // Normalised text as packaging's str(Marker): `python_version < "3.10" and extra == "tls"`.
  [[nodiscard]] std::string to_string() const;

  // Does the marker mention the `extra` variable at all?
  [[nodiscard]] bool mentions_extra() const;

  friend bool operator==(const Marker& a, const Marker& b) { return a.to_string() == b.to_string(); }

  // Copies of one parsed marker share its tree and this identity; markers with the same identity
  // evaluate alike in every environment, so a caller may memoise evaluations by it.
  [[nodiscard]] const void* identity() const { return m_root.get(); }

 private:
  std::shared_ptr<const MarkerNode> m_root;  // immutable, shared between copies
};

// The marker environment packaging uses as default for a CPython X.Y.Z on a platform is built in env/.

}  // namespace thoth::packaging
