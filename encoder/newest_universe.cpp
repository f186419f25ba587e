// Builds the newest-first universe (see newest_universe.hpp) with one worklist over (package,
// extra) pairs, each package at its newest eligible release. Any fact that would break the
// optimality argument stops the build with nullopt; the complete universe then decides.
#include "encoder/newest_universe.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "encoder/artifacts.hpp"
#include "encoder/marker_scope.hpp"
#include "packaging/name.hpp"

namespace thoth::encoder {
namespace {

// Nothing in the problem weighs or rewrites anything but versions and the package count.
bool newest_first_applies(const Problem& problem) {
  const RuleHooks& rules = problem.rules;
  return !problem.relax_exclusions && problem.candidate_scores.empty() && !rules.exclude && !rules.skip &&
         !rules.alternatives && !rules.added_requirements && !rules.rules;
}

struct NewestNode {
  std::string name;
  const index::Project* project = nullptr;
  const index::Release* release = nullptr;  // N(P)
  std::vector<std::size_t> files;           // its installable files, best first
  std::set<std::string> extras;             // requested of it
  bool direct = false;
};

struct NewestEdge {
  std::size_t parent = kRootParent;  // node index, kRootParent for a root
  std::size_t root = 0;
  std::string parent_extra;
  std::size_t target = 0;
  std::vector<std::string> target_extras;  // canonical, sorted, unique
  const packaging::Requirement* requirement = nullptr;
};

struct GiveUp {};  // a condition of the optimality argument fails

class NewestUniverseBuilder {
 public:
  NewestUniverseBuilder(const Problem& problem, index::PackageSource& source)
      : m_problem(problem), m_source(source), m_markers(problem.environment), m_python(problem.environment.python()),
        m_artifacts(problem.environment) {}

  Universe build() {
    for (std::size_t r = 0; r < m_problem.roots.size(); ++r) add_root(r);
    for (std::size_t next = 0; next < m_queue.size(); ++next) {  // FIFO; expand() appends
      auto [node, extra] = m_queue[next];
      expand(node, extra);
    }
    return finish();
  }

 private:
  void add_root(std::size_t r) {
    const packaging::Requirement& requirement = m_problem.roots[r].requirement;
    if (!m_markers.holds(requirement, "")) return;
    m_active_roots.push_back(r);
    std::size_t target = node_for(requirement.canonical_name());
    m_nodes[target].direct = true;
    add_edge({kRootParent, r, "", target, {}, &requirement});
  }

  void expand(std::size_t node, const std::string& extra) {
    for (const packaging::Requirement& requirement : m_nodes[node].release->requires_dist) {
      if (!m_markers.applies(requirement, extra)) continue;
      add_edge({node, 0, extra, node_for(requirement.canonical_name()), {}, &requirement});
    }
  }

  // Admission as build_universe's admit() decides it for a release that passes the hard filters
  // and is neither yanked nor an excluded pre-release: the specifier contains it.
  void add_edge(NewestEdge edge) {
    NewestNode& target = m_nodes[edge.target];
    if (!edge.requirement->specifier.contains(target.release->version, true)) throw GiveUp{};
    for (const std::string& extra : edge.requirement->extras) edge.target_extras.push_back(packaging::canonicalize_extra(extra));
    std::sort(edge.target_extras.begin(), edge.target_extras.end());
    edge.target_extras.erase(std::unique(edge.target_extras.begin(), edge.target_extras.end()), edge.target_extras.end());
    for (const std::string& extra : edge.target_extras)
      if (target.extras.insert(extra).second) m_queue.emplace_back(edge.target, extra);
    m_edges.push_back(std::move(edge));
  }

  std::size_t node_for(const std::string& canonical_name) {
    auto [it, inserted] = m_node_index.try_emplace(canonical_name, m_nodes.size());
    if (!inserted) return it->second;
    m_nodes.push_back(newest_node(canonical_name));
    m_queue.emplace_back(m_nodes.size() - 1, "");
    return m_nodes.size() - 1;
  }

