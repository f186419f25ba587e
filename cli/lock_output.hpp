// Turning an advise result into a Pipfile.lock and into what the terminal (or --json) shows.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "advise/advise.hpp"
#include "cli/advise_options.hpp"
#include "cli/target_environment.hpp"
#include "index/index.hpp"
#include "project/pipfile.hpp"

namespace thoth::cli {

struct AdviseReport {
  const AdviseOptions& options;
  const advise::AdviseRequest& request;
  const advise::AdviseResult& result;
  index::PackageSource& index;
  index::LoadStatistics statistics;  // of the index, after the resolution (HTTP indexes load lazily)
  nlohmann::json fetch_statistics;   // HTTP requests and cache use; null for snapshots
  const project::Pipfile* pipfile;  // null with --requirement
  double load_ms;
  double total_ms;
  const ResolvedEnvironment* environment = nullptr;  // where the target came from (name, .thoth.yaml)
  std::optional<std::filesystem::path> input_lock;    // the pylock.toml / requirements.txt of a non-Pipfile input
};

[[nodiscard]] std::filesystem::path lock_path(const AdviseOptions& options);
// requires: report.pipfile and a Locked result.
[[nodiscard]] std::string render_lock(const AdviseReport& report);
void print_report(const AdviseReport& report, const std::optional<std::string>& lock_text);

}  // namespace thoth::cli
