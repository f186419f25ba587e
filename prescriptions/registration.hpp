// Whether a unit registers in an advise run: `should_include` (thoth.md §1.3) evaluated once against
// the request: the runtime environment, the recommendation type, the labels. docs/prescriptions.md
// ("Registration") lists each key's meaning, and where we follow upstream's documented intent
// rather than its code.
//
//   RequestFacts facts;  facts.target.cuda_version = "11.8";  facts.labels["team"] = "ai";
//   if (should_include(header(unit).should_include, facts, registered_names)) ...
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "env/environment.hpp"
#include "prescriptions/should_include.hpp"

namespace thoth::prescriptions {

// What an advise request knows about itself and the machine it is for.
struct RequestFacts {
  env::TargetEnvironment target;  // python_version, platform, cuda/cudnn, cpu_flags, gpu_model, abi
  std::optional<std::string> os_name, os_version;  // "rhel", "8"
  std::optional<std::string> base_image;           // "quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.29.0"
  std::optional<int> cpu_family, cpu_model;
  std::optional<std::string> mkl_version, openblas_version, openmpi_version;
  RecommendationType recommendation_type = RecommendationType::Stable;
  std::map<std::string, std::string> labels;
  bool authenticated = false;                                     // a local run is not an authenticated request
  std::map<std::string, std::vector<std::string>> library_usage;  // library -> used symbols (none known locally)
};

// Answers "is the unit with this name registered?" for should_include.dependencies.
using RegisteredLookup = std::function<bool(std::string_view section, std::string_view unit_name)>;

// Every key of should_include for an advise (adviser) pipeline; `dependencies` through `registered`
// (an empty lookup makes any listed dependency fail, as upstream does for unknown names).
[[nodiscard]] bool should_include(const ShouldInclude& rule, const RequestFacts& facts,
                                  const RegisteredLookup& registered = {});

// Parts, exposed for tests.
[[nodiscard]] bool runtime_environment_matches(const RuntimeEnvironmentMatch& match, const RequestFacts& facts);
// "image[:tag]" patterns: no tag = any tag, a tag ending in `*` is a prefix.
[[nodiscard]] bool base_image_matches(std::string_view pattern, std::string_view image);

}  // namespace thoth::prescriptions
