// What the encoder is asked: root requirements, the target environment and the pre-release policy.
// The package metadata comes from an index::PackageSource, queried by name as the universe grows.
#pragma once

#include <string>
#include <vector>

#include "encoder/rules.hpp"
#include "env/environment.hpp"
#include "packaging/requirement.hpp"

namespace thoth::encoder {

struct Root {
  packaging::Requirement requirement;
  std::string section;  // lock section it belongs to ("default", "develop", ...)
  std::string origin;   // where it was written, for explanations ("Pipfile:7")
};

struct Problem {
  std::vector<Root> roots;
  env::TargetEnvironment environment;
  bool allow_prereleases = false;
  RuleHooks rules;  // prescriptions compiled by advise/ (encoder/rules.hpp); empty = none
};

}  // namespace thoth::encoder
