// Options of `thoth advise`, parsed from the command line (Boost.Program_options).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace thoth::cli {

struct AdviseOptions {
  std::filesystem::path pipfile = "Pipfile";
  std::vector<std::string> requirements;  // --requirement: resolve these instead of a Pipfile
  std::string index;                      // snapshot file
  std::string python_version;             // empty: Pipfile [requires], else the default
  std::string platform;                   // empty: the default
  std::vector<std::string> markers;       // KEY=VALUE overrides
  std::optional<std::filesystem::path> lockfile;
  bool json = false;
  bool dry_run = false;
  bool allow_prereleases = false;
  double timeout_seconds = 120;
  std::string recommendation_type;        // -t; empty: .thoth.yaml, else stable
  std::string advisories;                 // --advisories DIR; empty: .thoth.yaml `advisories:`
  std::string scorecards;                 // --scorecards DIR; empty: .thoth.yaml `scorecards:`
  std::string osv_api;                    // --osv-api URL: ask the OSV API instead of a folder
  std::string cache_dir;                  // --cache-dir; empty: the default cache folder
  std::optional<std::filesystem::path> thoth_config;  // --thoth-config; default .thoth.yaml beside the Pipfile
  bool help = false;
};

// Throws InputError (exit code 2) on bad usage; sets `help` and prints nothing for --help.
[[nodiscard]] AdviseOptions parse_advise_options(const std::vector<std::string>& args, std::string& out_help);

}  // namespace thoth::cli
