// Loading a project's lock, Pipfile, index and environment for the commands that read a lock
// instead of resolving (export, graph, why).
#include "cli/lock_context.hpp"

#include <cstdlib>

#include "base/error.hpp"
#include "index/snapshot.hpp"
#include "packaging/name.hpp"

namespace thoth::cli {
namespace po = boost::program_options;

void add_lock_context_options(po::options_description& options) {
  options.add_options()
      ("pipfile", po::value<std::string>()->default_value("Pipfile"), "the project's Pipfile")
      ("lockfile", po::value<std::string>(), "the lock to read (default: Pipfile.lock beside the Pipfile)")
      ("index", po::value<std::string>(), "index snapshot file for package metadata and files; or $THOTH_INDEX")
      ("python-version", po::value<std::string>(), "target Python X.Y or X.Y.Z (default: the lock's _meta.requires, else 3.12)")
      ("platform", po::value<std::string>(), "target platform, e.g. linux-x86_64 (default linux-x86_64)")
      ("dev", po::bool_switch(), "include the develop section (dev-packages)");
}

LockContextOptions lock_context_options(const po::variables_map& values) {
  LockContextOptions options;
  options.pipfile = values["pipfile"].as<std::string>();
  if (values.count("lockfile")) options.lockfile = values["lockfile"].as<std::string>();
  if (values.count("index")) options.index = values["index"].as<std::string>();
  if (values.count("python-version")) options.python_version = values["python-version"].as<std::string>();
  if (values.count("platform")) options.platform = values["platform"].as<std::string>();
  options.dev = values["dev"].as<bool>();
  return options;
}

namespace {

env::TargetEnvironment environment_for(const LockContextOptions& options, const project::ReadLock& lock) {
  env::TargetEnvironment environment;
  std::string where = lock.path.string() + ": _meta.requires.";
  if (auto it = lock.requires_.find("python_full_version"); it != lock.requires_.end())
    env::set_python_version(environment, it->second, where + "python_full_version");
  else if (auto it2 = lock.requires_.find("python_version"); it2 != lock.requires_.end())
    env::set_python_version(environment, it2->second, where + "python_version");
  if (!options.python_version.empty()) env::set_python_version(environment, options.python_version, "--python-version");
  if (!options.platform.empty()) environment.platform = options.platform;
  return environment;
}

}  // namespace

LockContext load_lock_context(const LockContextOptions& options, bool need_pipfile) {
  LockContext context;
  std::filesystem::path lock_path = options.lockfile ? *options.lockfile : options.pipfile.parent_path() / "Pipfile.lock";
  if (!std::filesystem::exists(lock_path))
    throw InputError("no such lock file", lock_path.string(), "run `thoth advise` first, or pass --lockfile PATH");
  context.lock = project::load_lock(lock_path);
  if (need_pipfile || std::filesystem::exists(options.pipfile)) context.pipfile = project::load_pipfile(options.pipfile);
  context.environment = environment_for(options, context.lock);
  context.sections = {"default"};
  if (options.dev) context.sections.push_back("develop");
  for (const std::string& section : context.sections)
    for (const auto& [name, package] : context.lock.sections[section])
      context.pins.emplace(packaging::canonicalize_name(name), package.version);
  return context;
}

std::unique_ptr<index::InMemoryIndex> load_index_for(const LockContextOptions& options, const std::string& command) {
  std::string path = options.index;
  if (path.empty())
    if (const char* env = std::getenv("THOTH_INDEX"); env != nullptr) path = env;
  if (path.empty())
    throw InputError("no package index given", command,
                     "pass --index SNAPSHOT.json (the index the lock was made from) or set THOTH_INDEX");
  return std::make_unique<index::InMemoryIndex>(index::load_snapshot(path));
}

std::vector<advise::RootRequirement> lock_context_roots(const LockContext& context) {
  std::vector<advise::RootRequirement> roots;
  if (!context.pipfile) return roots;
  for (const auto& [category, entries] : context.pipfile->categories) {
    std::string section = project::lock_section_for(category);
    if (std::find(context.sections.begin(), context.sections.end(), section) == context.sections.end()) continue;
    for (const project::PipfileEntry& entry : entries)
      if (!entry.vcs_or_path)
        roots.push_back({entry.to_requirement(), section,
                         context.pipfile->path.filename().string() + ":" + std::to_string(entry.line)});
  }
  return roots;
}

}  // namespace thoth::cli
