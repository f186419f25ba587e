// The package index model: projects, their releases, and each release's files and metadata.
// `PackageSource` is the seam between the resolver and where metadata comes from (a snapshot
// file now; a PEP 691 HTTP index later): the encoder only asks for projects by name.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "env/abi.hpp"
#include "packaging/requirement.hpp"
#include "packaging/specifier.hpp"
#include "packaging/version.hpp"

namespace thoth::index {

struct DistFile {
  std::string filename;
  std::map<std::string, std::string> hashes;  // algorithm -> hex digest
  // What the file needs of the machine beyond its wheel tags (snapshot `abi` and `requires`):
  // ELF symbol versions, CUDA/cuDNN specifiers, CPU flags. Empty: nothing beyond the tags.
  env::ArtifactRequirements requirements;
};

struct Release {
  packaging::Version version;
  std::string version_text;                           // as published
  std::vector<packaging::Requirement> requires_dist;  // those that parsed
  std::optional<packaging::SpecifierSet> requires_python;
  bool yanked = false;
  std::string yanked_reason;
  std::vector<std::string> provides_extra;
  std::vector<DistFile> files;  // empty in the snapshot means one pure-Python wheel
};

struct Project {
  std::string name;               // canonical (PEP 503)
  std::vector<Release> releases;  // ascending by version, no two equal versions
};

// Counts of what a loader skipped (never fatal).
struct LoadStatistics {
  std::size_t projects = 0;
  std::size_t releases = 0;
  std::size_t skipped_versions = 0;      // version string not PEP 440
  std::size_t skipped_requirements = 0;  // requires_dist entry that does not parse
  std::size_t skipped_requires_python = 0;
};

class PackageSource {
 public:
  virtual ~PackageSource() = default;
  // The project with this canonical name, or nullptr when the index lacks it.
  [[nodiscard]] virtual const Project* find(std::string_view canonical_name) = 0;
  [[nodiscard]] virtual std::string describe() const = 0;  // for messages: the file or URL
};

// A whole index held in memory, e.g. read from a snapshot file.
class InMemoryIndex : public PackageSource {
 public:
  InMemoryIndex(std::map<std::string, Project, std::less<>> projects, LoadStatistics stats, std::string origin);
  [[nodiscard]] const Project* find(std::string_view canonical_name) override;
  [[nodiscard]] std::string describe() const override { return m_origin; }
  [[nodiscard]] const LoadStatistics& statistics() const { return m_stats; }
  [[nodiscard]] const std::map<std::string, Project, std::less<>>& projects() const { return m_projects; }

 private:
  std::map<std::string, Project, std::less<>> m_projects;
  LoadStatistics m_stats;
  std::string m_origin;
};

}  // namespace thoth::index
