// The derivation: package-level propagation over the core only, recorded as facts with premises,
// then rendered as "Because ... and ..., ..." sentences that end at the user's requirements.
//
// State per package: required or not, the candidate versions still possible, the extras forced.
// Rules, applied to a fixpoint:
//   root    a core root requirement makes its package required and narrows it to what it admits;
//   kill    a version whose core edge admits nothing still possible of its target is impossible;
//   force   when every possible version of a required package requires Q, Q is required and
//           narrowed to the union of what those edges admit;
//   forbid  a core prescription forbids "P_1 matching s_1 with ... with P_n matching s_n": when every
//           P_i but one is required and surely matches, the matching versions of the last are
//           impossible (conditions on requirement edges are left to the fallback).
//   exclude a core exclusion group (yanked, requires_python, ...) makes its releases impossible from
//           the start; an edge or root that admits one of them names it ("a 2.0 is yanked").
// A required package with nothing possible is the conflict. A core that needs case splits (rare)
// falls back to listing its elements. Versions of one package are grouped into ranges.
#include <algorithm>
#include <map>
#include <set>

#include "explain/explain.hpp"

namespace thoth::explain {
namespace {

struct Premise {
  std::string text;  // a base phrase, when fact < 0
  int fact = -1;
};

struct Fact {
  std::string conclusion;
  std::vector<Premise> premises;
  bool is_inline = false;  // a base phrase standing for a state (one root), never its own sentence
};

struct PackageState {
  bool required = false;
  std::vector<char> possible;
  int fact = -1;             // latest state fact while required
  std::vector<int> pending;  // kill facts not yet folded into a state fact
  std::set<std::string> extras;
};

std::string join_words(const std::vector<std::string>& items, const std::string& last = " and ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? last : ", ") + items[i];
  return out;
}

class Deriver {
 public:
  Deriver(const encoder::Problem& problem, const encoder::Encoding& encoding, const std::vector<CoreElement>& core)
      : m_problem(problem), m_encoding(encoding), m_core(core) {
    for (const auto& node : packages()) m_states.push_back({false, std::vector<char>(node.candidates.size(), 1), -1, {}, {}});
    for (const CoreElement& element : core) {
      if (element.kind == GroupKind::RootRequirement) m_roots.push_back(element.root);
      if (element.kind != GroupKind::Dependency) continue;
      m_edges_from[edges()[element.edge].parent_package].push_back(element.edge);
      m_element_of_edge[element.edge] = &element;
    }
    for (const CoreElement& element : core)
      if (element.kind == GroupKind::Prescription)
        for (std::size_t f : element.forbidden) m_forbidden.push_back({f, &element});
    // A core exclusion group keeps its releases out from the start; releases of groups outside the
    // core stay possible (the core is unsatisfiable with them allowed).
    for (const CoreElement& element : core)
      if (is_exclusion(element.kind))
        for (std::size_t k : element.guarded) m_states[element.exclusion.first].possible[k] = 0;
    for (const PackageState& state : m_states) m_initial.push_back(state.possible);
  }

  std::vector<std::string> run() {
    apply_roots();
    // Kills first, to their fixpoint, so a chain of impossible versions reads bottom-up.
    for (bool changed = m_final < 0; changed && m_final < 0;) {
      changed = false;
      for (bool killed = true; killed && m_final < 0;) {
        killed = false;
        for (std::size_t p = 0; p < packages().size() && m_final < 0; ++p) killed |= kill_versions(p);
        for (const auto& [f, element] : m_forbidden)
          if (m_final < 0) killed |= forbid(m_encoding.forbidden[f].condition, *element);
        changed |= killed;
      }
      for (std::size_t p = 0; p < packages().size() && m_final < 0; ++p) changed |= force_dependencies(p);
    }
    return m_final >= 0 ? render() : fallback();
  }

 private:
  const std::vector<encoder::PackageNode>& packages() const { return m_encoding.universe.packages; }
  const std::vector<encoder::Edge>& edges() const { return m_encoding.universe.edges; }
  const std::string& version(std::size_t p, std::size_t k) const { return packages()[p].candidates[k]->version_text; }

