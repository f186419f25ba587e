// Builds the Pipfile.lock sections from the pins (hashes from the index files, the user's markers,
// index and extras on direct entries) and prints the advise report as text or JSON.
#include "cli/lock_output.hpp"

#include <algorithm>
#include <iomanip>
#include <iostream>

#include "cli/terminal.hpp"
#include "explain/explain.hpp"
#include "packaging/name.hpp"
#include "project/lockfile.hpp"

namespace thoth::cli {
namespace {

using nlohmann::json;

// The sha256 of every file of the release that installs in the target environment (pin.files):
// the lock is made for that environment, and pip --require-hashes then picks among exactly the
// files thoth checked (pipenv would list every file of the release; docs/lockfile.md).
std::vector<std::string> lock_hashes(const index::Release* release, const advise::Pin& pin) {
  std::vector<std::string> hashes;
  if (release == nullptr) return hashes;
  for (const index::DistFile& file : release->files) {
    if (std::find(pin.files.begin(), pin.files.end(), file.filename) == pin.files.end()) continue;
    if (auto it = file.hashes.find("sha256"); it != file.hashes.end()) hashes.push_back("sha256:" + it->second);
  }
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
  const index::Release* release = index::find_release(report.index, pin.name, pin.version);
  locked.hashes = lock_hashes(release, pin);
  if (entry != nullptr) {
    locked.markers = entry->markers;
    locked.extras = entry->extras;
    locked.index = !entry->index.empty() ? entry->index
                   : report.pipfile->sources.empty() ? "" : report.pipfile->sources.front().name;
  }
  // An HTTP index says which [[source]] served each package: the lock records it for every package.
  if (release != nullptr && !release->index_name.empty()) locked.index = release->index_name;
  return locked;
}

// The global --verbose prints the whole explanation (every hint, the core with its locations).
bool explain_verbosely() { return terminal_settings().verbosity == Verbosity::Verbose; }

// --best-effort: what the lock leaves out, and why the whole request has no lock.
void print_left_out(const AdviseReport& report) {
  const advise::AdviseResult& result = report.result;
  if (result.left_out.empty()) return;
  for (const std::string& root : result.left_out) std::cerr << "warning: --best-effort left out " << root << "\n";
  if (result.explanation) std::cerr << "\n" << explain::render_text(*result.explanation, explain_verbosely());
}

void print_justifications(const advise::AdviseResult& result) {
  for (const advise::Justification& j : result.justifications) {
    std::cout << "  " << advise::justification_type_name(j.type) << " " << j.message;
    if (!j.link.empty()) std::cout << " <" << j.link << ">";
    std::cout << "\n";
  }
}

json advisory_statistics_json(const advisories::AdvisoryDatabase& database) {
  const advisories::LoadStatistics& stats = database.statistics;
  return {{"source", database.description}, {"files", stats.files}, {"records", stats.records},
          {"withdrawn", stats.withdrawn}, {"not_pypi", stats.not_pypi}, {"packages", stats.packages},
          {"non_pep440_versions", stats.non_pep440_versions}, {"unusable_ranges", stats.unusable_ranges},
          {"load_ms", stats.milliseconds}};
}

void print_text(const AdviseReport& report) {
  const advise::AdviseResult& result = report.result;
  std::string target = report.environment != nullptr ? report.environment->describe() : report.request.environment.describe();
  std::cout << "Resolved for " << target << "\n  against " << report.index.describe() << " ("
            << report.statistics.projects << " projects)\n";
  if (report.environment != nullptr)
    for (const std::string& note : report.environment->notes) std::cout << "note: " << note << "\n";
  if (result.outcome == advise::Outcome::Locked) {
    std::cout << "Locked " << result.pins.size() << " packages (recommendation type " << result.recommendation << ", "
              << (result.proven_optimal ? "proven optimal" : "NOT proven optimal: the time budget ran out") << ") in "
              << std::fixed << std::setprecision(0) << report.total_ms << " ms";
    if (report.pipfile != nullptr && !report.options.dry_run) std::cout << "; wrote " << lock_path(report.options).string();
    if (report.input_lock && !report.options.dry_run) std::cout << "; wrote " << report.input_lock->string();
    std::cout << "\n";
    std::size_t width = 0;
    for (const auto& [name, pin] : result.pins) width = std::max(width, name.size());
    for (const auto& [name, pin] : result.pins)
      std::cout << "  " << std::left << std::setw(static_cast<int>(width)) << name << "  " << pin.version
                << (pin.direct ? "" : "  (transitive)") << "\n";
    print_left_out(report);
    print_justifications(result);
    return;
  }
  if (result.outcome == advise::Outcome::Unsatisfiable) {
    std::cerr << "error: no lock satisfies the request\n\n";
    if (result.explanation) std::cerr << explain::render_text(*result.explanation, explain_verbosely());
    return;
  }
  std::cerr << "error: the solver budget ran out before any lock was found\n\nhint: raise --timeout\n";
}

// The environment resolved for: its runtime-environment name and file (null without .thoth.yaml),
// a one-line description, the marker values and every machine fact the artifact filter used.
json environment_json(const AdviseReport& report) {
  const env::TargetEnvironment& target = report.request.environment;
  const ResolvedEnvironment* resolved = report.environment;
  bool named = resolved != nullptr && !resolved->name.empty();
  auto text_or_null = [](const std::string& text) { return text.empty() ? json(nullptr) : json(text); };
  return {{"name", named ? json(resolved->name) : json(nullptr)},
          {"thoth_config", named ? json(resolved->config.string()) : json(nullptr)},
          {"description", resolved != nullptr ? resolved->describe() : target.describe()},
          {"notes", resolved != nullptr ? resolved->notes : std::vector<std::string>{}},
          {"markers", target.marker_environment()},
          {"libc", target.libc_family.empty() ? json(nullptr)
                                              : json({{"family", target.libc_family}, {"version", target.libc_version}})},
          {"libstdcxx_version", text_or_null(target.libstdcxx_version)},
          {"cuda_version", text_or_null(target.cuda_version)},
          {"cudnn_version", text_or_null(target.cudnn_version)},
          {"cpu_flags", target.cpu_flags},
          {"only_binary", target.only_binary}};
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
  out["environment"] = environment_json(report);
  const index::LoadStatistics& stats = report.statistics;
  out["index"] = {{"source", report.index.describe()}, {"projects", stats.projects}, {"releases", stats.releases},
                  {"skipped_versions", stats.skipped_versions}, {"skipped_requirements", stats.skipped_requirements}};
  if (!report.fetch_statistics.is_null()) out["index"]["http"] = report.fetch_statistics;
  out["advisories"] = report.request.advisories ? advisory_statistics_json(*report.request.advisories) : json(nullptr);
  out["timings"]["load_ms"] = report.load_ms;
  out["timings"]["total_ms"] = report.total_ms;
  out["timings"]["index_read_ms"] = stats.read_ms;  // parsing projects on first use, inside encode_ms
  out["index"]["projects_read"] = stats.projects_read;
  out["lock"] = lock_text ? json::parse(*lock_text) : json(nullptr);
  bool wrote = lock_text && !report.options.dry_run;
  out["lockfile"] = wrote ? json(lock_path(report.options).string()) : json(nullptr);
  if (report.input_lock && !report.options.dry_run) out["lockfile"] = report.input_lock->string();
  std::cout << out.dump(2) << "\n";
}

}  // namespace thoth::cli
