// The dependency graph of an existing lock, recomputed from the index: which pin requires which,
// through which requirement, in a target environment. Used by `thoth graph` and `thoth why`, so they
// describe the lock on disk rather than a fresh resolution.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advise/advise.hpp"
#include "env/environment.hpp"
#include "index/index.hpp"

namespace thoth::advise {

struct LockGraph {
  std::map<std::string, std::string> pins;  // canonical name -> version
  std::vector<GraphEdge> edges;             // from "" = the project's own requirements; sorted
  std::vector<std::string> missing;         // applicable requirements whose target is not pinned
};

// Walks from the roots through every requirement whose marker holds (extras included), as pip
// would install the lock. Pins no requirement reaches still appear in `pins` without edges.
[[nodiscard]] LockGraph graph_of_lock(const std::vector<RootRequirement>& roots,
                                      const std::map<std::string, std::string>& pins,
                                      const env::TargetEnvironment& environment, index::PackageSource& source);

// Every path from the project's requirements to `target` (canonical), each as the edges along it;
// at most `limit` paths, shortest first.
[[nodiscard]] std::vector<std::vector<GraphEdge>> paths_to(const LockGraph& graph, const std::string& target,
                                                           std::size_t limit);

// Renderings: an indented tree (repeated subtrees shown once), Graphviz DOT, and JSON.
[[nodiscard]] std::string graph_tree(const LockGraph& graph);
[[nodiscard]] std::string graph_dot(const LockGraph& graph);
[[nodiscard]] nlohmann::json graph_json(const LockGraph& graph);

}  // namespace thoth::advise