  // Versions of p in `chosen`, as ranges over the versions in `discourse` (oldest first).
  std::string versions_text(std::size_t p, const std::vector<char>& chosen, const std::vector<char>& discourse) const {
    std::vector<std::string> runs;
    std::size_t n = chosen.size();
    std::size_t k = n;
    while (k-- > 0) {
      if (!discourse[k] || !chosen[k]) continue;
      std::size_t low = k, high = k;
      while (k > 0 && (!discourse[k - 1] || chosen[k - 1])) {
        --k;
        if (chosen[k]) high = k;
      }
      runs.push_back(low == high ? version(p, low) : version(p, low) + " to " + version(p, high));
    }
    return join_words(runs);
  }

  static std::size_t count(const std::vector<char>& set) { return static_cast<std::size_t>(std::count(set.begin(), set.end(), 1)); }

  std::string root_phrase(std::size_t r) const {
    const encoder::Root& root = m_problem.roots[r];
    return "`" + root.requirement.to_string() + "`" + (root.origin.empty() ? "" : " (" + root.origin + ")");
  }

  std::string state_text(std::size_t p) const {
    const PackageState& state = m_states[p];
    const std::string& name = packages()[p].name;
    std::size_t left = count(state.possible);
    if (left == 0) return "no version of " + name + " can be installed";
    if (left == count(m_initial[p])) return name + " is required";
    std::string versions = versions_text(p, state.possible, m_initial[p]);
    return name + " must be " + (left == 1 ? "" : "within ") + versions;
  }

  int add_fact(Fact fact) {
    m_facts.push_back(std::move(fact));
    return static_cast<int>(m_facts.size()) - 1;
  }

  // The premises standing for p's current state (its state fact, or the kills so far).
  std::vector<Premise> state_premises(std::size_t p) const {
    const PackageState& state = m_states[p];
    std::vector<Premise> out;
    if (state.fact >= 0) out.push_back({"", state.fact});
    for (int kill : state.pending) out.push_back({"", kill});
    return out;
  }

  // Records p's new state after a narrowing with the given reasons; detects the conflict.
  void new_state(std::size_t p, std::vector<Premise> reasons) {
    PackageState& state = m_states[p];
    std::vector<Premise> premises = state_premises(p);
    premises.insert(premises.end(), reasons.begin(), reasons.end());
    state.pending.clear();
    bool conflict = count(state.possible) == 0;
    Fact fact{state_text(p), std::move(premises), false};
    if (conflict) fact.conclusion += ", so " + roots_conclusion();
    state.fact = add_fact(std::move(fact));
    if (conflict) m_final = state.fact;
  }

  std::string roots_conclusion() const {
    std::vector<std::string> phrases;
    for (std::size_t r : m_roots) phrases.push_back(root_phrase(r));
    if (phrases.size() == 1) return "you cannot require " + phrases[0];
    return "you cannot require " + join_words(phrases) + (phrases.size() == 2 ? " together" : " all together");
  }

  void apply_roots() {
    for (std::size_t r : m_roots) {
      for (const encoder::Edge& edge : edges()) {
        if (edge.parent_package != encoder::kRootParent || edge.root != r || m_final >= 0) continue;
        if (!admits_initially(edge)) {
          empty_root(r, edge);
          return;
        }
        PackageState& state = m_states[edge.target];
        std::vector<char> admitted(state.possible.size(), 0);
        for (std::size_t k : edge.admitted) admitted[k] = 1;
        for (std::size_t k = 0; k < admitted.size(); ++k) state.possible[k] &= admitted[k];
        state.extras.insert(edge.target_extras.begin(), edge.target_extras.end());
        std::vector<Premise> phrases{{"you require " + root_phrase(r), -1}};
        std::vector<Premise> excluded = exclusion_premises(edge);
        phrases.insert(phrases.end(), excluded.begin(), excluded.end());
        bool first = !state.required && state.pending.empty();
        state.required = true;
        if (first && count(state.possible) > 0) {
          std::vector<std::string> texts;
          for (const Premise& phrase : phrases) texts.push_back(phrase.text);
          std::string text = texts.front();  // "you require `a` (#1) but a 2.0b1 is a pre-release"
          if (texts.size() > 1) text += " but " + join_words(std::vector<std::string>(texts.begin() + 1, texts.end()));
          state.fact = add_fact({text, {}, true});
        } else {
          new_state(edge.target, phrases);
        }
      }
    }
  }

