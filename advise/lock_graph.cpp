// graph_of_lock walks (package, extra) pairs breadth first from the roots, like the verifier does,
// but records edges instead of violations. Rendering keeps output deterministic: children sorted by
// name, each package's subtree expanded once and referenced afterwards.
#include "advise/lock_graph.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <set>
#include <sstream>

#include "packaging/name.hpp"

namespace thoth::advise {
namespace {

bool marker_holds(const packaging::Requirement& requirement, const env::TargetEnvironment& environment,
                  const std::string& extra) {
  if (!requirement.marker) return true;
  packaging::MarkerEnvironment markers = environment.marker_environment();
  markers["extra"] = extra;
  auto holds = requirement.marker->evaluate(markers);
  return holds && *holds;
}

class Walker {
 public:
  Walker(const std::map<std::string, std::string>& pins, const env::TargetEnvironment& environment,
         index::PackageSource& source)
      : m_environment(environment), m_source(source) {
    m_graph.pins = pins;
  }

  LockGraph run(const std::vector<RootRequirement>& roots) {
    for (const RootRequirement& root : roots)
      if (marker_holds(root.requirement, m_environment, "")) follow("", "", root.requirement);
    while (!m_queue.empty()) {
      auto [name, extra] = m_queue.front();
      m_queue.pop_front();
      expand(name, extra);
    }
    std::sort(m_graph.edges.begin(), m_graph.edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
      return std::tie(a.from, a.to, a.requirement) < std::tie(b.from, b.to, b.requirement);
    });
    m_graph.edges.erase(std::unique(m_graph.edges.begin(), m_graph.edges.end(),
                                    [](const GraphEdge& a, const GraphEdge& b) {
                                      return a.from == b.from && a.to == b.to && a.requirement == b.requirement;
                                    }),
                        m_graph.edges.end());
    std::sort(m_graph.missing.begin(), m_graph.missing.end());
    m_graph.missing.erase(std::unique(m_graph.missing.begin(), m_graph.missing.end()), m_graph.missing.end());
    return std::move(m_graph);
  }

 private:
  void follow(const std::string& from, const std::string& from_version, const packaging::Requirement& requirement) {
    std::string target = requirement.canonical_name();
    if (!m_graph.pins.contains(target)) {
      m_graph.missing.push_back((from.empty() ? "the project" : from + " " + from_version) + " requires " +
                                requirement.to_string() + ", which the lock does not pin");
      return;
    }
    m_graph.edges.push_back({from, from_version, target, requirement.to_string()});
    enqueue(target, "");
    for (const std::string& extra : requirement.extras) enqueue(target, packaging::canonicalize_extra(extra));
  }

  void enqueue(const std::string& name, const std::string& extra) {
    if (m_seen.insert({name, extra}).second) m_queue.emplace_back(name, extra);
  }

  void expand(const std::string& name, const std::string& extra) {
    const std::string& version = m_graph.pins.at(name);
    const index::Release* release = index::find_release(m_source, name, version);
    if (release == nullptr) {
      m_graph.missing.push_back(name + " " + version + " is not in " + m_source.describe());
      return;
    }
    for (const packaging::Requirement& dependency : release->requires_dist)
      if (marker_holds(dependency, m_environment, extra) && (extra.empty() || !marker_holds(dependency, m_environment, "")))
        follow(name, version, dependency);
  }

  const env::TargetEnvironment& m_environment;
  index::PackageSource& m_source;
  LockGraph m_graph;
  std::set<std::pair<std::string, std::string>> m_seen;
  std::deque<std::pair<std::string, std::string>> m_queue;
};

std::map<std::string, std::vector<const GraphEdge*>> children_of(const LockGraph& graph) {
  std::map<std::string, std::vector<const GraphEdge*>> children;
  for (const GraphEdge& edge : graph.edges) children[edge.from].push_back(&edge);
  return children;
}

std::string node_label(const LockGraph& graph, const std::string& name) {
  return name + " " + graph.pins.at(name);
}

}  // namespace

