// The prescriptions of one advise run (internal to advise/): loads the units of the packages the
// universe reaches (to a fixpoint: a package a rule brings in has its own units loaded too),
// registers each unit once (should_include), compiles them into encoder::RuleHooks, runs the boots,
// and reads the final lock for wraps, justifications and stack_info.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "advise/advise.hpp"
#include "encoder/encoding.hpp"

namespace thoth::advise {

class PrescriptionSession {
 public:
  PrescriptionSession(const AdviseRequest& request, index::PackageSource& source);

  [[nodiscard]] bool active() const { return m_catalog != nullptr; }
  // Loads the units of every package the universe reaches and sets the problem's rule hooks; they
  // hold `keep_alive` (pass this session when it is shared, so the problem keeps it alive).
  void prepare(encoder::Problem& problem, std::shared_ptr<PrescriptionSession> keep_alive = nullptr);
  // Boots: stack_info, and the not_acceptable messages of the boots that run (their failure itself is
  // a forbidden condition of rules(), so explanations name the boot).
  std::vector<std::string> run_boots(const encoder::Problem& problem, PrescriptionReport& report);
  [[nodiscard]] double load_ms() const { return m_load_ms; }
  // Everything the units say about the final lock.
  void annotate(const encoder::Encoding& encoding, AdviseResult& result);

 private:
  struct Registered {
    const prescriptions::Unit* unit;
    std::string label;  // "thoth.Name (file:line)"
  };
  using Condition = encoder::Condition;

  void load_package(const std::string& name);
  void load_generic();
  void register_units(const std::vector<const prescriptions::Unit*>& units);
  bool is_registered(std::string_view section, std::string_view name);
  encoder::RuleHooks make_hooks(const std::shared_ptr<PrescriptionSession>& keep_alive);
  void add_scorecard_penalties(encoder::Problem& problem) const;

  bool index_ok(const prescriptions::PackageVersionMatch& match) const;
  bool develop_ok(const prescriptions::PackageVersionMatch& match, const std::string& package) const;
  bool usable(const prescriptions::PackageVersionMatch& match, const std::string& package) const;
  std::optional<encoder::VersionMatch> version_match(const prescriptions::PackageVersionMatch& match) const;
  std::optional<Condition> step_condition(const prescriptions::StepMatch& match, const std::string& package) const;
  std::optional<Condition> state_condition(const std::vector<prescriptions::PackageVersionMatch>& resolved) const;

  std::optional<std::string> exclude(std::string_view package, const index::Release& release);
  std::optional<encoder::SkipDecision> skip(std::string_view parent, const index::Release* release, std::string_view target);
  std::vector<encoder::Alternative> alternatives(std::string_view package);
  const std::vector<encoder::AddedRequirement>* added(std::string_view package, const index::Release& release);
  encoder::Rules rules(const encoder::Universe& universe);
  void add_step_rules(const Registered& r, const encoder::Universe& universe, encoder::Rules& out);
  void add_boot_rules(const Registered& r, const encoder::Universe& universe, encoder::Rules& out);

  // Reading the lock (prescribe_lock.cpp).
  bool holds(const encoder::VersionMatch& match, const AdviseResult& result) const;
  bool holds(const Condition& condition, const AdviseResult& result) const;
  bool all_present(const Condition& condition, const AdviseResult& result, const encoder::Universe& universe) const;
  void justify(const std::vector<prescriptions::Justification>& entries, const std::string& package,
               const Registered& r, AdviseResult& result);
  void info(const std::vector<prescriptions::StackInfo>& entries, const Registered& r, AdviseResult& result);
  void annotate_rules(const encoder::Encoding& encoding, AdviseResult& result);
  void annotate_wraps(AdviseResult& result);

  const AdviseRequest& m_request;
  index::PackageSource& m_source;
  std::shared_ptr<UnitCatalog> m_catalog;
  prescriptions::RequestFacts m_facts;
  std::string m_namespace;
  std::set<std::string> m_loaded_packages;
  bool m_generic_loaded = false;
  std::size_t m_units_loaded = 0;
  std::map<const prescriptions::Unit*, bool> m_decided;       // should_include, evaluated once
  std::set<const prescriptions::Unit*> m_deciding;            // cycle guard for dependencies
  std::multimap<std::string, const prescriptions::Unit*, std::less<>> m_by_name;  // all loaded units
  std::vector<Registered> m_registered;                        // load order
  std::map<std::string, std::vector<std::size_t>, std::less<>> m_by_target;  // package ("*" = any) -> m_registered
  std::set<std::string> m_develop;                             // packages named only in develop roots
  std::set<std::size_t> m_fired;                               // m_registered indices whose effect was used
  std::map<std::string, std::vector<encoder::AddedRequirement>, std::less<>> m_added;  // "name==version"
  std::map<std::string, std::vector<encoder::Alternative>, std::less<>> m_alternatives;
  double m_load_ms = 0;
};

}  // namespace thoth::advise