  bool applies(std::size_t p, const encoder::Edge& edge) const {
    return m_states[p].possible[edge.parent_candidate] &&
           (edge.parent_extra.empty() || m_states[p].extras.count(edge.parent_extra) > 0);
  }

  // The core exclusions that keep out some version the edge admits: "a 2.0 is yanked".
  std::vector<Premise> exclusion_premises(const encoder::Edge& edge) const {
    std::vector<Premise> out;
    for (const CoreElement& element : m_core) {
      if (!is_exclusion(element.kind) || element.exclusion.first != edge.target) continue;
      bool admitted = std::any_of(element.guarded.begin(), element.guarded.end(), [&](std::size_t k) {
        return std::find(edge.admitted.begin(), edge.admitted.end(), k) != edge.admitted.end();
      });
      if (admitted) out.push_back({element.text, -1});
    }
    return out;
  }

  // Does the edge admit a version no core exclusion keeps out?
  bool admits_initially(const encoder::Edge& edge) const {
    const std::vector<char>& initial = m_initial[edge.target];
    return std::any_of(edge.admitted.begin(), edge.admitted.end(), [&](std::size_t k) { return initial[k] != 0; });
  }

  bool admits_possible(const encoder::Edge& edge) const {
    const PackageState& target = m_states[edge.target];
    return std::any_of(edge.admitted.begin(), edge.admitted.end(), [&](std::size_t k) { return target.possible[k] != 0; });
  }

  // ", which no release of c satisfies (c 2.0 is yanked)" for an edge that admits nothing at all.
  std::string empty_note(const encoder::Edge& edge, const CoreElement* element) const {
    if (admits_initially(edge)) return "";
    const encoder::PackageNode& target = packages()[edge.target];
    if (target.project == nullptr) return ", but the index has no package " + target.name;
    return ", which no release of " + target.name + " satisfies (" + releases_note(edge, element) + ")";
  }

  // Why nothing matches: the matching releases that are excluded, else the releases there are.
  std::string releases_note(const encoder::Edge& edge, const CoreElement* element) const {
    const encoder::PackageNode& target = packages()[edge.target];
    std::vector<std::string> parts;
    if (element != nullptr && !element->excluded.empty()) {
      for (std::size_t i = 0; i < element->excluded.size() && i < 2; ++i)
        parts.push_back(target.name + " " + element->excluded[i].version + " " + short_reason(element->excluded[i].reason));
      if (element->excluded.size() > 2) parts.push_back(std::to_string(element->excluded.size() - 2) + " more excluded");
      return join_words(parts, ", ");
    }
    const auto& releases = target.project->releases;
    if (releases.empty()) return "the index has no release of " + target.name;
    std::size_t first = releases.size() > 5 ? releases.size() - 5 : 0;
    for (std::size_t i = first; i < releases.size(); ++i) parts.push_back(releases[i].version_text);
    return target.name + " has " + (first > 0 ? "..., " : "") + join_words(parts, ", ");
  }

  const CoreElement* root_element(std::size_t r) const {
    for (const CoreElement& element : m_core)
      if (element.kind == GroupKind::RootRequirement && element.root == r) return &element;
    return nullptr;
  }

  // A root that admits nothing is the whole conflict.
  void empty_root(std::size_t r, const encoder::Edge& edge) {
    const encoder::PackageNode& target = packages()[edge.target];
    std::string why = target.project == nullptr
                          ? "the index has no package " + target.name
                          : "no release of " + target.name + " satisfies `" + edge.requirement->to_string() + "` (" +
                                releases_note(edge, root_element(r)) + ")";
    m_final = add_fact({roots_conclusion(), {{why, -1}}, false});
  }

  static std::string short_reason(const std::string& reason) {
    const std::string python = "requires_python ";
    if (reason.rfind(python, 0) == 0) return "requires Python " + reason.substr(python.size(), reason.find(" excludes") - python.size());
    if (reason.rfind("pre-release", 0) == 0) return "is a pre-release";
    if (reason.rfind("yanked", 0) == 0) return "is " + reason;  // "yanked", "yanked: why"
    if (reason.rfind("no file of ", 0) == 0) return "has no installable file (" + reason.substr(reason.find(": ") + 2) + ")";
    return "is excluded (" + reason + ")";  // security vetoes, prescription sieves, later kinds
  }

