// What prescriptions say about the final lock: wraps and wrap.GHReleaseNotes whose state holds,
// justifications and stack_info of the rules that shaped the lock, advised manifest changes, the
// score, and the waived, substituted and added requirements (for the verifier and the report).
#include <algorithm>
#include <variant>

#include "advise/prescribe_session.hpp"
#include "packaging/version.hpp"

namespace thoth::advise {
namespace {

namespace pr = thoth::prescriptions;

std::string type_name(pr::MessageType type) { return std::string(pr::message_type_name(type)); }

JustificationType justification_type(pr::MessageType type) {
  switch (type) {
    case pr::MessageType::Info: return JustificationType::Info;
    case pr::MessageType::Warning: return JustificationType::Warning;
    case pr::MessageType::Error: return JustificationType::Error;
  }
  return JustificationType::Info;
}

}  // namespace

bool PrescriptionSession::holds(const encoder::VersionMatch& match, const AdviseResult& result) const {
  auto pin = result.pins.find(match.package);
  if (pin == result.pins.end()) return false;
  if (!match.specifier) return true;
  auto version = packaging::Version::parse(pin->second.version);
  return version && match.specifier->contains(*version, true);
}

bool PrescriptionSession::holds(const Condition& condition, const AdviseResult& result) const {
  for (const auto& atom : condition.installed)
    if (!holds(atom, result)) return false;
  if (condition.introduced_by.empty()) return true;
  return std::any_of(condition.introduced_by.begin(), condition.introduced_by.end(), [&](const encoder::IntroducedBy& by) {
    bool from_listed = false, from_other = false;
    for (const GraphEdge& edge : result.graph) {
      if (edge.to != by.package) continue;
      bool listed = edge.from == by.parent.package;
      if (listed && by.parent.specifier) {
        auto version = packaging::Version::parse(edge.from_version);
        listed = version && by.parent.specifier->contains(*version, true);
      }
      (listed ? from_listed : from_other) = true;
    }
    return from_listed && (by.allow_other || !from_other);
  });
}

// Every package the condition names is in the lock (at whatever version) and had a candidate the
// condition matches: the rule may have steered this lock.
bool PrescriptionSession::all_present(const Condition& condition, const AdviseResult& result,
                                      const encoder::Universe& universe) const {
  return std::all_of(condition.installed.begin(), condition.installed.end(), [&](const auto& atom) {
    auto node = universe.by_name.find(atom.package);
    if (result.pins.count(atom.package) == 0 || node == universe.by_name.end()) return false;
    const auto& candidates = universe.packages[node->second].candidates;
    return std::any_of(candidates.begin(), candidates.end(), [&](const auto* r) { return atom.matches(*r); });
  });
}

void PrescriptionSession::justify(const std::vector<pr::Justification>& entries, const std::string& package,
                                  const Registered& r, AdviseResult& result) {
  for (const pr::Justification& j : entries) {
    Justification out;
    out.type = justification_type(j.type);
    out.package = j.package_name.value_or(package);
    out.message = j.message;
    out.link = j.link;
    out.source = "prescription " + r.label;
    if (j.version_range) out.version_range = j.version_range->to_string();
    out.advisory = j.advisory.value_or("");
    out.cve_id = j.cve_id.value_or("");
    out.cve_name = j.cve_name.value_or("");
    result.justifications.push_back(std::move(out));
  }
}

void PrescriptionSession::info(const std::vector<pr::StackInfo>& entries, const Registered& r, AdviseResult& result) {
  for (const pr::StackInfo& s : entries)
    result.prescriptions.stack_info.push_back({type_name(s.type), s.message, s.link, "prescription " + r.label});
}

// Steps, groups and strides: a scored or justified condition that holds, a not_acceptable one whose
// packages are all in the lock (it steered their versions); sieves and SkipPackage that removed
// something; pseudonyms whose alternative was chosen; AddPackage requirements in force.
void PrescriptionSession::annotate_rules(const encoder::Encoding& encoding, AdviseResult& result) {
  for (std::size_t i = 0; i < m_registered.size(); ++i) {
    const Registered& r = m_registered[i];
    if (const auto* step = std::get_if<pr::StepUnit>(r.unit)) {
      for (const pr::StepMatch& m : step->match) {
        std::vector<std::string> packages;
        if (m.package_version.name) packages.push_back(*m.package_version.name);
        else for (const auto& [name, pin] : result.pins) packages.push_back(name);
        for (const std::string& package : packages) {
          auto condition = step_condition(m, package);
          if (!condition) continue;
          if (step->run.not_acceptable && holds(*condition, result)) result.prescriptions.violated.push_back(r.label);
          bool shown = step->run.not_acceptable ? all_present(*condition, result, encoding.universe) : holds(*condition, result);
          if (!shown) continue;
          if (step->run.score && !step->run.not_acceptable) result.prescriptions.score += std::clamp(*step->run.score, -1.0, 1.0);
          justify(step->run.justification, package, r, result);
          info(step->run.stack_info, r, result);
        }
      }
    } else if (const auto* group = std::get_if<pr::GroupStepUnit>(r.unit)) {
      for (const auto& members : group->groups) {
        auto condition = state_condition(members);
        if (!condition) continue;
        if (group->run.not_acceptable && holds(*condition, result)) result.prescriptions.violated.push_back(r.label);
        bool shown = group->run.not_acceptable ? all_present(*condition, result, encoding.universe) : holds(*condition, result);
        if (!shown) continue;
        if (group->run.score && !group->run.not_acceptable) result.prescriptions.score += std::clamp(*group->run.score, -1.0, 1.0);
        justify(group->run.justification, members.front().name.value_or(""), r, result);
        info(group->run.stack_info, r, result);
      }
    } else if (const auto* stride = std::get_if<pr::StrideUnit>(r.unit)) {
      for (const pr::StateMatch& state : stride->match) {
        auto condition = state_condition(state.resolved_dependencies);
        if (condition && stride->run.not_acceptable && holds(*condition, result)) result.prescriptions.violated.push_back(r.label);
        if (condition && all_present(*condition, result, encoding.universe)) info(stride->run.stack_info, r, result);
      }
    } else if (m_fired.count(i) > 0) {
      std::visit([&](const auto& u) {
        using T = std::decay_t<decltype(u)>;
        if constexpr (std::is_same_v<T, pr::SieveUnit> || std::is_same_v<T, pr::SkipPackageSieveUnit> ||
                      std::is_same_v<T, pr::SkipPackageStepUnit>)
          info(u.run.stack_info, r, result);
      }, *r.unit);
    }
  }
  // Pseudonyms, waivers and added requirements, read from the edges in force.
  for (const encoder::Edge& edge : encoding.universe.edges) {
    bool parent_in_lock = edge.parent_package == encoder::kRootParent;
    std::string parent;
    if (!parent_in_lock) {
      const auto& node = encoding.universe.packages[edge.parent_package];
      const std::string& version = node.candidates[edge.parent_candidate]->version_text;
      auto pin = result.pins.find(node.name);
      parent_in_lock = pin != result.pins.end() && pin->second.version == version;
      parent = node.name + "==" + version;
    }
    if (!parent_in_lock) continue;
    const std::string& target = encoding.universe.packages[edge.target].name;
    for (const auto& alternative : edge.alternatives) {
      const std::string& name = encoding.universe.packages[alternative.target].name;
      if (result.pins.count(name) == 0 || result.pins.count(target) > 0) continue;
      result.prescriptions.substitutes[target].insert(name);
      for (const Registered& r : m_registered)
        if (r.label == alternative.rule)
          if (const auto* p = std::get_if<pr::PseudonymUnit>(r.unit)) info(p->run.stack_info, r, result);
    }
    if (edge.waived_when && holds(*edge.waived_when, result))
      result.prescriptions.waived.push_back({parent, target, edge.rule});
    if (!edge.rule.empty() && !edge.waived_when && (!edge.only_when || holds(*edge.only_when, result))) {
      result.prescriptions.added.push_back({parent, edge.requirement->to_string(), edge.rule});
      for (const Registered& r : m_registered)
        if (r.label == edge.rule)
          if (const auto* a = std::get_if<pr::AddPackageStepUnit>(r.unit)) info(a->run.stack_info, r, result);
    }
  }
  for (const encoder::SkippedRequirement& skipped : encoding.universe.skipped) {
    std::string parent = skipped.parent;
    if (auto space = parent.find(' '); space != std::string::npos) parent.replace(space, 1, "==");
    result.prescriptions.waived.push_back({parent, skipped.target, skipped.rule});
  }
}

// Wraps: their state holds in the lock (no state: always).
void PrescriptionSession::annotate_wraps(AdviseResult& result) {
  for (const Registered& r : m_registered) {
    if (const auto* wrap = std::get_if<pr::WrapUnit>(r.unit)) {
      std::string package;
      bool any = wrap->match.empty();
      for (const pr::StateMatch& state : wrap->match) {
        auto condition = state_condition(state.resolved_dependencies);
        if (!condition || !holds(*condition, result)) continue;
        any = true;
        if (!condition->installed.empty()) package = condition->installed.front().package;
        break;
      }
      if (!any) continue;
      justify(wrap->run.justification, package, r, result);
      info(wrap->run.stack_info, r, result);
      for (const pr::ManifestChange& change : wrap->run.advised_manifest_changes)
        result.prescriptions.manifest_changes.push_back({change.api_version, change.kind, change.patch, "prescription " + r.label});
    } else if (const auto* notes = std::get_if<pr::GHReleaseNotesWrapUnit>(r.unit)) {
      for (const pr::PackageVersionMatch& m : notes->match) {
        auto match = version_match(m);
        if (!match || !holds(*match, result)) continue;
        const std::string& version = result.pins.at(match->package).version;
        const pr::ReleaseNotes& rn = notes->release_notes;
        result.justifications.push_back({JustificationType::Info, match->package, "Release notes for package '" + match->package + "'",
                                         "https://github.com/" + rn.organization + "/" + rn.repository +
                                             "/releases/tag/" + rn.tag_version_prefix.value_or("") + version,
                                         "prescription " + r.label, "", "", "", ""});
        break;
      }
    }
  }
}

void PrescriptionSession::annotate(const encoder::Encoding& encoding, AdviseResult& result) {
  if (!active()) return;
  PrescriptionReport& report = result.prescriptions;
  report.active = true;
  report.units_loaded = m_units_loaded;
  report.units_registered = m_registered.size();
  report.load_ms = m_load_ms;
  if (result.outcome == Outcome::Locked) {
    annotate_rules(encoding, result);
    annotate_wraps(result);
  }
  // A rule named in the conflict shows its stack_info (why the lock cannot exist).
  for (const Registered& r : m_registered)
    for (const std::string& line : result.conflict)
      if (line.find(r.label) != std::string::npos) {
        std::visit([&](const auto& u) {
          if constexpr (requires { u.run.stack_info; }) info(u.run.stack_info, r, result);
        }, *r.unit);
        break;
      }
  std::sort(result.justifications.begin(), result.justifications.end(), justification_less);
  result.justifications.erase(std::unique(result.justifications.begin(), result.justifications.end()),
                              result.justifications.end());
  auto same_info = [](const StackInfoEntry& a, const StackInfoEntry& b) {
    return a.type == b.type && a.message == b.message && a.link == b.link && a.source == b.source;
  };
  std::vector<StackInfoEntry> unique;
  for (auto& entry : report.stack_info)
    if (std::none_of(unique.begin(), unique.end(), [&](const auto& u) { return same_info(u, entry); }))
      unique.push_back(std::move(entry));
  report.stack_info = std::move(unique);
}

nlohmann::json prescription_report_to_json(const PrescriptionReport& report) {
  nlohmann::json stack_info = nlohmann::json::array(), changes = nlohmann::json::array(),
                 waived = nlohmann::json::array(), added = nlohmann::json::array();
  for (const auto& s : report.stack_info)
    stack_info.push_back({{"type", s.type}, {"message", s.message}, {"link", s.link}, {"source", s.source}});
  for (const auto& c : report.manifest_changes)
    changes.push_back({{"apiVersion", c.api_version}, {"kind", c.kind}, {"patch", c.patch}, {"source", c.source}});
  for (const auto& w : report.waived)
    waived.push_back({{"parent", w.parent}, {"target", w.target}, {"rule", w.rule}});
  for (const auto& a : report.added)
    added.push_back({{"parent", a.parent}, {"requirement", a.requirement}, {"rule", a.rule}});
  return {{"active", report.active}, {"units_loaded", report.units_loaded},
          {"units_registered", report.units_registered}, {"stack_info", stack_info},
          {"advised_manifest_changes", changes}, {"rejected", report.rejected}, {"waived", waived},
          {"substitutes", report.substitutes}, {"added", added}, {"score", report.score}, {"violated", report.violated}};
}

}  // namespace thoth::advise
