// Reads the recommendation type and security folders from flags and `.thoth.yaml`.
#include "cli/security_inputs.hpp"

#include <cstdlib>

#include <yaml-cpp/yaml.h>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "advisories/osv_client.hpp"
#include "encoder/universe.hpp"

namespace thoth::cli {
namespace {

namespace fs = std::filesystem;

// A top-level key's value (kept by the .thoth.yaml parser as YAML text) as a path beside the file.
std::optional<fs::path> path_key(const env::ThothConfig& config, const std::string& key, const fs::path& file) {
  for (const auto& [name, text] : config.other_keys) {
    if (name != key) continue;
    YAML::Node node = YAML::Load(text);
    if (!node.IsScalar() || node.Scalar().empty())
      throw InputError("expected `" + key + "` to be a folder path, found `" + text + "`", file.generic_string());
    fs::path value = node.Scalar();
    return value.is_absolute() ? value : file.parent_path() / value;
  }
  return std::nullopt;
}

}  // namespace

env::RecommendationType parse_recommendation_type(const std::string& text, const std::string& where) {
  for (auto type : {env::RecommendationType::Latest, env::RecommendationType::Stable, env::RecommendationType::Testing,
                    env::RecommendationType::Performance, env::RecommendationType::Security})
    if (env::recommendation_type_name(type) == text) return type;
  throw InputError("expected a recommendation type, found `" + text + "`", where,
                   "use one of latest, stable, testing, performance, security");
}

ThothDefaults thoth_defaults(const ProjectConfig& project) {
  ThothDefaults defaults;
  if (!project.config) return defaults;
  if (project.runtime) defaults.recommendation = project.runtime->recommendation_type;
  defaults.advisories = path_key(*project.config, "advisories", project.path);
  defaults.scorecards = path_key(*project.config, "scorecards", project.path);
  return defaults;
}

ThothDefaults read_thoth_defaults(const fs::path& file, const std::string& runtime_environment) {
  return thoth_defaults(read_project_config(file, runtime_environment));
}

std::unique_ptr<advisories::AdvisoryDatabase> load_advisories(const std::string& flag, const ThothDefaults& defaults) {
  if (!flag.empty()) return std::make_unique<advisories::AdvisoryDatabase>(advisories::load_advisory_folder(flag));
  if (defaults.advisories)
    return std::make_unique<advisories::AdvisoryDatabase>(advisories::load_advisory_folder(*defaults.advisories));
  return nullptr;
}

std::unique_ptr<advisories::ScorecardSet> load_scorecards(const std::string& flag, const ThothDefaults& defaults) {
  if (!flag.empty()) return std::make_unique<advisories::ScorecardSet>(advisories::load_scorecard_folder(flag));
  if (defaults.scorecards)
    return std::make_unique<advisories::ScorecardSet>(advisories::load_scorecard_folder(*defaults.scorecards));
  return nullptr;
}

std::unique_ptr<advisories::AdvisoryDatabase> query_osv_for_request(const advise::AdviseRequest& request,
                                                                    index::PackageSource& source, const std::string& url,
                                                                    const fs::path& cache,
                                                                    const advisories::HttpOptions& options) {
  encoder::Problem problem;
  for (const advise::RootRequirement& root : request.roots)
    problem.roots.push_back({root.requirement, root.section, root.origin});
  problem.environment = request.environment;
  problem.allow_prereleases = advise::prereleases_allowed(request);
  encoder::Universe universe = encoder::build_universe(problem, source);
  std::vector<advisories::PackageVersion> pins;
  for (const encoder::PackageNode& node : universe.packages)
    for (const index::Release* release : node.candidates) pins.push_back({node.name, release->version_text});
  advisories::OsvClient client(url, cache, options);
  auto found = client.query(pins);
  if (!found) throw InputError(found.error());
  return std::make_unique<advisories::AdvisoryDatabase>(std::move(*found));
}

fs::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') return fs::path(xdg) / "thoth";  // XDG: absolute only
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') return fs::path(home) / ".cache" / "thoth";
  return {};
}

}  // namespace thoth::cli
