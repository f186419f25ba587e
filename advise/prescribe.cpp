// Prescriptions before and during encoding: the unit catalog, registration (should_include once per
// unit), the boots, and the compilation of units into encoder::RuleHooks. docs/prescriptions.md
// ("Meaning in an advise") gives each unit type's meaning; docs/encoding.md §6 the clauses.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <variant>

#include "advise/prescribe_session.hpp"
#include "base/error.hpp"
#include "packaging/name.hpp"

namespace thoth::advise {
namespace {

namespace pr = thoth::prescriptions;
using Clock = std::chrono::steady_clock;

// A wrap from the repository's OSSF Scorecard files (scorecards_<check>.yaml, units named
// <Check><Package>ScoreCardsWrap).
bool is_scorecard_wrap(const pr::UnitHeader& header) {
  std::string file = std::filesystem::path(header.source.file).filename().string();
  return file.rfind("scorecards_", 0) == 0 ||
         (header.name.size() > 14 && header.name.compare(header.name.size() - 14, 14, "ScoreCardsWrap") == 0);
}

std::string without_slash(std::string_view url) {
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url);
}

}  // namespace

// ---- UnitCatalog ---------------------------------------------------------------------------------

std::shared_ptr<UnitCatalog> UnitCatalog::open(const std::vector<std::filesystem::path>& dirs) {
  auto catalog = std::make_shared<UnitCatalog>();
  catalog->m_store = pr::PrescriptionStore::open(dirs);
  return catalog;
}

std::shared_ptr<UnitCatalog> UnitCatalog::from_units(std::vector<pr::Unit> units) {
  auto catalog = std::make_shared<UnitCatalog>();
  catalog->m_inline = std::move(units);
  return catalog;
}

void UnitCatalog::add_units(std::vector<pr::Unit> units) {
  for (auto& unit : units) m_inline.push_back(std::move(unit));
}

const std::vector<pr::Unit>& UnitCatalog::package_units(std::string_view name) {
  static const std::vector<pr::Unit> kNone;
  return m_store ? m_store->units_for_package(name) : kNone;
}

std::vector<const pr::Unit*> UnitCatalog::generic_units() {
  std::vector<const pr::Unit*> units;
  if (m_store)
    for (const pr::Unit& unit : m_store->generic_units()) units.push_back(&unit);
  for (const pr::Unit& unit : m_inline) units.push_back(&unit);
  return units;
}

std::string UnitCatalog::namespace_name() const {
  if (m_store && !m_store->metadata().empty()) return m_store->metadata().front().name;
  return "thoth";
}

std::vector<pr::Diagnostic> UnitCatalog::errors() const {
  return m_store ? m_store->errors() : std::vector<pr::Diagnostic>{};
}

// The prescription language's name for the request's recommendation type (the same five words).
static pr::RecommendationType language_type(env::RecommendationType type) {
  for (std::size_t i = 0; i < pr::kRecommendationTypeCount; ++i) {
    auto candidate = static_cast<pr::RecommendationType>(i);
    if (pr::recommendation_type_name(candidate) == env::recommendation_type_name(type)) return candidate;
  }
  return pr::RecommendationType::Stable;
}

// ---- Registration --------------------------------------------------------------------------------

PrescriptionSession::PrescriptionSession(const AdviseRequest& request, index::PackageSource& source)
    : m_request(request), m_source(source), m_catalog(request.prescriptions.catalog) {
  if (!m_catalog) return;  // no prescriptions: the facts below only decide which units register
  m_facts = request.prescriptions.facts;
  m_facts.target = request.environment;
  m_facts.recommendation_type = language_type(request.recommendation);
  m_namespace = m_catalog->namespace_name();
  std::map<std::string, std::set<std::string>> sections;
  for (const RootRequirement& root : request.roots) sections[root.requirement.canonical_name()].insert(root.section);
  for (const auto& [name, in] : sections)
    if (in == std::set<std::string>{"develop"}) m_develop.insert(name);
}

