// Loading a project's lock, project file, index and environment for the commands that read a lock
// instead of resolving (export, graph, why). A Pipfile.lock comes with its Pipfile; a pylock.toml or
// requirements.txt (the locks advise writes for pyproject.toml and requirements.in) holds only pins,
// so its roots are read from the project file beside it.
#include "cli/lock_context.hpp"

#include <cstdlib>

#include "base/error.hpp"
#include "cli/project_config.hpp"
#include "index/snapshot.hpp"
#include "packaging/name.hpp"
#include "project/manifest.hpp"
#include "project/pinned_locks.hpp"
#include "project/project_input.hpp"

namespace thoth::cli {
namespace po = boost::program_options;

void add_lock_context_options(po::options_description& options) {
  options.add_options()
      ("pipfile", po::value<std::string>()->default_value("Pipfile"), "the project's Pipfile")
      ("input", po::value<std::string>(), "the project file instead of a Pipfile: pyproject.toml or requirements.in (its lock is pylock.toml or NAME.txt)")
      ("lockfile", po::value<std::string>(), "the lock to read: Pipfile.lock, pylock.toml or requirements.txt (default: the lock of --input; else Pipfile.lock beside the Pipfile, or pylock.toml when only it exists)")
      ("index", po::value<std::string>(), "index snapshot file for package metadata and files; or $THOTH_INDEX")
      ("python-version", po::value<std::string>(), "target Python X.Y or X.Y.Z (default: the lock's _meta.requires, else 3.12)")
      ("platform", po::value<std::string>(), "target platform, e.g. linux-x86_64 (default linux-x86_64)")
      ("dev", po::bool_switch(), "include the develop section (dev-packages)")
      ("thoth-config", po::value<std::string>(), "the .thoth.yaml whose runtime environment the lock was made for (default: beside the lock)")
      ("runtime-environment,r", po::value<std::string>(), "runtime environment of .thoth.yaml (default: the first)");
}

LockContextOptions lock_context_options(const po::variables_map& values) {
  LockContextOptions options;
  options.pipfile = values["pipfile"].as<std::string>();
  if (values.count("input")) options.input = values["input"].as<std::string>();
  if (values.count("lockfile")) options.lockfile = values["lockfile"].as<std::string>();
  if (values.count("index")) options.index = values["index"].as<std::string>();
  if (values.count("python-version")) options.python_version = values["python-version"].as<std::string>();
  if (values.count("platform")) options.platform = values["platform"].as<std::string>();
  options.dev = values["dev"].as<bool>();
  if (values.count("thoth-config")) options.thoth_config = values["thoth-config"].as<std::string>();
  if (values.count("runtime-environment")) options.runtime_environment = values["runtime-environment"].as<std::string>();
  return options;
}

namespace {

// The environment the lock was made for, as advise chose it: the runtime environment of the
// .thoth.yaml beside the lock (-r NAME, else the first) when there is one, the lock's
// _meta.requires for the Python it leaves open, then --python-version and --platform.
env::TargetEnvironment environment_for(const LockContextOptions& options, const project::ReadLock& lock) {
  std::filesystem::path config_path = options.thoth_config ? *options.thoth_config : lock.path.parent_path() / ".thoth.yaml";
  ProjectConfig project = read_project_config(config_path, options.runtime_environment);
  if (options.thoth_config && !project.config)
    throw InputError("expected a .thoth.yaml file, found none", config_path.string(), "run `thoth config` to write one");
  env::TargetEnvironment environment = runtime_target(project, lock.requires_, lock.path.string() + ": _meta.requires.");
  if (!options.python_version.empty()) env::set_python_version(environment, options.python_version, "--python-version");
  if (!options.platform.empty()) environment.platform = options.platform;
  return environment;
}

}  // namespace

std::filesystem::path default_lock_to_read(const LockContextOptions& options) {
  if (options.lockfile) return *options.lockfile;
  if (options.input) return project::default_lock_path(project::detect_manifest_kind(*options.input), *options.input);
  std::filesystem::path folder = options.pipfile.parent_path();
  if (!std::filesystem::exists(folder / "Pipfile.lock") && std::filesystem::exists(folder / "pylock.toml"))
    return folder / "pylock.toml";
  return folder / "Pipfile.lock";
}

namespace {

// pylock.toml and requirements.txt hold pins only; anything else is read as a Pipfile.lock.
bool is_pins_only_lock(const std::filesystem::path& path) {
  return path.extension() == ".toml" || path.extension() == ".txt";
}

// The project file a pins-only lock was made from: --input, else NAME.in beside a NAME.txt lock,
// else the pyproject.toml beside the lock; nullopt when none exists.
std::optional<std::filesystem::path> project_of_pins_only_lock(const LockContextOptions& options,
                                                               const std::filesystem::path& lock_path) {
  if (options.input) return options.input;
  std::filesystem::path requirements_in = std::filesystem::path(lock_path).replace_extension(".in");
  if (lock_path.extension() == ".txt" && std::filesystem::exists(requirements_in)) return requirements_in;
  std::filesystem::path pyproject = lock_path.parent_path() / "pyproject.toml";
  if (std::filesystem::exists(pyproject)) return pyproject;
  return std::nullopt;
}

// Every root the project file can have: the default dependencies, every extra and every group. A
// lock does not record which extras and groups it was made with, so an optional root counts when
// its package is pinned.
std::vector<advise::RootRequirement> roots_of_project(const std::filesystem::path& path,
                                                      const std::map<std::string, std::string>& pins) {
  project::ManifestKind kind = project::detect_manifest_kind(path);
  if (kind == project::ManifestKind::Pipfile)
    throw InputError("a Pipfile goes with a Pipfile.lock, not a pins-only lock", path.string(),
                     "pass --pipfile for a Pipfile.lock, or --input pyproject.toml / requirements.in");
  project::InputSelection selection;
  if (kind == project::ManifestKind::PyProject) {
    selection.all_extras = true;
    for (const auto& [group, requirements] : project::load_pyproject(path).dependency_groups) selection.groups.push_back(group);
  }
  std::vector<advise::RootRequirement> roots;
  for (project::InputRoot& root : project::load_project_input(path, kind, selection).roots) {
    bool optional = root.section != "default";
    if (optional && !pins.contains(packaging::canonicalize_name(root.requirement.name))) continue;
    roots.push_back({std::move(root.requirement), "default", std::move(root.origin)});
  }
  return roots;
}

void load_pins_only_lock(const LockContextOptions& options, bool need_project, LockContext& context) {
  context.pins_only = true;
  context.lock.path = default_lock_to_read(options);
  for (const auto& [name, version] : project::read_lock_pins(context.lock.path)) {
    context.lock.sections["default"][name].version = version;
    context.pins.emplace(name, version);
  }
  auto project_path = project_of_pins_only_lock(options, context.lock.path);
  if (!project_path && need_project)
    throw InputError("no project file beside the lock to read its requirements from", context.lock.path.string(),
                     "pass --input pyproject.toml or --input requirements.in");
  if (project_path) context.input_roots = roots_of_project(*project_path, context.pins);
}

}  // namespace

LockContext load_lock_context(const LockContextOptions& options, bool need_project) {
  LockContext context;
  std::filesystem::path lock_path = default_lock_to_read(options);
  if (!std::filesystem::exists(lock_path))
    throw InputError("no such lock file", lock_path.string(), "run `thoth advise` first, or pass --lockfile PATH");
  context.sections = {"default"};
  if (options.dev) context.sections.push_back("develop");
  if (is_pins_only_lock(lock_path)) {
    load_pins_only_lock(options, need_project, context);
    context.environment = environment_for(options, context.lock);  // no _meta.requires: the flags or defaults
    return context;
  }
  context.lock = project::load_lock(lock_path);
  if (need_project || std::filesystem::exists(options.pipfile)) context.pipfile = project::load_pipfile(options.pipfile);
  context.environment = environment_for(options, context.lock);
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
  if (context.pins_only) return context.input_roots;
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
