// Options of `thoth advise`, parsed from the command line (Boost.Program_options).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/advise_input.hpp"

namespace thoth::cli {

struct AdviseOptions {
  std::filesystem::path pipfile = "Pipfile";
  bool pipfile_given = false;             // --pipfile was on the command line
  InputOptions input;                     // --input, --input-kind, --extra, --group, -c (cli/advise_input.hpp)
  std::vector<std::string> requirements;  // --requirement: resolve these instead of a Pipfile
  std::string index;                      // snapshot file
  std::string index_url;                  // replaces the URL of the first [[source]]
  std::vector<std::string> extra_index_urls;  // appended as further sources
  std::string index_strategy = "first-index";  // or "merge" (docs/indexes.md)
  std::optional<std::filesystem::path> cache_dir;  // HTTP pages and OSV records; default: $XDG_CACHE_HOME/thoth
  bool offline = false;                   // HTTP indexes from the cache alone
  std::string python_version;             // empty: Pipfile [requires], else the default
  std::string platform;                   // empty: the default
  std::vector<std::string> markers;       // KEY=VALUE overrides
  // The runtime environment (.thoth.yaml beside the Pipfile; docs/cli.md) and single-field overrides.
  std::string runtime_environment;                   // -r NAME; empty: the first
  std::optional<std::filesystem::path> thoth_config; // --thoth-config; default: .thoth.yaml beside the Pipfile
  std::optional<std::string> implementation;         // --implementation cpython|pypy
  std::optional<std::string> libc;                   // --libc glibc-2.28 | musl-1.2 | none
  std::optional<std::string> libstdcxx_version;      // --libstdcxx 12.1.0 | 6.0.30
  std::optional<std::string> cuda_version;           // --cuda-version 11.8 | none
  std::optional<std::string> cudnn_version;          // --cudnn-version 8.9 | none
  std::optional<std::vector<std::string>> cpu_flags; // --cpu-flags avx,avx2 (replaces the list)
  std::vector<std::string> only_binary;              // --only-binary :all: | NAME[,NAME] (repeatable)
  std::optional<std::filesystem::path> lockfile;
  bool json = false;
  bool dry_run = false;
  bool allow_prereleases = false;
  bool best_effort = false;               // lock the largest satisfiable subset of the requirements
  double timeout_seconds = 120;
  std::string recommendation_type;        // -t; empty: .thoth.yaml, else stable
  std::string advisories;                 // --advisories DIR; empty: .thoth.yaml `advisories:`
  std::string scorecards;                 // --scorecards DIR; empty: .thoth.yaml `scorecards:`
  std::string osv_api;                    // --osv-api URL: ask the OSV API instead of a folder
  bool help = false;
};

// Throws InputError (exit code 2) on bad usage; sets `help` and prints nothing for --help.
[[nodiscard]] AdviseOptions parse_advise_options(const std::vector<std::string>& args, std::string& out_help);

}  // namespace thoth::cli