  // "a 1.0 to 1.4 require c==1.0 and a 2.0 requires c>=2": the edges grouped by requirement text.
  std::string edges_phrase(const std::vector<std::size_t>& group_edges, std::size_t p) const {
    std::map<std::pair<std::string, std::string>, std::vector<char>> by_text;  // (extra, requirement) -> versions
    for (std::size_t e : group_edges) {
      const encoder::Edge& edge = edges()[e];
      auto& versions = by_text[{edge.parent_extra, edge.requirement->to_string()}];
      versions.resize(packages()[p].candidates.size(), 0);
      versions[edge.parent_candidate] = 1;
    }
    std::vector<std::string> parts;
    for (const auto& [key, versions] : by_text) {
      std::string who = packages()[p].name + (key.first.empty() ? "" : "[" + key.first + "]");
      std::string verb = count(versions) == 1 && versions_text(p, versions, m_states[p].possible).find(" to ") == std::string::npos ? " requires " : " require ";
      parts.push_back(who + " " + versions_text(p, versions, m_states[p].possible) + verb + "`" + key.second + "`");
    }
    return join_words(parts);
  }

  bool kill_versions(std::size_t p) {
    auto from = m_edges_from.find(p);
    if (from == m_edges_from.end()) return false;
    std::map<std::size_t, std::vector<std::size_t>> killing;  // target -> edges that kill a version
    for (std::size_t e : from->second) {
      const encoder::Edge& edge = edges()[e];
      if (applies(p, edge) && !admits_possible(edge)) killing[edge.target].push_back(e);
    }
    if (killing.empty()) return false;
    for (const auto& [target, killers] : killing) {
      std::vector<Premise> reasons{{edges_phrase(killers, p), -1}};
      for (std::size_t e : killers) {  // the target's note once: every killer has the same target
        std::string note = empty_note(edges()[e], m_element_of_edge.at(e));
        if (note.empty()) continue;
        reasons.front().text += note;
        break;
      }
      if (admits_initially(edges()[killers.front()])) {
        std::vector<Premise> target_state = state_premises(target);
        reasons.insert(reasons.end(), target_state.begin(), target_state.end());
      }
      for (std::size_t e : killers)
        for (const Premise& premise : exclusion_premises(edges()[e]))
          if (admits_initially(edges()[e]) && std::none_of(reasons.begin(), reasons.end(), [&](const Premise& known) { return known.text == premise.text; }))
            reasons.push_back(premise);
      std::vector<char> killed(m_states[p].possible.size(), 0);
      for (std::size_t e : killers) killed[edges()[e].parent_candidate] = 1;
      std::string killed_text = packages()[p].name + " " + versions_text(p, killed, m_states[p].possible);
      for (std::size_t k = 0; k < killed.size(); ++k)
        if (killed[k]) m_states[p].possible[k] = 0;
      if (count(m_states[p].possible) == 0 && count(killed) == count(m_initial[p]))
        killed_text = "no version of " + packages()[p].name + " can";
      if (m_states[p].required) {
        new_state(p, reasons);
        if (m_final >= 0) return true;
      } else {
        std::string verb = killed_text.ends_with(" can") ? " be installed" : " cannot be installed";
        m_states[p].pending.push_back(add_fact({killed_text + verb, reasons, false}));
      }
    }
    return true;
  }

  // The packages of a condition's atoms; empty when an atom names a package outside the universe.
  std::vector<std::size_t> atom_packages(const encoder::Condition& condition) const {
    std::vector<std::size_t> out;
    for (const encoder::VersionMatch& match : condition.installed) {
      auto it = m_encoding.universe.by_name.find(match.package);
      if (it == m_encoding.universe.by_name.end()) return {};
      out.push_back(it->second);
    }
    return out;
  }

