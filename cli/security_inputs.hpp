// The security inputs of `thoth advise` and `thoth audit`: the recommendation type and the advisory
// and scorecard folders, from the command line or else from `.thoth.yaml` (top-level keys
// `advisories:` and `scorecards:`, paths relative to the file; `recommendation_type` of the selected
// runtime environment). docs/cli.md documents the precedence.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "advise/advise.hpp"
#include "advisories/advisory.hpp"
#include "advisories/http.hpp"
#include "advisories/scorecard.hpp"
#include "cli/project_config.hpp"
#include "env/thoth_config.hpp"

namespace thoth::cli {

struct ThothDefaults {
  std::optional<env::RecommendationType> recommendation;
  std::optional<std::filesystem::path> advisories;  // already resolved against the file's folder
  std::optional<std::filesystem::path> scorecards;
};

// The defaults of a .thoth.yaml already read.
[[nodiscard]] ThothDefaults thoth_defaults(const ProjectConfig& project);
// Reads `file` when it exists (nothing when it does not); InputError naming the file when invalid.
// The recommendation type is that of the runtime environment named `runtime_environment` (-r), else
// of the first one.
[[nodiscard]] ThothDefaults read_thoth_defaults(const std::filesystem::path& file,
                                                const std::string& runtime_environment = "");

// "latest" -> Latest, ...; InputError naming `where` otherwise.
[[nodiscard]] env::RecommendationType parse_recommendation_type(const std::string& text, const std::string& where);

// The folder from the flag, else from the defaults; nullptr when neither names one.
[[nodiscard]] std::unique_ptr<advisories::AdvisoryDatabase> load_advisories(const std::string& flag,
                                                                            const ThothDefaults& defaults);
[[nodiscard]] std::unique_ptr<advisories::ScorecardSet> load_scorecards(const std::string& flag,
                                                                        const ThothDefaults& defaults);

// `--osv-api URL`: the universe of the request is built once without security data, and the OSV API
// is asked about every candidate release in it (all a lock could pin). InputError on API failures.
[[nodiscard]] std::unique_ptr<advisories::AdvisoryDatabase> query_osv_for_request(
    const advise::AdviseRequest& request, index::PackageSource& source, const std::string& url,
    const std::filesystem::path& cache, const advisories::HttpOptions& options);

// $XDG_CACHE_HOME/thoth, else $HOME/.cache/thoth, else none.
[[nodiscard]] std::filesystem::path default_cache_dir();

}  // namespace thoth::cli
