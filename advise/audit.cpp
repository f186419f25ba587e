// Lock auditing: the pipenv hash check and the advisory lookup of every `==V` pin of every section.
#include "advise/audit.hpp"

#include <set>
#include <tuple>

#include "base/error.hpp"
#include "packaging/name.hpp"

namespace thoth::advise {
namespace {

using nlohmann::json;

const std::set<std::string> kNotSections = {"_meta"};

HashStatus hash_status(const json& lock, const project::Pipfile* pipfile, std::string& variant) {
  const json* meta = lock.contains("_meta") ? &lock.at("_meta") : nullptr;
  if (meta == nullptr || !meta->is_object() || !meta->contains("hash") || !meta->at("hash").is_object() ||
      !meta->at("hash").contains("sha256") || !meta->at("hash").at("sha256").is_string())
    return HashStatus::Missing;
  if (pipfile == nullptr) return HashStatus::NoPipfile;
  std::string recorded = meta->at("hash").at("sha256").get<std::string>();
  if (recorded == project::pipfile_hash(*pipfile, project::HashVariant::Canonical)) variant = "canonical";
  else if (recorded == project::pipfile_hash(*pipfile, project::HashVariant::Legacy)) variant = "legacy";
  return variant.empty() ? HashStatus::Stale : HashStatus::Current;
}

void audit_pin(const std::string& section, const std::string& name, const std::string& version,
               const advisories::AdvisoryDatabase& database, AuditReport& report) {
  auto parsed = packaging::Version::parse(version);
  for (const advisories::Advisory* advisory : database.affecting(name, version)) {
    report.findings.push_back({section, name, version, advisory->id, advisory->aliases,
                               parsed ? advisory->first_fixed(name, *parsed) : "", advisory->headline(),
                               advisory->link()});
  }
}

}  // namespace

std::size_t AuditReport::vulnerable_pins() const {
  std::set<std::tuple<std::string, std::string>> pins;
  for (const AuditFinding& finding : findings) pins.emplace(finding.section, finding.package);
  return pins.size();
}

AuditReport audit_lock(const json& lock, const std::string& lock_name, const project::Pipfile* pipfile,
                       const advisories::AdvisoryDatabase& database) {
  AuditReport report;
  report.hash = hash_status(lock, pipfile, report.hash_variant);
  for (const auto& [section, packages] : lock.items()) {
    if (kNotSections.count(section) > 0) continue;
    if (!packages.is_object())
      throw InputError("expected section `" + section + "` to be an object of packages", lock_name);
    for (const auto& [name, entry] : packages.items()) {
      ++report.pins;
      std::string version = entry.is_object() && entry.contains("version") && entry.at("version").is_string()
                                ? entry.at("version").get<std::string>() : "";
      if (version.rfind("==", 0) != 0) {
        report.unreadable.push_back(section + ": " + name);
        continue;
      }
      audit_pin(section, packaging::canonicalize_name(name), version.substr(2), database, report);
    }
  }
  return report;
}

const char* hash_status_name(HashStatus status) {
  switch (status) {
    case HashStatus::Current: return "current";
    case HashStatus::Stale: return "stale";
    case HashStatus::NoPipfile: return "no-pipfile";
    case HashStatus::Missing: return "missing";
  }
  return "missing";
}

json audit_to_json(const AuditReport& report) {
  json findings = json::array();
  for (const AuditFinding& f : report.findings)
    findings.push_back({{"section", f.section}, {"package", f.package}, {"version", f.version}, {"id", f.id},
                        {"aliases", f.aliases}, {"fixed_in", f.fixed_in.empty() ? json(nullptr) : json(f.fixed_in)},
                        {"summary", f.summary}, {"link", f.link}});
  return {{"hash", {{"status", hash_status_name(report.hash)},
                    {"variant", report.hash_variant.empty() ? json(nullptr) : json(report.hash_variant)}}},
          {"pins", report.pins},
          {"vulnerable_pins", report.vulnerable_pins()},
          {"findings", findings},
          {"skipped", report.unreadable}};
}

}  // namespace thoth::advise