  // Versions of p still possible that `match` matches.
  std::vector<char> matching(std::size_t p, const encoder::VersionMatch& match) const {
    std::vector<char> out(m_states[p].possible.size(), 0);
    for (std::size_t k = 0; k < out.size(); ++k)
      out[k] = m_states[p].possible[k] && match.matches(*packages()[p].candidates[k]);
    return out;
  }

  bool forbid(const encoder::Condition& condition, const CoreElement& element) {
    if (!condition.introduced_by.empty()) return false;
    std::vector<std::size_t> atoms = atom_packages(condition);
    if (atoms.empty()) return false;
    for (std::size_t j = 0; j < atoms.size(); ++j) {
      std::vector<Premise> reasons{{element.text, -1}};
      bool others_hold = true;
      for (std::size_t i = 0; i < atoms.size() && others_hold; ++i) {
        if (i == j) continue;
        const PackageState& other = m_states[atoms[i]];
        others_hold = atoms[i] != atoms[j] && other.required && count(other.possible) > 0 &&
                      matching(atoms[i], condition.installed[i]) == other.possible;
        std::vector<Premise> state = state_premises(atoms[i]);
        reasons.insert(reasons.end(), state.begin(), state.end());
      }
      std::size_t p = atoms[j];
      std::vector<char> killed = matching(p, condition.installed[j]);
      if (!others_hold || count(killed) == 0) continue;
      std::string killed_text = packages()[p].name + " " + versions_text(p, killed, m_states[p].possible);
      if (killed == m_states[p].possible) killed_text = "no version of " + packages()[p].name + " can";
      for (std::size_t k = 0; k < killed.size(); ++k)
        if (killed[k]) m_states[p].possible[k] = 0;
      if (m_states[p].required) {
        new_state(p, reasons);
      } else {
        std::string verb = killed_text.ends_with(" can") ? " be installed" : " cannot be installed";
        m_states[p].pending.push_back(add_fact({killed_text + verb, reasons, false}));
      }
      return true;
    }
    return false;
  }

  bool force_dependencies(std::size_t p) {
    const PackageState& state = m_states[p];
    auto from = m_edges_from.find(p);
    if (!state.required || count(state.possible) == 0 || from == m_edges_from.end()) return false;
    std::map<std::size_t, std::map<std::size_t, std::vector<std::size_t>>> by_target;  // target -> version -> edges
    for (std::size_t e : from->second)
      if (applies(p, edges()[e])) by_target[edges()[e].target][edges()[e].parent_candidate].push_back(e);
    bool changed = false;
    for (const auto& [target, per_version] : by_target) {
      if (per_version.size() != count(state.possible)) continue;  // some possible version does not require it
      changed |= force(p, target, per_version);
      if (m_final >= 0) return true;
    }
    return changed;
  }

  bool force(std::size_t p, std::size_t target, const std::map<std::size_t, std::vector<std::size_t>>& per_version) {
    PackageState& goal = m_states[target];
    std::vector<char> allowed(goal.possible.size(), 0);
    std::set<std::string> extras;
    bool first_version = true;
    std::vector<std::size_t> used;
    for (const auto& [version_index, version_edges] : per_version) {
      std::vector<char> mine(goal.possible.size(), 1);
      std::set<std::string> mine_extras;
      for (std::size_t e : version_edges) {
        std::vector<char> admitted(goal.possible.size(), 0);
        for (std::size_t k : edges()[e].admitted) admitted[k] = 1;
        for (std::size_t k = 0; k < mine.size(); ++k) mine[k] &= admitted[k];
        mine_extras.insert(edges()[e].target_extras.begin(), edges()[e].target_extras.end());
        used.push_back(e);
      }
      for (std::size_t k = 0; k < mine.size(); ++k) allowed[k] |= mine[k];
      if (first_version) extras = mine_extras;
      else {
        std::set<std::string> both;
        std::set_intersection(extras.begin(), extras.end(), mine_extras.begin(), mine_extras.end(), std::inserter(both, both.end()));
        extras = both;
      }
      first_version = false;
    }
    bool narrows = false;
    for (std::size_t k = 0; k < allowed.size(); ++k) narrows |= goal.possible[k] && !allowed[k];
    bool new_extras = !std::includes(goal.extras.begin(), goal.extras.end(), extras.begin(), extras.end());
    if (goal.required && !narrows && !new_extras) return false;
    for (std::size_t k = 0; k < allowed.size(); ++k) goal.possible[k] &= allowed[k];
    goal.extras.insert(extras.begin(), extras.end());
    goal.required = true;
    std::vector<Premise> reasons = state_premises(p);
    reasons.push_back({edges_phrase(used, p), -1});
    for (std::size_t e : used)
      for (const Premise& premise : exclusion_premises(edges()[e]))
        if (std::none_of(reasons.begin(), reasons.end(), [&](const Premise& known) { return known.text == premise.text; }))
          reasons.push_back(premise);
    new_state(target, reasons);
    return true;
  }

