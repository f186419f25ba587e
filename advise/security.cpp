// Advisories and scorecards in an advise run: the encoder's per-candidate facts, the advisories
// named when `security` finds no lock, and the advisory justifications of a lock
// (docs/recommendation-types.md lists the messages).
#include "advise/security.hpp"

#include <algorithm>

namespace thoth::advise {
namespace {

using env::RecommendationType;

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

const std::vector<std::string>* advisory_ids(const encoder::Problem& problem, const std::string& name,
                                             const std::string& version_text) {
  auto package = problem.advisories.find(name);
  if (package == problem.advisories.end()) return nullptr;
  auto ids = package->second.find(version_text);
  return ids == package->second.end() || ids->second.empty() ? nullptr : &ids->second;
}

bool weighs_advisories(RecommendationType type) {
  return type == RecommendationType::Stable || type == RecommendationType::Security ||
         type == RecommendationType::Performance;
}

Justification advisory_warning(const advisories::Advisory& advisory, const Pin& pin, const packaging::Version& version) {
  std::string message = pin.name + " " + pin.version + " has known advisory " + advisory.id;
  if (!advisory.aliases.empty()) message += " (" + join(advisory.aliases) + ")";
  if (std::string headline = advisory.headline(); !headline.empty()) {
    if (headline.back() == '.') headline.pop_back();
    message += ": " + headline;
  }
  std::string fixed = advisory.first_fixed(pin.name, version);
  message += fixed.empty() ? "; no fixed version is known" : "; first fixed in " + fixed;
  return {JustificationType::Warning, pin.name, std::move(message), advisory.link(), "advisories", {}, {}, {}, {}};
}

// Would some requirement on package `p` admit `version` but for the veto?
bool some_edge_admits(const encoder::Encoding& encoding, std::size_t p, const packaging::Version& version) {
  for (const encoder::Edge& edge : encoding.universe.edges)
    if (edge.target == p && edge.requirement->specifier.contains(version, true)) return true;
  return false;
}

// The newest version newer than the chosen one that has known advisories: a candidate the optimum
// passed over, or (under security) a vetoed release some requirement would have admitted. Empty
// when there is none.
std::string newer_vulnerable(const encoder::Problem& problem, const encoder::Encoding& encoding, std::size_t p,
                             std::size_t chosen, std::vector<std::string>& ids) {
  const encoder::PackageNode& node = encoding.universe.packages[p];
  for (std::size_t k = 0; k < chosen; ++k)
    if (const auto* found = advisory_ids(problem, node.name, node.candidates[k]->version_text)) {
      ids = *found;
      return node.candidates[k]->version_text;
    }
  const packaging::Version& version = node.candidates[chosen]->version;
  for (const encoder::Exclusion& excluded : node.excluded) {  // newest first, like the releases
    auto parsed = packaging::Version::parse(excluded.version);
    if (!parsed || !(*parsed > version) || !some_edge_admits(encoding, p, *parsed)) continue;
    if (const auto* found = advisory_ids(problem, node.name, excluded.version)) {
      ids = *found;
      return excluded.version;
    }
  }
  return "";
}

void pin_justifications(const AdviseRequest& request, const encoder::Encoding& encoding,
                        const encoder::Problem& problem, const Pin& pin, std::vector<Justification>& out) {
  auto found = encoding.universe.by_name.find(pin.name);
  if (found == encoding.universe.by_name.end()) return;
  const encoder::PackageNode& node = encoding.universe.packages[found->second];
  auto chosen = std::find_if(node.candidates.begin(), node.candidates.end(),
                             [&](const index::Release* release) { return release->version_text == pin.version; });
  if (chosen == node.candidates.end()) return;
  if (const auto* ids = advisory_ids(problem, pin.name, pin.version)) {
    for (const std::string& id : *ids)
      if (const advisories::Advisory* advisory = request.advisories->find(id))
        out.push_back(advisory_warning(*advisory, pin, (*chosen)->version));
    return;
  }
  if (!weighs_advisories(request.recommendation)) return;
  std::vector<std::string> newer_ids;
  std::string newer = newer_vulnerable(problem, encoding, found->second,
                                       static_cast<std::size_t>(chosen - node.candidates.begin()), newer_ids);
  if (newer.empty()) return;
  out.push_back({JustificationType::Info, pin.name,
                 pin.name + " " + pin.version + " has no known advisory; the " +
                     std::string(env::recommendation_type_name(request.recommendation)) +
                     " recommendation chose it over the newer " + newer + " (" + join(newer_ids) + ")",
                 "https://osv.dev/vulnerability/" + newer_ids.front(), "advisories", {}, {}, {}, {}});
}

}  // namespace

void add_security_facts(const AdviseRequest& request, index::PackageSource& source, encoder::Problem& problem) {
  problem.recommendation = request.recommendation;
  problem.candidate_scores = request.candidate_scores;
  if (request.scorecards != nullptr)
    for (const auto& [name, scorecard] : request.scorecards->all())
      problem.package_penalties[name] = advisories::scorecard_penalty(scorecard.score);
  if (request.advisories == nullptr) return;
  for (const std::string& name : request.advisories->package_names()) {
    const index::Project* project = source.find(name);
    if (project == nullptr) continue;
    for (const index::Release& release : project->releases) {
      std::vector<std::string> ids;
      for (const advisories::Advisory* advisory : request.advisories->affecting(name, release.version_text))
        ids.push_back(advisory->id);
      if (!ids.empty()) problem.advisories[name][release.version_text] = std::move(ids);
    }
  }
}

std::vector<std::string> vetoed_in_conflict(const encoder::Encoding& encoding) {
  std::vector<std::string> lines;
  std::vector<char> named(encoding.universe.packages.size(), 0);
  for (const encoder::Edge& edge : encoding.universe.edges) {
    if (!edge.admitted.empty() || named[edge.target]) continue;
    const encoder::PackageNode& node = encoding.universe.packages[edge.target];
    std::vector<std::string> vetoed;
    for (const encoder::Exclusion& excluded : node.excluded)
      if (excluded.reason.rfind("known advisory", 0) == 0 && edge.requirement->specifier.contains(
              packaging::Version::parse(excluded.version).value(), true))
        vetoed.push_back(excluded.version + " (" + excluded.reason.substr(15, excluded.reason.find(" (recommendation") - 15) + ")");
    if (vetoed.empty()) continue;
    named[edge.target] = 1;
    lines.push_back(node.name + ": every version `" + edge.requirement->to_string() +
                    "` admits has a known advisory (security vetoes them): " + join(vetoed, "; "));
  }
  return lines;
}

std::vector<Justification> security_justifications(const AdviseRequest& request, const encoder::Problem& problem,
                                                   const encoder::Encoding& encoding, const AdviseResult& result) {
  std::vector<Justification> out;
  if (request.advisories == nullptr) return out;
  for (const auto& [name, pin] : result.pins) pin_justifications(request, encoding, problem, pin, out);
  if (result.outcome == Outcome::Unsatisfiable)
    for (const std::string& line : vetoed_in_conflict(encoding))
      out.push_back({JustificationType::Error, line.substr(0, line.find(':')), line, "", "advisories", {}, {}, {}, {}});
  return out;
}

}  // namespace thoth::advise
