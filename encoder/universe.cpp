// Builds the universe of a resolution with one worklist over (package, release, extra) triples:
// a release enters when some live edge admits it, and only then are its own requirements read.
// So the universe holds exactly what the roots can reach, and the admission rules (PEP 440
// pre-releases, PEP 592 yanked, requires_python) are applied per edge, as pip applies them per
// requirement. Admitted sets are memoised per (package, specifier) because thousands of releases
// repeat the same requirement text.
#include "encoder/universe.hpp"

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "encoder/artifacts.hpp"
#include "encoder/marker_scope.hpp"
#include "packaging/name.hpp"

namespace thoth::encoder {
namespace {

struct RawEdge {
  std::size_t parent_node = kRootParent;
  std::size_t parent_release = 0;  // index into the parent's project->releases
  std::size_t root = 0;
  std::string parent_extra;
  std::size_t target_node = 0;
  std::vector<std::string> target_extras;
  const packaging::Requirement* requirement = nullptr;
  const std::vector<std::size_t>* admitted = nullptr;  // release indices of the target (memoised)
  struct Alternative {
    std::size_t node = 0;
    std::vector<std::size_t> releases;
    std::string rule;
  };
  std::vector<Alternative> alternatives;
  std::optional<Condition> only_when;
  std::optional<Condition> waived_when;
  std::string rule;
  const std::vector<std::size_t>* relaxed = nullptr;  // Problem::relax_exclusions: matched but excluded
};

struct NodeBuild {
  std::string name;
  const index::Project* project = nullptr;
  std::vector<char> python_ok;     // per release
  std::vector<ReleaseArtifacts> artifacts;  // per release: installable files or why none
  std::vector<char> is_candidate;  // per release
  std::vector<std::string> veto;   // per release: why a recommendation type forbids it ("" = allowed)
  std::vector<char> constrained;   // per release: the veto comes from a pip constraint
  std::vector<std::string> ruled_out;  // per release: why a rule (sieve) removes it, "" = it does not
  std::set<std::string> extras;
  bool direct = false;
  std::map<std::string, std::vector<std::size_t>> admitted_cache;  // specifier text -> release indices
  // Problem::relax_exclusions only (explanations), per release: some edge admits it normally; some
  // edge matching it does not need the yanked / pre-release exclusion relaxed to admit it.
  std::vector<char> normally_admitted, pin_free, pre_free;
  std::map<std::string, std::vector<std::size_t>> relaxed_cache;  // specifier text -> release indices
};

struct WorkItem {
  std::size_t node;
  std::size_t release;
  std::string extra;  // "" = the release's unconditional requirements
};

// True when the requirement pins exactly this release with `==V` (no wildcard) or `===V`.
bool pins_exactly(const packaging::SpecifierSet& specifier, const index::Release& release) {
  for (const packaging::Specifier& s : specifier.specifiers()) {
    if (s.op() == packaging::Operator::ArbitraryEqual && s.version_text() == release.version_text) return true;
    if (s.op() == packaging::Operator::Equal && !s.has_wildcard() && s.contains(release.version, true)) return true;
  }
  return false;
}

class UniverseBuilder {
 public:
  UniverseBuilder(const Problem& problem, index::PackageSource& source)
      : m_problem(problem), m_source(source), m_markers(problem.environment), m_python(problem.environment.python()),
        m_artifacts(problem.environment) {}

  Universe build() {
    add_roots();
    while (!m_queue.empty()) {
      WorkItem item = std::move(m_queue.front());
      m_queue.pop_front();
      expand(item);
    }
    return finish();
  }

 private:
  bool marker_holds(const packaging::Requirement& requirement, const std::string& extra) {
    return m_markers.holds(requirement, extra);
  }
  bool applies(const packaging::Requirement& requirement, const std::string& extra) {
    return m_markers.applies(requirement, extra);
  }

  std::size_t node_for(const std::string& canonical_name) {
    auto [it, inserted] = m_node_index.try_emplace(canonical_name, m_nodes.size());
    if (!inserted) return it->second;
    NodeBuild node;
    node.name = canonical_name;
    node.project = m_source.find(canonical_name);
    if (node.project != nullptr) {
      for (const index::Release& release : node.project->releases) {
        bool ok = !release.requires_python || release.requires_python->contains(m_python, true);
        node.python_ok.push_back(ok ? 1 : 0);
        node.artifacts.push_back(m_artifacts.check(canonical_name, release));
        std::optional<std::string> ruled_out;
        if (m_problem.rules.exclude) ruled_out = m_problem.rules.exclude(canonical_name, release);
        node.ruled_out.push_back(ruled_out ? std::move(*ruled_out) : std::string());
      }
      node.is_candidate.assign(node.project->releases.size(), 0);
      node.normally_admitted.assign(node.project->releases.size(), 0);
      node.pin_free.assign(node.project->releases.size(), 0);
      node.pre_free.assign(node.project->releases.size(), 0);
      node.veto = vetoes(canonical_name, node.project->releases);
      add_constraint_vetoes(canonical_name, node);
    }
    m_nodes.push_back(std::move(node));
    return m_nodes.size() - 1;
  }

