// Distribution file names: PEP 427 wheels and sdists, and how well a file fits a target.
//
//   auto wheel = parse_wheel_name("numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
//   wheel->name == "numpy";  wheel->tags() == {"cp312-cp312-manylinux2014_x86_64", ...}
//   TagPriorities supported(*supported_tags(env));     // tag -> index, 0 = best
//   supported.best(*wheel);                             // optional index; nullopt = not installable
//   file_priority("numpy-1.26.4.tar.gz", supported);    // Result: supported.size() (builds anywhere)
//
// Parsing follows packaging 23.0 `parse_wheel_filename` / `parse_sdist_filename`: the name may use
// only [A-Za-z0-9._] with no "__" (wheels), the version must be PEP 440, a build tag starts with a
// digit, and each tag part may be a compressed set joined by "." (PEP 425). Malformed -> Error.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "packaging/version.hpp"

namespace thoth::env {

struct WheelName {
  std::string name;                       // PEP 503 canonical ("typing-extensions")
  packaging::Version version;
  std::optional<std::string> build;       // "1" or "1abc"; absent when the name has none
  std::vector<std::string> python_tags;   // "cp312", "py3" ...
  std::vector<std::string> abi_tags;      // "cp312", "abi3", "none" ...
  std::vector<std::string> platform_tags; // "manylinux_2_17_x86_64", "any" ...

  // Every python-abi-platform combination of the compressed sets, in file-name order.
  [[nodiscard]] std::vector<std::string> tags() const;
};

struct SdistName {
  std::string name;          // PEP 503 canonical
  packaging::Version version;
  std::string extension;     // ".tar.gz" or ".zip"
};

[[nodiscard]] Result<WheelName> parse_wheel_name(std::string_view file_name);
[[nodiscard]] Result<SdistName> parse_sdist_name(std::string_view file_name);

// A supported-tag list (best first) indexed for lookups.
class TagPriorities {
 public:
  explicit TagPriorities(const std::vector<std::string>& supported_best_first);

  [[nodiscard]] std::optional<std::size_t> priority(const std::string& tag) const;  // nullopt: unsupported
  // The best (lowest) priority over the wheel's tags; nullopt: the wheel is not installable.
  [[nodiscard]] std::optional<std::size_t> best(const WheelName& wheel) const;
  [[nodiscard]] std::size_t size() const { return m_size; }

 private:
  std::map<std::string, std::size_t> m_index;
  std::size_t m_size = 0;
};

// The priority of any distribution file: a wheel's best tag index (nullopt: not installable here),
// `supported.size()` for an sdist (buildable anywhere, ranked after every wheel). Error when the
// name is neither a valid wheel nor a valid sdist name.
[[nodiscard]] Result<std::optional<std::size_t>> file_priority(std::string_view file_name,
                                                                const TagPriorities& supported);

}  // namespace thoth::env