void PrescriptionSession::register_units(const std::vector<const pr::Unit*>& units) {
  for (const pr::Unit* unit : units) m_by_name.emplace(pr::header(*unit).name, unit);
  m_units_loaded += units.size();
  for (const pr::Unit* unit : units) {
    if (!is_registered(pr::section_name(pr::section_of(pr::unit_type(*unit))), pr::header(*unit).name)) continue;
    const pr::UnitHeader& header = pr::header(*unit);
    std::string label = m_namespace + "." + header.name + " (" + header.source.file + ":" +
                        std::to_string(header.source.line) + ")";
    std::size_t index = m_registered.size();
    m_registered.push_back({unit, std::move(label)});
    std::set<std::string> targets;
    auto add_target = [&](const std::optional<std::string>& name) { targets.insert(name ? *name : "*"); };
    std::visit(
        [&](const auto& u) {
          using T = std::decay_t<decltype(u)>;
          if constexpr (std::is_same_v<T, pr::SieveUnit> || std::is_same_v<T, pr::PseudonymUnit>) {
            for (const auto& m : u.match) add_target(m.name);
          } else if constexpr (std::is_same_v<T, pr::SkipPackageSieveUnit>) {
            for (const auto& name : u.package_names) targets.insert(name);
          } else if constexpr (std::is_same_v<T, pr::SkipPackageStepUnit> || std::is_same_v<T, pr::AddPackageStepUnit>) {
            for (const auto& m : u.match) add_target(m.package_version.name);
          }
        },
        *unit);
    for (const std::string& target : targets) m_by_target[target].push_back(index);
  }
}

// A unit name (bare or `<namespace>.<name>`) that is loaded and whose should_include holds.
bool PrescriptionSession::is_registered(std::string_view section, std::string_view name) {
  std::string prefix = m_namespace + ".";
  if (name.starts_with(prefix)) name.remove_prefix(prefix.size());
  auto [first, last] = m_by_name.equal_range(name);
  for (auto it = first; it != last; ++it) {
    const pr::Unit* unit = it->second;
    if (pr::section_name(pr::section_of(pr::unit_type(*unit))) != section) continue;
    if (auto decided = m_decided.find(unit); decided != m_decided.end()) {
      if (decided->second) return true;
      continue;
    }
    if (!m_deciding.insert(unit).second) continue;  // a dependency cycle never registers
    bool included = pr::should_include(pr::header(*unit).should_include, m_facts,
                                       [this](std::string_view s, std::string_view n) { return is_registered(s, n); });
    m_deciding.erase(unit);
    m_decided[unit] = included;
    if (included) return true;
  }
  return false;
}

void PrescriptionSession::load_package(const std::string& name) {
  if (!m_loaded_packages.insert(name).second) return;
  std::vector<const pr::Unit*> units;
  for (const pr::Unit& unit : m_catalog->package_units(name)) units.push_back(&unit);
  register_units(units);
}

void PrescriptionSession::load_generic() {
  if (m_generic_loaded) return;
  m_generic_loaded = true;
  register_units(m_catalog->generic_units());
}