  const std::vector<std::size_t>& admitted(std::size_t node_index, const packaging::Requirement& requirement) {
    NodeBuild& node = m_nodes[node_index];
    const std::string& key = requirement.specifier.to_string();
    auto it = node.admitted_cache.find(key);
    if (it != node.admitted_cache.end()) return it->second;
    std::vector<std::size_t> result;
    if (node.project != nullptr) result = admit(node, requirement.specifier);
    return node.admitted_cache.emplace(key, std::move(result)).first->second;
  }

  // Problem::relax_exclusions: the releases the specifier matches that it does not admit (each is
  // guarded by its exclusions in finish_node), noting which need no yanked / pre-release relaxation.
  const std::vector<std::size_t>& relaxed_admitted(std::size_t node_index, const packaging::Requirement& requirement) {
    NodeBuild& node = m_nodes[node_index];
    const std::string& key = requirement.specifier.to_string();
    if (auto it = node.relaxed_cache.find(key); it != node.relaxed_cache.end()) return it->second;
    std::vector<std::size_t> result;
    if (node.project != nullptr) {
      const std::vector<std::size_t>& normal = admitted(node_index, requirement);
      const auto& releases = node.project->releases;
      const packaging::SpecifierSet& specifier = requirement.specifier;
      bool finals = false;  // as admit(): a final release passes the filters before the pre-release rule
      for (std::size_t i = 0; i < releases.size(); ++i)
        finals |= node.python_ok[i] && node.artifacts[i].installable && !node.constrained[i] && node.ruled_out[i].empty() &&
                  specifier.contains(releases[i].version, true) && (!releases[i].yanked || pins_exactly(specifier, releases[i])) &&
                  !releases[i].version.is_prerelease();
      bool prereleases_ok = prereleases_allowed(m_problem) || specifier.prereleases() || !finals;
      for (std::size_t i = 0; i < releases.size(); ++i) {
        if (!specifier.contains(releases[i].version, true) || std::find(normal.begin(), normal.end(), i) != normal.end()) continue;
        result.push_back(i);
        node.pin_free[i] |= !releases[i].yanked || pins_exactly(specifier, releases[i]);
        node.pre_free[i] |= !releases[i].version.is_prerelease() || prereleases_ok;
      }
    }
    return node.relaxed_cache.emplace(std::move(key), std::move(result)).first->second;
  }

  // Under `security`, a release with a known advisory is never a candidate.
  std::vector<std::string> vetoes(const std::string& name, const std::vector<index::Release>& releases) const {
    std::vector<std::string> out(releases.size());
    auto known = m_problem.advisories.find(name);
    if (m_problem.recommendation != env::RecommendationType::Security || known == m_problem.advisories.end()) return out;
    for (std::size_t i = 0; i < releases.size(); ++i) {
      auto ids = known->second.find(releases[i].version_text);
      if (ids == known->second.end() || ids->second.empty()) continue;
      std::string list;
      for (const std::string& id : ids->second) list += (list.empty() ? "" : ", ") + id;
      out[i] = "known advisory " + list + " (recommendation type security)";
    }
    return out;
  }

  // pip constraints (Problem::constraints): a release the constraint's specifier does not contain is
  // never a candidate; the constraint adds no package and no edge.
  void add_constraint_vetoes(const std::string& name, NodeBuild& node) {
    node.constrained.assign(node.veto.size(), 0);
    for (const Constraint& constraint : m_problem.constraints) {
      if (constraint.requirement.canonical_name() != name || !marker_holds(constraint.requirement, "")) continue;
      for (std::size_t i = 0; i < node.veto.size(); ++i) {
        if (!node.veto[i].empty() || constraint.requirement.specifier.contains(node.project->releases[i].version, true)) continue;
        node.veto[i] = "constraint " + constraint.origin + " `" + constraint.requirement.to_string() + "`";
        node.constrained[i] = 1;
      }
    }
  }

