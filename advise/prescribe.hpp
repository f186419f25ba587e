// Thoth prescriptions in an advise run: which units register (should_include, once per unit), what
// they mean for the encoding (encoder::RuleHooks: sieves, SkipPackage, pseudonyms, AddPackage, step
// and group not_acceptable and score, stride not_acceptable), and what they say about the final lock
// (boots, wraps, GHReleaseNotes, justifications, stack_info, advised manifest changes).
// docs/prescriptions.md ("Meaning in an advise") and docs/encoding.md §6 describe each unit type.
//
//   AdviseRequest request;  request.prescriptions.catalog = UnitCatalog::open({"thoth-prescriptions"});
//   request.prescriptions.facts.labels["team"] = "ai";
//   AdviseResult result = advise(request, index);   // result.justifications, result.prescriptions
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "prescriptions/loader.hpp"
#include "prescriptions/registration.hpp"

namespace thoth::advise {

// Where units come from: prescription folders (lazy, per package) and units given inline (fixtures).
class UnitCatalog {
 public:
  // Throws InputError when a folder does not exist.
  [[nodiscard]] static std::shared_ptr<UnitCatalog> open(const std::vector<std::filesystem::path>& dirs);
  // Inline units apply to every package, like those of the `_*` folders.
  [[nodiscard]] static std::shared_ptr<UnitCatalog> from_units(std::vector<prescriptions::Unit> units);

  void add_units(std::vector<prescriptions::Unit> units);
  [[nodiscard]] const std::vector<prescriptions::Unit>& package_units(std::string_view name);
  [[nodiscard]] std::vector<const prescriptions::Unit*> generic_units();
  // The namespace units are referred to by: the metadata file's name, else "thoth".
  [[nodiscard]] std::string namespace_name() const;
  [[nodiscard]] std::vector<prescriptions::Diagnostic> errors() const;

 private:
  std::optional<prescriptions::PrescriptionStore> m_store;
  std::vector<prescriptions::Unit> m_inline;
};

struct PrescriptionRequest {
  std::shared_ptr<UnitCatalog> catalog;  // null: no prescriptions
  prescriptions::RequestFacts facts;     // facts.target and facts.recommendation_type are replaced by the request's
  std::string index_url = "https://pypi.org/simple";  // the index every candidate comes from
};

struct StackInfoEntry {
  std::string type;  // INFO | WARNING | ERROR
  std::string message;
  std::string link;
  std::string source;  // "prescription thoth.GPUNoCUDABoot"
};

struct ManifestChange {
  std::string api_version;
  std::string kind;
  nlohmann::json patch;
  std::string source;
};

// A requirement a rule removed (SkipPackage): `parent` is "name==version", or empty for a root.
struct WaivedRequirement {
  std::string parent;
  std::string target;
  std::string rule;
};

// A requirement a rule added (step.AddPackage) to the pinned release `parent` ("name==version").
struct AddedRequirementInLock {
  std::string parent;
  std::string requirement;
  std::string rule;
};

struct PrescriptionReport {
  bool active = false;
  std::size_t units_loaded = 0;      // units parsed for this advise (folders of the universe + `_*`)
  std::size_t units_registered = 0;  // of which should_include holds
  double load_ms = 0;                // loading and registration
  std::vector<StackInfoEntry> stack_info;
  std::vector<ManifestChange> manifest_changes;  // advised_manifest_changes of matching wraps
  std::vector<std::string> rejected;             // boots whose not_acceptable failed the advise
  std::vector<WaivedRequirement> waived;         // in force in the lock
  std::map<std::string, std::set<std::string>> substitutes;  // package -> pinned pseudonyms standing for it
  std::vector<AddedRequirementInLock> added;
  double score = 0;                              // Σ clamped scores of the steps and groups holding in the lock
  // not_acceptable rules whose condition holds in the lock, re-checked on the pins and the graph without
  // the encoding: always empty unless the encoding has a bug (the fixture runner fails on any).
  std::vector<std::string> violated;
};

[[nodiscard]] nlohmann::json prescription_report_to_json(const PrescriptionReport& report);

}  // namespace thoth::advise