void PrescriptionSession::prepare(encoder::Problem& problem, std::shared_ptr<PrescriptionSession> keep_alive) {
  if (!active()) return;
  auto start = Clock::now();
  load_generic();
  for (const RootRequirement& root : m_request.roots) load_package(root.requirement.canonical_name());
  problem.rules = make_hooks(std::move(keep_alive));
  // Fixpoint: a package reached only through a rule (or only once other units are known) gets its
  // own units before the final universe is built.
  for (;;) {
    std::size_t before = m_loaded_packages.size();
    encoder::Universe universe = encoder::build_universe(problem, m_source);
    for (const encoder::PackageNode& node : universe.packages) load_package(node.name);
    if (m_loaded_packages.size() == before) break;
  }
  auto errors = m_catalog->errors();
  if (!errors.empty()) {
    Error first = errors.front().to_error();
    throw InputError(first.message, first.location, "run `thoth prescriptions validate` on the folder");
  }
  add_scorecard_penalties(problem);
  m_load_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The repository's `scorecards_<check>.yaml` wraps are OSSF Scorecard checks, one per package: a
// WARNING justification means the package fails the check (INFO: it passes). Each failed check costs
// the package kScorecardCheckPenalty at the scorecard-penalty level of the objective, which only the
// `security` type minimises (encoder/objective.cpp); 17 failed checks weigh like a Scorecard score of
// 0 from the Scorecard data (advisories::scorecard_penalty, 100), and the two add up.
void PrescriptionSession::add_scorecard_penalties(encoder::Problem& problem) const {
  constexpr std::uint64_t kScorecardCheckPenalty = 6;
  for (const Registered& r : m_registered) {
    const auto* wrap = std::get_if<pr::WrapUnit>(r.unit);
    if (wrap == nullptr || !is_scorecard_wrap(wrap->header)) continue;
    bool failed = std::any_of(wrap->run.justification.begin(), wrap->run.justification.end(),
                              [](const pr::Justification& j) { return j.type == pr::MessageType::Warning; });
    if (!failed) continue;
    for (const pr::StateMatch& state : wrap->match)
      for (const pr::PackageVersionMatch& dependency : state.resolved_dependencies)
        if (dependency.name && !dependency.version) problem.package_penalties[*dependency.name] += kScorecardCheckPenalty;
  }
}

std::vector<std::string> PrescriptionSession::run_boots(const encoder::Problem& problem, PrescriptionReport& report) {
  std::vector<std::string> rejections;
  if (!active()) return rejections;
  std::set<std::string> direct;
  for (const auto& root : problem.roots) direct.insert(root.requirement.canonical_name());
  for (const Registered& r : m_registered) {
    const auto* boot = std::get_if<pr::BootUnit>(r.unit);
    if (boot == nullptr) continue;
    bool runs = boot->match.empty();
    for (const pr::BootMatch& m : boot->match) runs = runs || (m.package_name ? direct.count(*m.package_name) > 0 : !direct.empty());
    if (!runs) continue;
    for (const pr::StackInfo& s : boot->run.stack_info)
      report.stack_info.push_back({std::string(pr::message_type_name(s.type)), s.message, s.link, "prescription " + r.label});
    if (boot->run.not_acceptable) rejections.push_back("boot " + r.label + ": " + *boot->run.not_acceptable);
    if (boot->run.eager_stop_pipeline) rejections.push_back("boot " + r.label + " stops the pipeline: " + *boot->run.eager_stop_pipeline);
  }
  report.rejected = rejections;
  return rejections;
}

// ---- Matching ------------------------------------------------------------------------------------

bool PrescriptionSession::index_ok(const pr::PackageVersionMatch& match) const {
  if (!match.index_url) return true;
  bool same = without_slash(match.index_url->url) == without_slash(m_request.prescriptions.index_url);
  return match.index_url->negated ? !same : same;
}

bool PrescriptionSession::develop_ok(const pr::PackageVersionMatch& match, const std::string& package) const {
  return !match.develop || *match.develop == (m_develop.count(package) > 0);
}

bool PrescriptionSession::usable(const pr::PackageVersionMatch& match, const std::string& package) const {
  return (!match.name || *match.name == package) && index_ok(match) && develop_ok(match, package);
}

std::optional<encoder::VersionMatch> PrescriptionSession::version_match(const pr::PackageVersionMatch& match) const {
  if (!match.name || !usable(match, *match.name)) return std::nullopt;
  return encoder::VersionMatch{*match.name, match.version};
}

// resolved_dependencies as installed atoms; nullopt when one can never hold (another index).
std::optional<encoder::Condition> PrescriptionSession::state_condition(
    const std::vector<pr::PackageVersionMatch>& resolved) const {
  Condition condition;
  for (const auto& dependency : resolved) {
    auto match = version_match(dependency);
    if (!match) return std::nullopt;
    condition.installed.push_back(std::move(*match));
  }
  return condition;
}

// The condition of a step's match entry for `package`: it is installed at a matching version, the
// state's resolved_dependencies are, and (package_version_from) one of the listed parents requires it.
std::optional<encoder::Condition> PrescriptionSession::step_condition(const pr::StepMatch& match,
                                                                      const std::string& package) const {
  if (!usable(match.package_version, package)) return std::nullopt;
  Condition condition;
  condition.installed.push_back({package, match.package_version.version});
  if (!match.state) return condition;
  auto state = state_condition(match.state->resolved_dependencies);
  if (!state) return std::nullopt;
  for (auto& atom : state->installed) condition.installed.push_back(std::move(atom));
  for (const auto& from : match.state->package_version_from) {
    auto parent = version_match(from);
    if (parent) condition.introduced_by.push_back({*parent, package, match.state->package_version_from_allow_other});
  }
  if (!match.state->package_version_from.empty() && condition.introduced_by.empty()) return std::nullopt;
  return condition;
}

// ---- Hooks ---------------------------------------------------------------------------------------

// Each hook holds `keep_alive` (this session, when shared), so a problem outlives its caller's handle.
encoder::RuleHooks PrescriptionSession::make_hooks(const std::shared_ptr<PrescriptionSession>& keep_alive) {
  encoder::RuleHooks hooks;
  hooks.exclude = [this, keep_alive](std::string_view p, const index::Release& r) { return exclude(p, r); };
  hooks.skip = [this, keep_alive](std::string_view parent, const index::Release* r, std::string_view t) {
    return skip(parent, r, t);
  };
  hooks.alternatives = [this, keep_alive](std::string_view p) { return alternatives(p); };
  hooks.added_requirements = [this, keep_alive](std::string_view p, const index::Release& r) { return added(p, r); };
  hooks.rules = [this, keep_alive](const encoder::Universe& u) { return rules(u); };
  return hooks;
}

std::optional<std::string> PrescriptionSession::exclude(std::string_view package, const index::Release& release) {
  std::string name(package);
  for (const char* key : {name.c_str(), "*"}) {
    auto bucket = m_by_target.find(std::string_view(key));
    if (bucket == m_by_target.end()) continue;
    for (std::size_t i : bucket->second) {
      const auto* sieve = std::get_if<pr::SieveUnit>(m_registered[i].unit);
      if (sieve == nullptr) continue;
      for (const pr::PackageVersionMatch& m : sieve->match) {
        if (!usable(m, name) || (m.version && !m.version->contains(release.version, true))) continue;
        m_fired.insert(i);
        return "sieve " + m_registered[i].label;
      }
    }
  }
  return std::nullopt;
}

std::optional<encoder::SkipDecision> PrescriptionSession::skip(std::string_view parent, const index::Release* release,
                                                                std::string_view target) {
  std::string name(target);
  for (const char* key : {name.c_str(), "*"}) {
    auto bucket = m_by_target.find(std::string_view(key));
    if (bucket == m_by_target.end()) continue;
    for (std::size_t i : bucket->second) {
      const Registered& r = m_registered[i];
      if (std::holds_alternative<pr::SkipPackageSieveUnit>(*r.unit)) {
        m_fired.insert(i);
        return encoder::SkipDecision{"sieve.SkipPackage " + r.label, {}, std::nullopt};
      }
      const auto* step = std::get_if<pr::SkipPackageStepUnit>(r.unit);
      if (step == nullptr) continue;
      for (const pr::StepMatch& m : step->match) {
        auto condition = step_condition(m, name);
        if (!condition) continue;
        if (!condition->introduced_by.empty()) {  // decided here: this edge's parent must be listed
          bool listed = false;
          for (const auto& by : condition->introduced_by)
            listed = listed || (release != nullptr && by.parent.package == parent && by.parent.matches(*release));
          if (!listed) continue;
          condition->introduced_by.clear();
        }
        condition->installed.erase(condition->installed.begin());  // the target itself: target_versions
        m_fired.insert(i);
        return encoder::SkipDecision{"step.SkipPackage " + r.label, *condition, m.package_version.version};
      }
    }
  }
  return std::nullopt;
}

std::vector<encoder::Alternative> PrescriptionSession::alternatives(std::string_view package) {
  std::vector<encoder::Alternative> found;
  auto bucket = m_by_target.find(package);
  if (bucket == m_by_target.end()) return found;
  for (std::size_t i : bucket->second) {
    const auto* pseudonym = std::get_if<pr::PseudonymUnit>(m_registered[i].unit);
    if (pseudonym == nullptr) continue;
    const pr::LockedPackageVersion& yielded = pseudonym->run.yielded;
    if (yielded.index_url && without_slash(*yielded.index_url) != without_slash(m_request.prescriptions.index_url)) continue;
    for (const pr::PackageVersionMatch& m : pseudonym->match) {
      if (!usable(m, std::string(package))) continue;
      encoder::Alternative alternative{m.version, yielded.name, encoder::Alternative::Versions::Any, "", m_registered[i].label};
      if (pseudonym->run.yield_matched_version) alternative.versions = encoder::Alternative::Versions::SameAsMatched;
      if (yielded.locked_version) {
        alternative.versions = encoder::Alternative::Versions::Locked;
        std::string_view locked = *yielded.locked_version;
        while (!locked.empty() && locked.front() == '=') locked.remove_prefix(1);
        alternative.locked_version = std::string(locked);
      }
      found.push_back(std::move(alternative));
    }
  }
  return found;
}

const std::vector<encoder::AddedRequirement>* PrescriptionSession::added(std::string_view package,
                                                                         const index::Release& release) {
  std::string key = std::string(package) + "==" + release.version_text;
  if (auto cached = m_added.find(key); cached != m_added.end()) return &cached->second;
  std::vector<encoder::AddedRequirement> requirements;
  auto bucket = m_by_target.find(package);
  for (std::size_t i : bucket == m_by_target.end() ? std::vector<std::size_t>{} : bucket->second) {
    const auto* add = std::get_if<pr::AddPackageStepUnit>(m_registered[i].unit);
    if (add == nullptr) continue;
    const pr::LockedPackageVersion& pv = add->run.package_version;
    if (pv.index_url && without_slash(*pv.index_url) != without_slash(m_request.prescriptions.index_url)) continue;
    for (const pr::StepMatch& m : add->match) {
      auto condition = step_condition(m, std::string(package));
      if (!condition || !condition->installed.front().matches(release)) continue;
      condition->installed.erase(condition->installed.begin());  // this release is the parent
      auto requirement = packaging::Requirement::parse(pv.name + pv.locked_version.value_or(""));
      if (!requirement) continue;
      requirements.push_back({*requirement, *condition, m_registered[i].label});
    }
  }
  return &m_added.emplace(key, std::move(requirements)).first->second;
}

void PrescriptionSession::add_step_rules(const Registered& r, const encoder::Universe& universe, encoder::Rules& out) {
  auto emit = [&](const Condition& condition, const std::optional<std::string>& not_acceptable,
                  const std::optional<double>& score) {
    if (not_acceptable) out.forbidden.push_back({condition, r.label, *not_acceptable});
    if (score) out.scored.push_back({condition, *score, r.label});
  };
  if (const auto* step = std::get_if<pr::StepUnit>(r.unit)) {
    for (const pr::StepMatch& m : step->match) {
      std::vector<std::string> packages;
      if (m.package_version.name) packages.push_back(*m.package_version.name);
      else for (const auto& node : universe.packages) packages.push_back(node.name);
      for (const std::string& package : packages)
        if (auto condition = step_condition(m, package)) emit(*condition, step->run.not_acceptable, step->run.score);
    }
  } else if (const auto* group = std::get_if<pr::GroupStepUnit>(r.unit)) {
    for (const auto& members : group->groups)
      if (auto condition = state_condition(members)) emit(*condition, group->run.not_acceptable, group->run.score);
  } else if (const auto* stride = std::get_if<pr::StrideUnit>(r.unit)) {
    for (const pr::StateMatch& state : stride->match)
      if (auto condition = state_condition(state.resolved_dependencies)) emit(*condition, stride->run.not_acceptable, std::nullopt);
  }
}

// A boot runs when its package is a direct dependency (any direct dependency without package_name,
// always without match); its not_acceptable (or eager_stop_pipeline) fails the advise. As a clause:
// the matched direct package is never installed, which no lock enforcing that root satisfies, so the
// minimal core of the failure names the boot (docs/encoding.md §6).
void PrescriptionSession::add_boot_rules(const Registered& r, const encoder::Universe& universe, encoder::Rules& out) {
  const auto* boot = std::get_if<pr::BootUnit>(r.unit);
  if (boot == nullptr) return;
  std::optional<std::string> message = boot->run.not_acceptable;
  if (!message && boot->run.eager_stop_pipeline) message = "stops the pipeline: " + *boot->run.eager_stop_pipeline;
  if (!message) return;
  std::set<std::string> packages;
  for (const encoder::PackageNode& node : universe.packages) {
    if (!node.direct) continue;
    bool runs = boot->match.empty();
    for (const pr::BootMatch& m : boot->match) runs = runs || !m.package_name || *m.package_name == node.name;
    if (runs) packages.insert(node.name);
  }
  for (const std::string& package : packages)
    out.forbidden.push_back({Condition{{encoder::VersionMatch{package, std::nullopt}}, {}}, "boot " + r.label, *message});
}

encoder::Rules PrescriptionSession::rules(const encoder::Universe& universe) {
  encoder::Rules out;
  for (const Registered& r : m_registered) {
    add_step_rules(r, universe, out);
    add_boot_rules(r, universe, out);
  }
  return out;
}

}  // namespace thoth::advise
