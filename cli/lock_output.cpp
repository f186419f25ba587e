// Builds the Pipfile.lock sections from the pins (hashes from the index files, the user's markers,
// index and extras on direct entries) and prints the advise report as text or JSON.
#include "cli/lock_output.hpp"

#include <iomanip>
#include <iostream>

#include "packaging/name.hpp"
#include "project/lockfile.hpp"

namespace thoth::cli {
namespace {

using nlohmann::json;

std::vector<std::string> lock_hashes(const index::Release* release) {
  std::vector<std::string> hashes;
  if (release == nullptr) return hashes;
  for (const index::DistFile& file : release->files)
    if (auto it = file.hashes.find("sha256"); it != file.hashes.end()) hashes.push_back("sha256:" + it->second);
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  return hashes;
}

// Pipfile entries by lock section and canonical name.
std::map<std::string, std::map<std::string, const project::PipfileEntry*>> entries_by_section(const project::Pipfile& pipfile) {
  std::map<std::string, std::map<std::string, const project::PipfileEntry*>> entries;
  for (const auto& [category, list] : pipfile.categories)
    for (const project::PipfileEntry& entry : list)
      entries[project::lock_section_for(category)][packaging::canonicalize_name(entry.name)] = &entry;
  return entries;
}

project::LockedPackage locked_package(const AdviseReport& report, const advise::Pin& pin,
                                      const project::PipfileEntry* entry) {
  project::LockedPackage locked;
  locked.version = pin.version;
  locked.hashes = lock_hashes(index::find_release(report.index, pin.name, pin.version));
  if (entry != nullptr) {
    locked.markers = entry->markers;
    locked.extras = entry->extras;
    locked.index = !entry->index.empty() ? entry->index
                   : report.pipfile->sources.empty() ? "" : report.pipfile->sources.front().name;
  }
  return locked;
}

void print_text(const AdviseReport& report) {
  const advise::AdviseResult& result = report.result;
  std::cout << "Resolved for " << report.request.environment.describe() << " against " << report.index.describe()
            << " (" << report.index.statistics().projects << " projects)\n";
  if (result.outcome == advise::Outcome::Locked) {
    std::cout << "Locked " << result.pins.size() << " packages ("
              << (result.proven_optimal ? "proven optimal" : "NOT proven optimal: the time budget ran out") << ") in "
              << std::fixed << std::setprecision(0) << report.total_ms << " ms";
    if (report.pipfile != nullptr && !report.options.dry_run) std::cout << "; wrote " << lock_path(report.options).string();
    std::cout << "\n";
    std::size_t width = 0;
    for (const auto& [name, pin] : result.pins) width = std::max(width, name.size());
    for (const auto& [name, pin] : result.pins)
      std::cout << "  " << std::left << std::setw(static_cast<int>(width)) << name << "  " << pin.version
                << (pin.direct ? "" : "  (transitive)") << "\n";
    return;
  }
  if (result.outcome == advise::Outcome::Unsatisfiable) {
    std::cerr << "error: no lock satisfies the request\n";
    for (const std::string& line : result.conflict) std::cerr << "  conflict involves " << line << "\n";
    std::cerr << "\nhint: relax or remove one of the requirements above\n";
    return;
  }
  std::cerr << "error: the solver budget ran out before any lock was found\n\nhint: raise --timeout\n";
}

}  // namespace

std::filesystem::path lock_path(const AdviseOptions& options) {
  if (options.lockfile) return *options.lockfile;
  return options.pipfile.parent_path() / "Pipfile.lock";
}

std::string render_lock(const AdviseReport& report) {
  auto entries = entries_by_section(*report.pipfile);
  project::LockSections sections;
  sections["default"];
  sections["develop"];
  for (const auto& [name, pin] : report.result.pins) {
    for (const std::string& section : pin.sections) {
      const project::PipfileEntry* entry = nullptr;
      if (auto it = entries[section].find(name); it != entries[section].end()) entry = it->second;
      sections[section][name] = locked_package(report, pin, entry);
    }
  }
  return project::render_lockfile(*report.pipfile, sections);
}

void print_report(const AdviseReport& report, const std::optional<std::string>& lock_text) {
  if (!report.options.json) {
    print_text(report);
    return;
  }
  json out = advise::result_to_json(report.result);
  out["environment"] = {{"description", report.request.environment.describe()},
                        {"markers", report.request.environment.marker_environment()}};
  const index::LoadStatistics& stats = report.index.statistics();
  out["index"] = {{"source", report.index.describe()}, {"projects", stats.projects}, {"releases", stats.releases},
                  {"skipped_versions", stats.skipped_versions}, {"skipped_requirements", stats.skipped_requirements}};
  out["timings"]["load_ms"] = report.load_ms;
  out["timings"]["total_ms"] = report.total_ms;
  out["timings"]["index_read_ms"] = stats.read_ms;  // parsing projects on first use, inside encode_ms
  out["index"]["projects_read"] = stats.projects_read;
  out["lock"] = lock_text ? json::parse(*lock_text) : json(nullptr);
  bool wrote = lock_text && !report.options.dry_run;
  out["lockfile"] = wrote ? json(lock_path(report.options).string()) : json(nullptr);
  std::cout << out.dump(2) << "\n";
}

}  // namespace thoth::cli
