// The package index model: projects, their releases, and each release's files and metadata.
// `PackageSource` is the seam between the resolver and where metadata comes from (a snapshot
// file now; a PEP 691 HTTP index later): the encoder only asks for projects by name.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "packaging/requirement.hpp"
#include "packaging/specifier.hpp"
#include "packaging/version.hpp"

namespace thoth::index {

struct DistFile {
  std::string filename;
  std::map<std::string, std::string> hashes;  // algorithm -> hex digest
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
  // A lazily read snapshot parses a project on its first find(): `projects` counts every project of the
  // file, `projects_read` those parsed so far, and `releases` and the skipped counts cover only those.
  std::size_t projects_read = 0;
  double read_ms = 0;  // time spent parsing projects on first use (inside the caller's encode phase)
};

// Where one project's JSON object lies in a snapshot file that is read lazily.
struct PendingProject {
  std::string name;  // as written in the file
  std::size_t begin = 0;
  std::size_t end = 0;  // one past its closing brace
};
// Canonical name -> its spellings in the file, sorted by spelling (the order an eager load merges them in).
using PendingProjects = std::map<std::string, std::vector<PendingProject>, std::less<>>;

class PackageSource {
 public:
  virtual ~PackageSource() = default;
  // The project with this canonical name, or nullptr when the index lacks it.
  [[nodiscard]] virtual const Project* find(std::string_view canonical_name) = 0;
  [[nodiscard]] virtual std::string describe() const = 0;  // for messages: the file or URL
};

// The release of `canonical_name` published as `version_text` (exact text), or nullptr.
[[nodiscard]] const Release* find_release(PackageSource& source, std::string_view canonical_name,
                                          std::string_view version_text);

// A whole index held in memory, e.g. read from a snapshot file. Built either from parsed projects, or
// lazily from a snapshot's text: a project is parsed on its first find() (index/snapshot.cpp), so a
// request pays only for the projects it reaches.
class InMemoryIndex : public PackageSource {
 public:
  InMemoryIndex(std::map<std::string, Project, std::less<>> projects, LoadStatistics stats, std::string origin);
  InMemoryIndex(std::string text, PendingProjects pending, std::string origin);  // lazy
  // Throws InputError (naming the file, package and version) when the project's entry is malformed.
  [[nodiscard]] const Project* find(std::string_view canonical_name) override;
  [[nodiscard]] std::string describe() const override { return m_origin; }
  [[nodiscard]] const LoadStatistics& statistics() const { return m_stats; }
  // Every project; parses the pending ones first.
  [[nodiscard]] const std::map<std::string, Project, std::less<>>& projects();
  void read_all();  // parses every pending project (then statistics() covers the whole file)

 private:
  void read_pending(PendingProjects::iterator pending);

  std::map<std::string, Project, std::less<>> m_projects;
  LoadStatistics m_stats;
  std::string m_origin;
  std::string m_text;  // the snapshot file while projects are pending
  PendingProjects m_pending;
};

}  // namespace thoth::index