  NewestNode newest_node(const std::string& name) {
    NewestNode node;
    node.name = name;
    node.project = m_source.find(name);
    if (node.project == nullptr || m_problem.advisories.count(name) > 0) throw GiveUp{};
    if (auto penalty = m_problem.package_penalties.find(name); penalty != m_problem.package_penalties.end() && penalty->second > 0)
      throw GiveUp{};
    const std::vector<index::Release>& releases = node.project->releases;
    for (auto release = releases.rbegin(); release != releases.rend(); ++release) {
      if (!passes_hard_filters(name, *release, node.files)) continue;
      if (release->yanked || (release->version.is_prerelease() && !prereleases_allowed(m_problem))) throw GiveUp{};
      node.release = &*release;
      return node;
    }
    throw GiveUp{};  // no release can be installed: the complete universe explains why
  }

  // The filters no requirement can lift (build_universe's python_ok, installable, constrained).
  bool passes_hard_filters(const std::string& name, const index::Release& release, std::vector<std::size_t>& files) {
    if (release.requires_python && !release.requires_python->contains(m_python, true)) return false;
    for (const Constraint& constraint : m_problem.constraints)
      if (constraint.requirement.canonical_name() == name && m_markers.holds(constraint.requirement, "") &&
          !constraint.requirement.specifier.contains(release.version, true))
        return false;
    ReleaseArtifacts artifacts = m_artifacts.check(name, release);
    if (!artifacts.installable) return false;
    files = std::move(artifacts.files);
    return true;
  }

  // Packages sorted by name and edges in worklist order, as build_universe gives them.
  Universe finish() {
    std::vector<std::size_t> order(m_nodes.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return m_nodes[a].name < m_nodes[b].name; });
    std::vector<std::size_t> new_index(m_nodes.size());
    Universe universe;
    universe.packages.reserve(m_nodes.size());
    universe.edges.reserve(m_edges.size());
    for (std::size_t position = 0; position < order.size(); ++position) {
      NewestNode& node = m_nodes[order[position]];
      new_index[order[position]] = position;
      PackageNode out;
      out.name = std::move(node.name);
      out.project = node.project;
      out.candidates = {node.release};
      out.installable_files = {std::move(node.files)};
      out.newer_eligible = {0};
      out.extras.assign(node.extras.begin(), node.extras.end());
      out.direct = node.direct;
      universe.by_name.emplace(out.name, position);
      universe.packages.push_back(std::move(out));
    }
    for (NewestEdge& raw : m_edges) {
      Edge edge;
      edge.parent_package = raw.parent == kRootParent ? kRootParent : new_index[raw.parent];
      edge.root = raw.root;
      edge.parent_extra = std::move(raw.parent_extra);
      edge.target = new_index[raw.target];
      edge.target_extras = std::move(raw.target_extras);
      edge.requirement = raw.requirement;
      edge.admitted = {0};
      universe.edges.push_back(std::move(edge));
    }
    universe.active_roots = m_active_roots;
    return universe;
  }

  const Problem& m_problem;
  index::PackageSource& m_source;
  MarkerScope m_markers;
  packaging::Version m_python;
  ArtifactFilter m_artifacts;
  std::vector<NewestNode> m_nodes;
  std::unordered_map<std::string, std::size_t> m_node_index;
  std::vector<NewestEdge> m_edges;
  std::vector<std::size_t> m_active_roots;
  std::vector<std::pair<std::size_t, std::string>> m_queue;  // (package, extra) to expand, never popped
};

}  // namespace

std::optional<Universe> build_newest_universe(const Problem& problem, index::PackageSource& source) {
  if (!newest_first_applies(problem)) return std::nullopt;
  try {
    return NewestUniverseBuilder(problem, source).build();
  } catch (const GiveUp&) {
    return std::nullopt;
  }
}

}  // namespace thoth::encoder
