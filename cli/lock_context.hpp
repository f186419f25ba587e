// What `thoth export`, `thoth graph` and `thoth why` share: the options naming a project (a Pipfile,
// pyproject.toml or requirements.in), its lock (Pipfile.lock, pylock.toml or requirements.txt), the
// index and the target environment, and loading all of them.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "advise/advise.hpp"
#include "env/environment.hpp"
#include "index/index.hpp"
#include "project/lock_reading.hpp"
#include "project/pipfile.hpp"

namespace thoth::cli {

struct LockContextOptions {
  std::filesystem::path pipfile = "Pipfile";
  std::optional<std::filesystem::path> input;     // --input: a project file of any kind
  std::optional<std::filesystem::path> lockfile;  // default: see default_lock_to_read
  std::string index;                              // snapshot; default $THOTH_INDEX
  std::string python_version;                     // default: the lock's _meta.requires
  std::string platform;
  bool dev = false;                               // include the develop section
  std::optional<std::filesystem::path> thoth_config;  // default: .thoth.yaml beside the lock
  std::string runtime_environment;                // -r NAME; default: the first
};

// Adds --pipfile, --input, --lockfile, --index, --python-version, --platform, --dev, --thoth-config
// and -r/--runtime-environment to `options`.
void add_lock_context_options(boost::program_options::options_description& options);
[[nodiscard]] LockContextOptions lock_context_options(const boost::program_options::variables_map& values);

struct LockContext {
  project::ReadLock lock;                           // a pins-only lock has only `path` and sections
  bool pins_only = false;                           // pylock.toml or requirements.txt: versions only
  std::optional<project::Pipfile> pipfile;          // when it exists beside the lock
  std::vector<advise::RootRequirement> input_roots;  // of the pyproject.toml / requirements.in of a pins-only lock
  env::TargetEnvironment environment;
  std::map<std::string, std::string> pins;          // selected sections: canonical name -> version
  std::vector<std::string> sections;                // the selected sections
};

// The lock read when --lockfile is not given: the default lock of --input; else Pipfile.lock beside
// the Pipfile, or pylock.toml there when only that exists.
[[nodiscard]] std::filesystem::path default_lock_to_read(const LockContextOptions& options);

// Reads the lock and the project beside it. A pylock.toml or requirements.txt lock takes its roots
// from the pyproject.toml / NAME.in beside it (or --input); with `need_project` one must exist.
[[nodiscard]] LockContext load_lock_context(const LockContextOptions& options, bool need_project);
// The index named by --index or $THOTH_INDEX; throws InputError naming `command` when there is none.
[[nodiscard]] std::unique_ptr<index::InMemoryIndex> load_index_for(const LockContextOptions& options,
                                                                   const std::string& command);
// The project's requirements of the selected sections, as advise roots.
[[nodiscard]] std::vector<advise::RootRequirement> lock_context_roots(const LockContext& context);

}  // namespace thoth::cli