LockGraph graph_of_lock(const std::vector<RootRequirement>& roots, const std::map<std::string, std::string>& pins,
                        const env::TargetEnvironment& environment, index::PackageSource& source) {
  return Walker(pins, environment, source).run(roots);
}

std::vector<std::vector<GraphEdge>> paths_to(const LockGraph& graph, const std::string& target, std::size_t limit) {
  auto children = children_of(graph);
  std::vector<std::vector<GraphEdge>> paths;
  std::vector<GraphEdge> path;
  std::set<std::string> on_path;
  std::function<void(const std::string&)> visit = [&](const std::string& node) {
    for (const GraphEdge* edge : children[node]) {
      if (on_path.contains(edge->to)) continue;  // a cycle: a path never repeats a package
      path.push_back(*edge);
      if (edge->to == target) {
        paths.push_back(path);
      } else {
        on_path.insert(edge->to);
        visit(edge->to);
        on_path.erase(edge->to);
      }
      path.pop_back();
    }
  };
  visit("");
  std::stable_sort(paths.begin(), paths.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  if (paths.size() > limit) paths.resize(limit);
  return paths;
}

std::string graph_tree(const LockGraph& graph) {
  auto children = children_of(graph);
  std::ostringstream out;
  std::set<std::string> expanded;
  std::function<void(const std::string&, const std::string&)> print = [&](const std::string& node,
                                                                          const std::string& indent) {
    const auto& edges = children[node];
    for (std::size_t i = 0; i < edges.size(); ++i) {
      const GraphEdge& edge = *edges[i];
      bool last = i + 1 == edges.size();
      bool again = expanded.contains(edge.to);
      out << indent << (node.empty() ? "" : (last ? "└── " : "├── ")) << node_label(graph, edge.to);
      if (!node.empty()) out << "  [" << edge.requirement << "]";
      if (again && !children[edge.to].empty()) out << "  (dependencies shown above)";
      out << "\n";
      if (again) continue;
      expanded.insert(edge.to);
      print(edge.to, node.empty() ? indent : indent + (last ? "    " : "│   "));
    }
  };
  print("", "");
  for (const auto& [name, version] : graph.pins)
    if (!expanded.contains(name)) out << name << " " << version << "  (nothing in the project requires it)\n";
  return out.str();
}

std::string graph_dot(const LockGraph& graph) {
  std::ostringstream out;
  out << "digraph thoth {\n  rankdir=LR;\n  \"project\" [shape=box];\n";
  for (const auto& [name, version] : graph.pins) out << "  \"" << name << "\" [label=\"" << name << "\\n" << version << "\"];\n";
  for (const GraphEdge& edge : graph.edges) {
    std::string requirement = edge.requirement;
    std::string escaped;
    for (char c : requirement) escaped += (c == '"' ? std::string("\\\"") : std::string(1, c));
    out << "  \"" << (edge.from.empty() ? "project" : edge.from) << "\" -> \"" << edge.to << "\" [label=\"" << escaped
        << "\"];\n";
  }
  out << "}\n";
  return out.str();
}

nlohmann::json graph_json(const LockGraph& graph) {
  nlohmann::json nodes = nlohmann::json::array();
  std::set<std::string> direct;
  for (const GraphEdge& edge : graph.edges)
    if (edge.from.empty()) direct.insert(edge.to);
  for (const auto& [name, version] : graph.pins)
    nodes.push_back({{"name", name}, {"version", version}, {"direct", direct.contains(name)}});
  nlohmann::json edges = nlohmann::json::array();
  for (const GraphEdge& edge : graph.edges)
    edges.push_back({{"from", edge.from.empty() ? nlohmann::json(nullptr) : nlohmann::json(edge.from)},
                     {"from_version", edge.from.empty() ? nlohmann::json(nullptr) : nlohmann::json(edge.from_version)},
                     {"to", edge.to},
                     {"to_version", graph.pins.at(edge.to)},
                     {"requirement", edge.requirement}});
  return {{"nodes", nodes}, {"edges", edges}, {"missing", graph.missing}};
}

}  // namespace thoth::advise