  // The releases a specifier admits. An advisory veto applies after PEP 440's pre-release fallback:
  // a vetoed final release still satisfies the specifier, so it never lets a pre-release in. A pip
  // constraint applies before it, as pip merges constraints into the specifier it filters with.
  std::vector<std::size_t> admit(const NodeBuild& node, const packaging::SpecifierSet& specifier) {
    const auto& releases = node.project->releases;
    std::vector<std::size_t> matching;
    for (std::size_t i = 0; i < releases.size(); ++i) {
      // A sieve removes releases before the fallback, like requires_python (Thoth's sieves filter
      // the candidates the resolver sees); the advisory veto comes after it (below). pip folds
      // constraints into the specifier, so they apply before the fallback too.
      if (!node.python_ok[i] || !node.artifacts[i].installable || node.constrained[i] || !node.ruled_out[i].empty()) continue;
      if (!specifier.contains(releases[i].version, true)) continue;
      if (releases[i].yanked && !pins_exactly(specifier, releases[i])) continue;
      matching.push_back(i);
    }
    if (!prereleases_allowed(m_problem) && !specifier.prereleases()) {
      std::vector<std::size_t> finals;
      for (std::size_t i : matching)
        if (!releases[i].version.is_prerelease()) finals.push_back(i);
      if (!finals.empty()) matching = std::move(finals);
    }
    std::erase_if(matching, [&](std::size_t i) { return !node.veto[i].empty(); });
    return matching;
  }

  static bool eligible(const NodeBuild& node, std::size_t release) {
    return node.python_ok[release] && node.artifacts[release].installable && node.veto[release].empty() &&
           node.ruled_out[release].empty();
  }

  void add_roots() {
    for (std::size_t r = 0; r < m_problem.roots.size(); ++r) {
      const packaging::Requirement& requirement = m_problem.roots[r].requirement;
      if (!marker_holds(requirement, "")) continue;
      m_active_roots.push_back(r);
      RawEdge edge{kRootParent, 0, r, "", 0, {}, &requirement, nullptr, {}, {}, {}, {}};
      if (skipped(edge)) continue;
      std::size_t target = node_for(requirement.canonical_name());
      m_nodes[target].direct = true;
      edge.target_node = target;
      add_edge(std::move(edge));
    }
  }

  void add_edge(RawEdge edge) {
    for (const std::string& extra : edge.requirement->extras) edge.target_extras.push_back(packaging::canonicalize_extra(extra));
    std::sort(edge.target_extras.begin(), edge.target_extras.end());
    edge.target_extras.erase(std::unique(edge.target_extras.begin(), edge.target_extras.end()), edge.target_extras.end());
    edge.admitted = &admitted(edge.target_node, *edge.requirement);
    add_alternatives(edge);
    std::size_t target = edge.target_node;
    for (std::size_t release : *edge.admitted) admit_release(target, release);
    if (m_problem.relax_exclusions) {
      for (std::size_t release : *edge.admitted) m_nodes[target].normally_admitted[release] = 1;
      edge.relaxed = &relaxed_admitted(target, *edge.requirement);
      for (std::size_t release : *edge.relaxed) admit_release(target, release);
    }
    for (const RawEdge::Alternative& alternative : edge.alternatives)
      for (std::size_t release : alternative.releases) admit_release(alternative.node, release);
    for (const std::string& extra : edge.target_extras) request_extra(target, extra);
    m_edges.push_back(std::move(edge));
  }

  void admit_release(std::size_t node_index, std::size_t release) {
    NodeBuild& node = m_nodes[node_index];
    if (node.is_candidate[release]) return;
    node.is_candidate[release] = 1;
    m_queue.push_back({node_index, release, ""});
    for (const std::string& extra : node.extras) m_queue.push_back({node_index, release, extra});
  }

  void request_extra(std::size_t node_index, const std::string& extra) {
    NodeBuild& node = m_nodes[node_index];
    if (!node.extras.insert(extra).second) return;
    for (std::size_t i = 0; i < node.is_candidate.size(); ++i)
      if (node.is_candidate[i]) m_queue.push_back({node_index, i, extra});
  }

  void expand(const WorkItem& item) {
    const index::Release& release = m_nodes[item.node].project->releases[item.release];
    for (const packaging::Requirement& requirement : release.requires_dist) {
      if (!applies(requirement, item.extra)) continue;
      RawEdge edge{item.node, item.release, 0, item.extra, 0, {}, &requirement, nullptr, {}, {}, {}, {}};
      if (skipped(edge)) continue;
      edge.target_node = node_for(requirement.canonical_name());
      add_edge(std::move(edge));
    }
    if (item.extra.empty()) add_rule_requirements(item);
  }

