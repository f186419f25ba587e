// The verifier's own installability check of a pinned release, written apart from the encoder's
// artifact filter (encoder/artifacts.cpp) so that a mistake there cannot hide: it walks the files
// with a set of the environment's wheel tags, re-reads `+cuXY` local labels itself, and compares
// CUDA, cuDNN and CPU flags directly; only the tag list, file-name parsing and the ELF symbol
// table come from env/.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "env/environment.hpp"
#include "index/index.hpp"

namespace thoth::verify {

class Installability {
 public:
  explicit Installability(const env::TargetEnvironment& environment);

  // nullopt when some file of `release` (of canonical package `name`) installs, or the release
  // lists no files (one pure-Python wheel); else why not, e.g. "needs CUDA 11.8 (local label),
  // the environment has none".
  [[nodiscard]] std::optional<std::string> problem(const std::string& name, const index::Release& release) const;

 private:
  const env::TargetEnvironment& m_environment;
  std::set<std::string> m_tags;
};

}  // namespace thoth::verify
