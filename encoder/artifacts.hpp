// Which files of a release install in the target environment: the artifact filter that makes a
// release a candidate only when at least one of its files fits the machine (docs/encoding.md §1).
//
//   ArtifactFilter filter(problem.environment);
//   ReleaseArtifacts verdict = filter.check("torch", release);
//   verdict.installable   // false: "no file of torch 2.1.0+cu118 installs: +cu118 build needs CUDA >=11.8, ..."
//   verdict.files         // indices into release.files that install, best first (wheels by tag, sdists last)
//
// A file installs when
//  * it is a wheel (PEP 427 name) with a tag the environment supports (env/tags.hpp, in packaging's
//    order), or an sdist (PEP 625 name: .tar.gz / .zip) and the environment allows sdists for the
//    package (pip's --only-binary: TargetEnvironment::only_binary);
//  * the environment has what the file needs (`files[].abi` symbols, `files[].requires` CUDA,
//    cuDNN and CPU flags: env::check_requirements);
//  * the release's local label does not tie it to a CUDA the environment lacks (`+cu118` needs
//    CUDA >= 11.8; `+cpu` runs anywhere).
// A release without files stands for one pure-Python wheel and always installs. Any other file
// (.egg, .exe, a malformed name) never installs.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "env/environment.hpp"
#include "env/wheel.hpp"
#include "index/index.hpp"

namespace thoth::encoder {

struct ReleaseArtifacts {
  bool installable = true;
  std::vector<std::size_t> files;  // indices into Release::files that install, best first
  std::string reason;              // when not installable: why no file installs, naming files
};

// The wheel tags of one target environment, best first, with their priorities (or why they cannot
// be derived). Deriving them costs more than encoding a small request, so the last table built is
// reused for an equal environment (tag_table_for).
struct TagTable {
  std::string error;
  std::vector<std::string> tags;
  env::TagPriorities priorities;
  std::string no_tag_reason;  // why a wheel matching none of the tags does not install
};

class ArtifactFilter {
 public:
  explicit ArtifactFilter(const env::TargetEnvironment& environment);

  [[nodiscard]] ReleaseArtifacts check(const std::string& package, const index::Release& release) const;

  // The wheel tags used, best first (packaging's list; for non-CPython without an explicit list,
  // its compatible tags only). Empty with `tags_error` set when they cannot be derived.
  [[nodiscard]] const std::vector<std::string>& tags() const { return m_table->tags; }
  [[nodiscard]] const std::string& tags_error() const { return m_table->error; }

 private:
  // The priority of one file (nullopt: it does not install) and, when it does not, why.
  std::optional<std::size_t> file_priority(const std::string& package, const index::DistFile& file,
                                           std::string& why_not) const;

  const env::TargetEnvironment& m_environment;
  std::shared_ptr<const TagTable> m_table;
};

}  // namespace thoth::encoder
