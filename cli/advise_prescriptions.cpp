// `thoth advise` and Thoth prescriptions: the folders (--prescriptions, .thoth.yaml `prescriptions:`),
// the request facts should_include is evaluated against (labels, recommendation type, the runtime
// environment of .thoth.yaml), and the compact text of justifications and stack_info.
#include "cli/advise_prescriptions.hpp"

#include <iostream>
#include <map>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "env/thoth_config.hpp"

namespace thoth::cli {
namespace {

namespace fs = std::filesystem;
namespace pr = thoth::prescriptions;

pr::RecommendationType recommendation_type(const std::string& text, const std::string& where) {
  for (std::size_t i = 0; i < pr::kRecommendationTypeCount; ++i) {
    auto type = static_cast<pr::RecommendationType>(i);
    if (pr::recommendation_type_name(type) == text) return type;
  }
  throw InputError("expected latest, stable, testing, performance or security, found `" + text + "`", where);
}

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
  if (runtime.recommendation_type)
    facts.recommendation_type = recommendation_type(std::string(env::recommendation_type_name(*runtime.recommendation_type)), ".thoth.yaml");
}

std::optional<fs::path> config_path(const AdviseOptions& options, const project::Pipfile* pipfile) {
  if (options.thoth_config) return options.thoth_config;
  if (pipfile == nullptr) return std::nullopt;
  fs::path beside = pipfile->path.parent_path() / ".thoth.yaml";
  if (fs::exists(beside)) return beside;
  return std::nullopt;
}

}  // namespace

void configure_prescriptions(const AdviseOptions& options, const project::Pipfile* pipfile,
                             advise::AdviseRequest& request) {
  advise::PrescriptionRequest& out = request.prescriptions;
  std::vector<fs::path> dirs;
  if (auto path = config_path(options, pipfile)) {
    auto config = env::parse_thoth_config(read_file(*path), path->string());
    if (!config) throw InputError(config.error().message, config.error().location, config.error().hint);
    for (const std::string& dir : config->prescriptions) dirs.push_back(path->parent_path() / dir);
    if (!config->runtime_environments.empty()) apply_runtime(config->runtime_environments.front(), out.facts);
  }
  for (const fs::path& dir : options.prescriptions) dirs.push_back(dir);
  for (const std::string& text : options.labels) add_labels(text, out.facts.labels);
  if (!options.recommendation_type.empty())
    out.facts.recommendation_type = recommendation_type(options.recommendation_type, "--recommendation-type");
  if (pipfile != nullptr && !pipfile->sources.empty()) out.index_url = pipfile->sources.front().url;
  if (!dirs.empty()) out.catalog = advise::UnitCatalog::open(dirs);
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
    if (j.type == "INFO" && !verbose) { ++hidden; continue; }
    if (j.package != package) {
      package = j.package;
      std::cout << "  " << (package.empty() ? "(stack)" : package) << ":\n";
    }
    std::cout << "    " << j.type << " " << j.message << (j.link.empty() ? "" : " (" + j.link + ")") << "\n";
  }
  for (const auto& change : report.manifest_changes)
    std::cout << "  advised manifest change for " << change.kind << " (" << change.api_version << "): "
              << change.patch.dump() << "\n";
  if (hidden > 0) std::cout << "  " << hidden << " INFO entries (--verbose shows them)\n";
}

}  // namespace thoth::cli