  // step.AddPackage: requirements the rules add to this release.
  void add_rule_requirements(const WorkItem& item) {
    if (!m_problem.rules.added_requirements) return;
    const std::string name = m_nodes[item.node].name;
    const auto* added = m_problem.rules.added_requirements(name, m_nodes[item.node].project->releases[item.release]);
    if (added == nullptr) return;
    for (const AddedRequirement& rule : *added) {
      RawEdge edge{item.node, item.release, 0, "", node_for(rule.requirement.canonical_name()), {}, &rule.requirement, nullptr, {}, {}, {}, {}};
      if (!rule.only_when.installed.empty() || !rule.only_when.introduced_by.empty()) edge.only_when = rule.only_when;
      edge.rule = rule.rule;
      add_edge(std::move(edge));
    }
  }

  // SkipPackage rules: true when the edge is dropped; a conditional skip is recorded on the edge.
  bool skipped(RawEdge& edge);
  void add_alternatives(RawEdge& edge);
  std::vector<std::size_t> alternative_releases(std::size_t node_index, const Alternative& alternative,
                                                const std::vector<const index::Release*>& matched);

  Universe finish();
  PackageNode finish_node(const NodeBuild& node, std::vector<std::size_t>& candidate_of_release) const;
  static std::optional<Exclusion> exclusion(const NodeBuild& node, std::size_t release,
                                            const packaging::Version& python, bool allow_prereleases);
  std::vector<Exclusion> guards(const NodeBuild& node, std::size_t release) const;

