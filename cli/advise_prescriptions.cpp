// `thoth advise` and Thoth prescriptions: the folders (--prescriptions, .thoth.yaml `prescriptions:`),
// the request facts should_include is evaluated against (labels, the selected runtime environment of
// .thoth.yaml; the recommendation type is the request's), and the compact text of justifications and stack_info.
#include "cli/advise_prescriptions.hpp"

#include <iostream>
#include <map>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "cli/target_environment.hpp"
#include "cli/terminal.hpp"
#include "env/thoth_config.hpp"

namespace thoth::cli {
namespace {

namespace fs = std::filesystem;
namespace pr = thoth::prescriptions;

void add_labels(const std::string& text, std::map<std::string, std::string>& labels) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string pair = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto equals = pair.find('=');
    if (equals == std::string::npos || equals == 0)
      throw InputError("expected KEY=VALUE, found `" + pair + "`", "--labels", "e.g. --labels pytorch-cpu-index=solely");
    labels[pair.substr(0, equals)] = pair.substr(equals + 1);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

// The runtime environment's facts that TargetEnvironment does not carry.
void apply_runtime(const env::RuntimeEnvironment& runtime, pr::RequestFacts& facts) {
  facts.os_name = runtime.operating_system.name;
  facts.os_version = runtime.operating_system.version;
  facts.base_image = runtime.base_image;
  facts.cpu_family = runtime.hardware.cpu_family;
  facts.cpu_model = runtime.hardware.cpu_model;
  facts.mkl_version = runtime.mkl_version;
  facts.openblas_version = runtime.openblas_version;
  facts.openmpi_version = runtime.openmpi_version;
  facts.labels = runtime.labels;
}

}  // namespace

void configure_prescriptions(const AdviseOptions& options, const project::Pipfile* pipfile, const ProjectConfig& project,
                             advise::AdviseRequest& request) {
  advise::PrescriptionRequest& out = request.prescriptions;
  std::vector<fs::path> dirs;
  if (project.config)
    for (const std::string& dir : project.config->prescriptions) dirs.push_back(project.path.parent_path() / dir);
  if (project.runtime) apply_runtime(*project.runtime, out.facts);
  for (const fs::path& dir : options.prescriptions) dirs.push_back(dir);
  for (const std::string& text : options.labels) add_labels(text, out.facts.labels);
  if (pipfile != nullptr && !pipfile->sources.empty()) out.index_url = pipfile->sources.front().url;
  if (dirs.empty()) return;
  Progress progress("loading prescriptions");  // stderr on a terminal only; erased when done
  out.catalog = advise::UnitCatalog::open(dirs);
}

// WARNING and ERROR entries grouped by package, a count of INFO ones (all with --verbose).
void print_justifications(const advise::AdviseResult& result, bool verbose) {
  const advise::PrescriptionReport& report = result.prescriptions;
  std::size_t hidden = 0;
  for (const auto& s : report.stack_info) {
    if (s.type == "INFO" && !verbose) { ++hidden; continue; }
    std::cout << "  " << s.type << " " << s.message << (s.link.empty() ? "" : " (" + s.link + ")") << "\n";
  }
  std::string package = "\x01";
  for (const advise::Justification& j : result.justifications) {
    if (j.type == advise::JustificationType::Info && !verbose) { ++hidden; continue; }
    if (j.package != package) {
      package = j.package;
      std::cout << "  " << (package.empty() ? "(stack)" : package) << ":\n";
    }
    std::cout << "    " << advise::justification_type_name(j.type) << " " << j.message << (j.link.empty() ? "" : " (" + j.link + ")") << "\n";
  }
  for (const auto& change : report.manifest_changes)
    std::cout << "  advised manifest change for " << change.kind << " (" << change.api_version << "): "
              << change.patch.dump() << "\n";
  if (hidden > 0) std::cout << "  " << hidden << " INFO entries (--verbose shows them)\n";
}

}  // namespace thoth::cli
