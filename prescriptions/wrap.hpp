// `wrap` units post-process accepted final stacks: justifications, stack_info and advised manifest
// changes, never the score. `wrap.GHReleaseNotes` links a package's GitHub release page
// (thoth.md §1.5 Wrap).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "prescriptions/common.hpp"
#include "prescriptions/unit_header.hpp"

namespace thoth::prescriptions {

// One advised_manifest_changes entry: an RFC 6902 JSON patch for a Kubernetes/OpenShift object.
struct ManifestChange {
  std::string api_version;  // apiVersion
  std::string kind;         // DeploymentConfig, ...
  nlohmann::json patch;     // one operation object or a list of them, kept as written
};

struct WrapRun : RunCommon {
  std::vector<Justification> justification;
  std::vector<ManifestChange> advised_manifest_changes;
};

struct WrapUnit {
  UnitHeader header;
  std::vector<StateMatch> match;  // match[].state.resolved_dependencies; empty: always
  WrapRun run;
};

struct ReleaseNotes {
  std::string organization;
  std::string repository;
  std::optional<std::string> tag_version_prefix;  // "v" for tags like v1.2.0
};

struct GHReleaseNotesWrapUnit {
  UnitHeader header;
  std::vector<PackageVersionMatch> match;  // match[].state.resolved_dependencies: exactly one each
  ReleaseNotes release_notes;
};

}  // namespace thoth::prescriptions