  const Problem& m_problem;
  index::PackageSource& m_source;
  MarkerScope m_markers;
  packaging::Version m_python;
  ArtifactFilter m_artifacts;
  std::vector<NodeBuild> m_nodes;
  std::unordered_map<std::string, std::size_t> m_node_index;
  std::vector<RawEdge> m_edges;
  std::vector<std::size_t> m_active_roots;
  std::deque<WorkItem> m_queue;
  std::vector<SkippedRequirement> m_skipped;
  std::map<std::string, std::vector<Alternative>> m_alternatives;
};

// Why a release that is not a candidate can never be one (nullopt: it is eligible, merely not
// admitted by any edge). The first rule that applies is cited.
std::optional<Exclusion> UniverseBuilder::exclusion(const NodeBuild& node, std::size_t release,
                                                    const packaging::Version& python, bool allow_prereleases) {
  const index::Release& r = node.project->releases[release];
  if (!node.veto[release].empty())
    return Exclusion{r.version_text, node.veto[release],
                     node.constrained[release] ? ExclusionKind::Constraint : ExclusionKind::AdvisoryVeto};
  if (!node.python_ok[release])
    return Exclusion{r.version_text, "requires_python " + r.requires_python->to_string() + " excludes Python " + python.to_string(),
                     ExclusionKind::RequiresPython};
  if (!node.artifacts[release].installable)
    return Exclusion{r.version_text, node.artifacts[release].reason, ExclusionKind::NotInstallable};
  if (r.yanked)
    return Exclusion{r.version_text, r.yanked_reason.empty() ? "yanked" : "yanked: " + r.yanked_reason, ExclusionKind::Yanked};
  if (!node.ruled_out[release].empty()) return Exclusion{r.version_text, node.ruled_out[release], ExclusionKind::Rule};
  if (r.version.is_prerelease() && !allow_prereleases)
    return Exclusion{r.version_text, "pre-release", ExclusionKind::Prerelease};
  return std::nullopt;
}

// Every exclusion that keeps a release out of the normal universe (Problem::relax_exclusions): a
// candidate of the relaxed universe needs all of them relaxed.
std::vector<Exclusion> UniverseBuilder::guards(const NodeBuild& node, std::size_t release) const {
  const index::Release& r = node.project->releases[release];
  std::vector<Exclusion> out;
  if (!node.veto[release].empty())
    out.push_back({r.version_text, node.veto[release], node.constrained[release] ? ExclusionKind::Constraint : ExclusionKind::AdvisoryVeto});
  if (!node.python_ok[release])
    out.push_back({r.version_text, "requires_python " + r.requires_python->to_string() + " excludes Python " + m_python.to_string(),
                   ExclusionKind::RequiresPython});
  if (!node.artifacts[release].installable) out.push_back({r.version_text, node.artifacts[release].reason, ExclusionKind::NotInstallable});
  if (r.yanked && !node.pin_free[release])
    out.push_back({r.version_text, r.yanked_reason.empty() ? "yanked" : "yanked: " + r.yanked_reason, ExclusionKind::Yanked});
  if (!node.ruled_out[release].empty()) out.push_back({r.version_text, node.ruled_out[release], ExclusionKind::Rule});
  bool prerelease = r.version.is_prerelease() && !prereleases_allowed(m_problem) && !node.pre_free[release];
  if (prerelease || out.empty()) out.push_back({r.version_text, "pre-release", ExclusionKind::Prerelease});
  return out;
}

bool UniverseBuilder::skipped(RawEdge& edge) {
  if (!m_problem.rules.skip) return false;
  const index::Release* parent = nullptr;
  std::string parent_name;
  if (edge.parent_node != kRootParent) {
    parent_name = m_nodes[edge.parent_node].name;
    parent = &m_nodes[edge.parent_node].project->releases[edge.parent_release];
  }
  std::string target = edge.requirement->canonical_name();
  std::optional<SkipDecision> decision = m_problem.rules.skip(parent_name, parent, target);
  if (!decision) return false;
  if (decision->target_versions) {
    std::size_t node = node_for(target);
    bool any = false;
    for (std::size_t release : admitted(node, *edge.requirement))
      any = any || decision->target_versions->contains(m_nodes[node].project->releases[release].version, true);
    if (!any) return false;
  }
  if (!decision->waived_when.installed.empty() || !decision->waived_when.introduced_by.empty()) {
    edge.waived_when = std::move(decision->waived_when);
    edge.rule = std::move(decision->rule);
    return false;
  }
  std::string parent_label = parent == nullptr ? "" : parent_name + " " + parent->version_text;
  m_skipped.push_back({parent_label, target, edge.requirement->to_string(), std::move(decision->rule)});
  return true;
}

std::vector<std::size_t> UniverseBuilder::alternative_releases(std::size_t node_index, const Alternative& alternative,
                                                              const std::vector<const index::Release*>& matched) {
  const NodeBuild& node = m_nodes[node_index];
  std::vector<std::size_t> releases;
  if (node.project == nullptr) return releases;
  std::optional<packaging::Version> locked;
  if (alternative.versions == Alternative::Versions::Locked) {
    auto parsed = packaging::Version::parse(alternative.locked_version);
    if (!parsed) return releases;
    locked = *parsed;
  }
  for (std::size_t i = 0; i < node.project->releases.size(); ++i) {
    const index::Release& release = node.project->releases[i];
    if (!eligible(node, i)) continue;
    bool wanted = alternative.versions == Alternative::Versions::Any;
    if (locked) wanted = release.version == *locked;
    if (alternative.versions == Alternative::Versions::SameAsMatched)
      for (const index::Release* m : matched) wanted = wanted || m->version == release.version;
    if (!wanted || (release.yanked && alternative.versions == Alternative::Versions::Any)) continue;
    if (alternative.versions == Alternative::Versions::Any && !prereleases_allowed(m_problem) &&
        release.version.is_prerelease())
      continue;
    releases.push_back(i);
  }
  return releases;
}

void UniverseBuilder::add_alternatives(RawEdge& edge) {
  if (!m_problem.rules.alternatives) return;
  std::string target_name = m_nodes[edge.target_node].name;
  auto cached = m_alternatives.find(target_name);
  if (cached == m_alternatives.end())
    cached = m_alternatives.emplace(target_name, m_problem.rules.alternatives(target_name)).first;
  for (const Alternative& alternative : cached->second) {
    std::vector<const index::Release*> matched;
    const NodeBuild& target = m_nodes[edge.target_node];
    for (std::size_t release : *edge.admitted) {
      const index::Release& r = target.project->releases[release];
      if (!alternative.matched || alternative.matched->contains(r.version, true)) matched.push_back(&r);
    }
    if (matched.empty()) continue;
    std::size_t node = node_for(alternative.package);
    std::vector<std::size_t> releases = alternative_releases(node, alternative, matched);
    if (!releases.empty()) edge.alternatives.push_back({node, std::move(releases), alternative.rule});
  }
}

PackageNode UniverseBuilder::finish_node(const NodeBuild& node, std::vector<std::size_t>& candidate_of_release) const {
  PackageNode out;
  out.name = node.name;
  out.project = node.project;
  out.direct = node.direct;
  out.extras.assign(node.extras.begin(), node.extras.end());
  if (node.project == nullptr) return out;
  const auto& releases = node.project->releases;
  candidate_of_release.assign(releases.size(), kRootParent);
  std::size_t eligible_so_far = 0;
  for (std::size_t i = releases.size(); i-- > 0;) {
    if (node.is_candidate[i]) {
      candidate_of_release[i] = out.candidates.size();
      out.candidates.push_back(&releases[i]);
      out.installable_files.push_back(node.artifacts[i].files);
      out.newer_eligible.push_back(eligible_so_far);
      if (m_problem.relax_exclusions) {
        out.guards.emplace_back();
        if (!node.normally_admitted[i]) {
          out.guards.back() = guards(node, i);
          out.excluded.push_back(out.guards.back().front());
          continue;
        }
      }
    } else if (auto excluded = exclusion(node, i, m_python, prereleases_allowed(m_problem))) {
      out.excluded.push_back(std::move(*excluded));
      continue;
    }
    ++eligible_so_far;
  }
  return out;
}

// The candidate indices (ascending) of a memoised list of admitted releases, converted once: the
// edges of many releases share one list.
using ConvertedAdmitted = std::unordered_map<const std::vector<std::size_t>*, std::vector<std::size_t>>;

const std::vector<std::size_t>& candidates_of(const std::vector<std::size_t>& releases,
                                              const std::vector<std::size_t>& candidate_of_release,
                                              ConvertedAdmitted& converted) {
  auto [it, inserted] = converted.try_emplace(&releases);
  if (inserted) {
    for (std::size_t release : releases) it->second.push_back(candidate_of_release[release]);
    std::sort(it->second.begin(), it->second.end());
  }
  return it->second;
}

Universe UniverseBuilder::finish() {
  // Packages sorted by name give every later index a deterministic meaning; edges keep the
  // worklist's order, which is itself deterministic (roots in order, then FIFO).
  std::vector<std::size_t> order(m_nodes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return m_nodes[a].name < m_nodes[b].name; });
  std::vector<std::size_t> new_index(m_nodes.size());
  std::vector<std::vector<std::size_t>> candidate_of_release(m_nodes.size());
  Universe universe;
  ConvertedAdmitted converted;
  for (std::size_t position = 0; position < order.size(); ++position) {
    new_index[order[position]] = position;
    universe.packages.push_back(finish_node(m_nodes[order[position]], candidate_of_release[order[position]]));
    universe.by_name.emplace(universe.packages.back().name, position);
  }
  for (const RawEdge& raw : m_edges) {
    Edge edge;
    edge.parent_package = raw.parent_node == kRootParent ? kRootParent : new_index[raw.parent_node];
    edge.parent_candidate = raw.parent_node == kRootParent ? 0 : candidate_of_release[raw.parent_node][raw.parent_release];
    edge.root = raw.root;
    edge.parent_extra = raw.parent_extra;
    edge.target = new_index[raw.target_node];
    edge.target_extras = raw.target_extras;
    edge.requirement = raw.requirement;
    if (raw.relaxed == nullptr) {
      edge.admitted = candidates_of(*raw.admitted, candidate_of_release[raw.target_node], converted);
    } else {
      for (std::size_t release : *raw.admitted) edge.admitted.push_back(candidate_of_release[raw.target_node][release]);
      for (std::size_t release : *raw.relaxed)  // a release some other edge admits normally stays out of this one
        if (!m_nodes[raw.target_node].normally_admitted[release])
          edge.admitted.push_back(candidate_of_release[raw.target_node][release]);
      std::sort(edge.admitted.begin(), edge.admitted.end());
    }
    for (const RawEdge::Alternative& raw_alternative : raw.alternatives) {
      Edge::Alternative alternative{new_index[raw_alternative.node], {}, raw_alternative.rule};
      for (std::size_t release : raw_alternative.releases)
        alternative.admitted.push_back(candidate_of_release[raw_alternative.node][release]);
      std::sort(alternative.admitted.begin(), alternative.admitted.end());
      edge.alternatives.push_back(std::move(alternative));
    }
    edge.only_when = raw.only_when;
    edge.waived_when = raw.waived_when;
    edge.rule = raw.rule;
    universe.edges.push_back(std::move(edge));
  }
  universe.active_roots = m_active_roots;
  universe.skipped = m_skipped;
  return universe;
}

}  // namespace

Universe build_universe(const Problem& problem, index::PackageSource& source) {
  return UniverseBuilder(problem, source).build();
}

}  // namespace thoth::encoder
