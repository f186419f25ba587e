// An independent re-check of a lock against PEP 440/508 semantics, written without the encoder:
// every root requirement is pinned and satisfied, every requirement of every pin whose marker holds
// in the target environment (with the extras requested of it) is pinned and satisfied, every pin's
// requires_python admits the target Python, some file of every pin installs in the target (wheel
// tags, --only-binary, ABI symbols, CUDA/cuDNN/CPU needs, +cuXY labels), no pin is yanked unless pinned with == or ===, no pin is a
// pre-release unless allowed, every pin satisfies the constraints on it, and no pin is extraneous (unreachable from the roots).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "env/environment.hpp"
#include "index/index.hpp"
#include "packaging/requirement.hpp"

namespace thoth::verify {

struct LockToCheck {
  std::vector<packaging::Requirement> roots;
  std::map<std::string, std::string> pins;  // canonical name -> version as published
  env::TargetEnvironment environment;
  bool allow_prereleases = false;
  // pip constraints (-c): a pin of a constrained package must satisfy every constraint on it whose
  // marker holds; a constraint never requires its package to be pinned.
  std::vector<packaging::Requirement> constraints;
};

// Returns one human-readable line per violation; empty means the lock is valid.
[[nodiscard]] std::vector<std::string> verify_lock(const LockToCheck& lock, index::PackageSource& source);

}  // namespace thoth::verify