  std::vector<std::string> render() const;
  std::vector<std::string> fallback() const;

  const encoder::Problem& m_problem;
  const encoder::Encoding& m_encoding;
  const std::vector<CoreElement>& m_core;
  std::vector<PackageState> m_states;
  std::vector<std::vector<char>> m_initial;  // per package: the versions no core exclusion keeps out
  std::vector<std::size_t> m_roots;
  std::map<std::size_t, std::vector<std::size_t>> m_edges_from;
  std::map<std::size_t, const CoreElement*> m_element_of_edge;
  std::vector<std::pair<std::size_t, const CoreElement*>> m_forbidden;  // Encoding::forbidden index, its element
  std::vector<Fact> m_facts;
  int m_final = -1;
};

std::vector<std::string> Deriver::render() const {
  // Facts the conclusion rests on, and how often each is used.
  std::vector<int> uses(m_facts.size(), 0);
  std::vector<char> needed(m_facts.size(), 0);
  std::vector<int> stack{m_final};
  needed[m_final] = 1;
  while (!stack.empty()) {
    int f = stack.back();
    stack.pop_back();
    std::set<int> seen;
    for (const Premise& premise : m_facts[f].premises) {
      if (premise.fact < 0 || !seen.insert(premise.fact).second) continue;
      ++uses[premise.fact];
      if (!needed[premise.fact]) {
        needed[premise.fact] = 1;
        stack.push_back(premise.fact);
      }
    }
  }
  std::map<int, int> number;
  for (std::size_t f = 0; f < m_facts.size(); ++f)
    if (needed[f] && !m_facts[f].is_inline && uses[f] >= 2) number[static_cast<int>(f)] = static_cast<int>(number.size()) + 1;
  std::vector<std::string> sentences;
  int previous = -1;
  for (std::size_t f = 0; f < m_facts.size(); ++f) {
    if (!needed[f] || m_facts[f].is_inline) continue;
    const Fact& fact = m_facts[f];
    std::vector<std::string> parts;
    bool follows = false;
    std::set<int> seen;
    for (const Premise& premise : fact.premises) {
      if (premise.fact < 0) {
        parts.push_back(premise.text);
        continue;
      }
      if (!seen.insert(premise.fact).second) continue;
      const Fact& used = m_facts[premise.fact];
      if (premise.fact == previous && uses[premise.fact] == 1) {
        follows = true;
        continue;
      }
      auto numbered = number.find(premise.fact);
      parts.push_back(used.conclusion + (numbered != number.end() ? " (" + std::to_string(numbered->second) + ")" : ""));
    }
    std::string sentence = follows ? (parts.empty() ? "So " : "And because " + join_words(parts) + ", ")
                                   : "Because " + join_words(parts) + ", ";
    sentence += fact.conclusion + ".";
    if (auto numbered = number.find(static_cast<int>(f)); numbered != number.end())
      sentence += " (" + std::to_string(numbered->second) + ")";
    sentences.push_back(sentence);
    previous = static_cast<int>(f);
  }
  return sentences;
}

std::vector<std::string> Deriver::fallback() const {
  std::vector<std::string> lines{"These requirements cannot all hold together:"};
  for (const CoreElement& element : m_core) lines.push_back("  " + element.text + " (" + element.location + ")");
  return lines;
}

}  // namespace

std::vector<std::string> derive(const encoder::Problem& problem, const encoder::Encoding& encoding,
                                const std::vector<CoreElement>& core) {
  return Deriver(problem, encoding, core).run();
}

}  // namespace thoth::explain
