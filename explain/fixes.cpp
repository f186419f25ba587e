// Hints and minimal correction sets (see fixes.hpp). Every "would give a lock" claim is a solve.
#include "explain/fixes.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "solver/sat_solver.hpp"

namespace thoth::explain {
namespace {

constexpr std::size_t kRelaxCost = 1;
constexpr std::size_t kDropCost = 3;
const std::vector<std::string> kPythons = {"3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"};

std::string root_phrase(const encoder::Root& root) {
  return "`" + root.requirement.to_string() + "`" + (root.origin.empty() ? "" : " (" + root.origin + ")");
}

std::vector<sat::Lit> active_selectors(const encoder::Encoding& encoding) {
  std::vector<sat::Lit> out;
  for (std::size_t r : encoding.universe.active_roots) out.push_back(encoding.root_selectors[r]);
  return out;
}

bool model_value(const std::vector<bool>& model, sat::Lit lit) {
  bool value = lit.var().index < model.size() && model[lit.var().index];
  return value != lit.negated();
}

// "requires_python >=3.11 excludes Python 3.9.0" -> "requires Python >=3.11 (the target is 3.9.0)".
std::string python_text(const std::string& reason) {
  const std::string prefix = "requires_python ", middle = " excludes Python ";
  auto at = reason.find(middle);
  if (reason.rfind(prefix, 0) != 0 || at == std::string::npos) return "is excluded: " + reason;
  return "requires Python " + reason.substr(prefix.size(), at - prefix.size()) + " (the target is " +
         reason.substr(at + middle.size()) + ")";
}

}  // namespace

std::optional<packaging::Requirement> without_upper_bound(const packaging::Requirement& requirement) {
  std::vector<std::string> kept;
  for (const packaging::Specifier& s : requirement.specifier.specifiers()) {
    std::string base = s.version_text();
    if (s.has_wildcard() && base.size() > 2) base.resize(base.size() - 2);
    switch (s.op()) {
      case packaging::Operator::Less:
      case packaging::Operator::LessEqual:
      case packaging::Operator::ArbitraryEqual: break;
      case packaging::Operator::Equal:
      case packaging::Operator::Compatible: kept.push_back(">=" + base); break;
      default: kept.push_back(s.to_string());
    }
  }
  std::string text;
  for (const std::string& s : kept) text += (text.empty() ? "" : ",") + s;
  auto specifier = packaging::SpecifierSet::parse(text);
  if (!specifier || *specifier == requirement.specifier) return std::nullopt;
  packaging::Requirement relaxed = requirement;
  relaxed.specifier = *specifier;
  return relaxed;
}

bool FixSearch::satisfiable(const encoder::Problem& problem) {
  encoder::Encoding encoding = encoder::encode(problem, m_source);
  sat::SatSolver solver;
  solver.add_cnf(encoding.cnf);
  ++m_sat_calls;
  return solver.solve(active_selectors(encoding)) == sat::Answer::Satisfiable;
}

std::map<std::string, std::string> FixSearch::direct_pins(const encoder::Problem& problem) {
  encoder::Encoding encoding = encoder::encode(problem, m_source);
  sat::MaxSatResult solved = sat::solve_lexicographic(encoding.cnf, encoding.objective, active_selectors(encoding));
  m_sat_calls += solved.sat_calls;
  std::map<std::string, std::string> pins;
  if (solved.status != sat::MaxSatStatus::Optimal && solved.status != sat::MaxSatStatus::Feasible) return pins;
  encoder::Selection selection = encoder::decode(encoding, solved.model);
  for (const auto& [p, k] : selection.chosen) {
    const encoder::PackageNode& node = encoding.universe.packages[p];
    if (node.direct) pins[node.name] = node.candidates[k]->version_text;
  }
  return pins;
}

// The nearest other Python (newer ones first) under which the request locks, when the element's
// excluded release would accept it.
std::optional<std::string> FixSearch::other_python(const CoreElement& element, const ExcludedMatch& match) {
  const index::Project* project = m_source.find(element.package);
  if (project == nullptr) return std::nullopt;
  auto release = std::find_if(project->releases.begin(), project->releases.end(),
                              [&](const index::Release& r) { return r.version_text == match.version; });
  if (release == project->releases.end() || !release->requires_python) return std::nullopt;
  packaging::Version current = m_problem.environment.python();
  std::vector<std::string> newer, older;
  for (const std::string& python : kPythons) {
    auto version = packaging::Version::parse(python);
    if (!version || !release->requires_python->contains(*version, true)) continue;
    (*version > current ? newer : older).push_back(python);
  }
  std::reverse(older.begin(), older.end());
  newer.insert(newer.end(), older.begin(), older.end());
  for (std::size_t i = 0; i < newer.size() && i < 3; ++i) {
    encoder::Problem changed = m_problem;
    env::set_python_version(changed.environment, newer[i], "hint");
    changed.environment.python_full_version.clear();
    if (satisfiable(changed)) return newer[i];
  }
  return std::nullopt;
}

std::vector<std::string> FixSearch::hints(bool solve) {
  std::vector<std::string> out;
  std::set<std::string> seen;  // package + kind
  for (const CoreElement& element : m_core) {
    if (element.package_missing && seen.insert(element.package + "/missing").second)
      out.push_back("the index lacks " + element.package + ": check the name, or use an index that has it");
    for (const ExcludedMatch& match : element.excluded) {
      std::string what = element.package + " " + match.version + " matches `" + element.requirement + "`";
      if (match.reason.rfind("yanked", 0) == 0) {
        if (seen.insert(element.package + "/yanked").second) out.push_back("a yanked version would satisfy it: " + what + " but is " + match.reason);
      } else if (match.reason == "pre-release") {
        if (!seen.insert(element.package + "/pre").second) continue;
        if (solve && !m_prereleases_help) {
          encoder::Problem changed = m_problem;
          changed.allow_prereleases = true;
          m_prereleases_help = satisfiable(changed);
        }
        if (solve && !*m_prereleases_help) continue;  // a pre-release that would not help is noise
        std::string tail = solve ? "; allowing pre-releases gives a lock (--pre)" : "";
        out.push_back("a pre-release would satisfy it: " + what + tail);
      } else if (match.reason.rfind("requires_python", 0) == 0) {
        if (!seen.insert(element.package + "/python").second) continue;
        std::optional<std::string> python = solve ? other_python(element, match) : std::nullopt;
        std::string tail = python ? "; with Python " + *python + " a lock exists" : "";
        out.push_back("another Python would satisfy it: " + what + " but " + python_text(match.reason) + tail);
      } else if (seen.insert(element.package + "/" + match.reason).second) {
        out.push_back(what + " but is excluded: " + match.reason);
      }
    }
  }
  return out;
}

std::optional<Fix> FixSearch::prerelease_fix() {
  if (m_problem.allow_prereleases) return std::nullopt;
  bool any = false;
  for (const CoreElement& element : m_core)
    for (const ExcludedMatch& match : element.excluded) any |= match.reason == "pre-release";
  if (!any) return std::nullopt;
  encoder::Problem changed = m_problem;
  changed.allow_prereleases = true;
  if (!m_prereleases_help) m_prereleases_help = satisfiable(changed);
  if (!*m_prereleases_help) return std::nullopt;
  return Fix{{"allow pre-releases (`allow_prereleases = true` under [pipenv], or --pre)"}, direct_pins(changed)};
}

// A relaxed root keeps an upper bound just above the version the fix locks (`urllib3<1.25` becomes
// `urllib3<2.1` when the lock has urllib3 2.0.7), when that bound gives the same pins.
void FixSearch::bound_relaxations(encoder::Problem& fixed, const std::vector<std::size_t>& original, Fix& fix) {
  for (std::size_t i = 0, change = 0; i < fixed.roots.size(); ++i) {
    while (change < fix.changes.size() && fix.changes[change].rfind("relax ", 0) != 0) ++change;
    encoder::Root& root = fixed.roots[i];
    if (root.requirement == m_problem.roots[original[i]].requirement || change >= fix.changes.size()) continue;
    auto pinned = fix.pins.find(root.requirement.canonical_name());
    auto version = pinned == fix.pins.end() ? std::nullopt : std::optional(packaging::Version::parse(pinned->second));
    if (!version || !*version) continue;
    const auto& release = (*version)->release();
    std::string bound = release.size() >= 2 ? std::to_string(release[0]) + "." + std::to_string(release[1] + 1)
                                            : std::to_string(release[0] + 1);
    std::string text = root.requirement.specifier.to_string();
    auto specifier = packaging::SpecifierSet::parse(text + (text.empty() ? "" : ",") + "<" + bound);
    if (!specifier) continue;
    encoder::Problem bounded = fixed;
    bounded.roots[i].requirement.specifier = *specifier;
    if (direct_pins(bounded) != fix.pins) continue;
    fixed = bounded;
    std::string& line = fix.changes[change];
    line = line.substr(0, line.rfind(" to `")) + " to `" + fixed.roots[i].requirement.to_string() + "`";
    ++change;
  }
}

std::vector<Fix> FixSearch::root_fixes(std::size_t max) {
  // The request with a relaxed copy of every root that has an upper bound.
  encoder::Problem widened = m_problem;
  std::map<std::size_t, std::size_t> relaxed_of;
  for (std::size_t r = 0; r < m_problem.roots.size(); ++r) {
    auto relaxed = without_upper_bound(m_problem.roots[r].requirement);
    if (!relaxed) continue;
    relaxed_of[r] = widened.roots.size();
    widened.roots.push_back({*relaxed, m_problem.roots[r].section, m_problem.roots[r].origin});
  }
  encoder::Encoding encoding = encoder::encode(widened, m_source);
  std::set<std::size_t> active(encoding.universe.active_roots.begin(), encoding.universe.active_roots.end());
  sat::ObjectiveLevel changes{"changes to the Pipfile", {}};
  for (std::size_t r = 0; r < m_problem.roots.size(); ++r) {
    if (!active.count(r)) continue;
    auto relaxed = relaxed_of.find(r);
    changes.costs.push_back({~encoding.root_selectors[r], relaxed == relaxed_of.end() ? kDropCost : kRelaxCost});
    if (relaxed != relaxed_of.end()) changes.costs.push_back({~encoding.root_selectors[relaxed->second], kDropCost - kRelaxCost});
  }
  sat::Cnf cnf = encoding.cnf;
  std::vector<Fix> out;
  while (out.size() < max) {
    sat::MaxSatResult solved = sat::solve_lexicographic(cnf, std::vector<sat::ObjectiveLevel>{changes});
    m_sat_calls += solved.sat_calls;
    if (solved.status != sat::MaxSatStatus::Optimal || solved.levels.front().cost == 0) break;
    sat::Clause block;
    encoder::Problem fixed = m_problem;
    fixed.roots.clear();
    std::vector<std::size_t> original;  // per root of `fixed`: its index in the request
    Fix fix;
    for (std::size_t r = 0; r < m_problem.roots.size(); ++r) {
      sat::Lit keep = encoding.root_selectors[r];
      auto relaxed = relaxed_of.find(r);
      bool kept = !active.count(r) || model_value(solved.model, keep);
      bool relax = !kept && relaxed != relaxed_of.end() && model_value(solved.model, encoding.root_selectors[relaxed->second]);
      if (kept) {
        fixed.roots.push_back(m_problem.roots[r]);
        original.push_back(r);
        continue;
      }
      block.push_back(keep);
      if (relax) {
        fixed.roots.push_back(widened.roots[relaxed->second]);
        original.push_back(r);
        fix.changes.push_back("relax " + root_phrase(m_problem.roots[r]) + " to `" +
                              widened.roots[relaxed->second].requirement.to_string() + "`");
      } else {
        if (relaxed != relaxed_of.end()) block.back() = encoding.root_selectors[relaxed->second];
        fix.changes.push_back("drop " + root_phrase(m_problem.roots[r]));
      }
    }
    fix.pins = direct_pins(fixed);
    bound_relaxations(fixed, original, fix);
    out.push_back(std::move(fix));
    cnf.add_clause(block);
  }
  return out;
}

std::vector<Fix> FixSearch::fixes(std::size_t max) {
  std::vector<Fix> out = root_fixes(max);
  if (auto pre = prerelease_fix()) out.push_back(std::move(*pre));
  // Fewest changes first, then fewest drops (a relaxation keeps more of the request), then by text.
  auto key = [](const Fix& fix) {
    auto drops = std::count_if(fix.changes.begin(), fix.changes.end(), [](const std::string& c) { return c.rfind("drop ", 0) == 0; });
    return std::make_tuple(fix.changes.size(), drops, fix.changes);
  };
  std::sort(out.begin(), out.end(), [&](const Fix& a, const Fix& b) { return key(a) < key(b); });
  if (out.size() > max) out.resize(max);
  return out;
}

}  // namespace thoth::explain
