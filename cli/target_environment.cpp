// Builds the target environment of `thoth advise` in layers (target_environment.hpp): each layer
// overrides only the fields it states, so `-r gpu --cuda-version none` is "the gpu machine without
// CUDA". The runtime environment describes the machine the lock is for, so it wins over the
// Pipfile's [requires]; a disagreement is reported as a note, not an error.
#include "cli/target_environment.hpp"

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "env/thoth_config.hpp"
#include "packaging/name.hpp"
#include "packaging/version.hpp"

namespace thoth::cli {
namespace {

namespace fs = std::filesystem;

std::string pipfile_python(const project::Pipfile& pipfile) {
  if (auto it = pipfile.requires_.find("python_full_version"); it != pipfile.requires_.end()) return it->second;
  if (auto it = pipfile.requires_.find("python_version"); it != pipfile.requires_.end()) return it->second;
  return "";
}

// -r and --thoth-config need a .thoth.yaml to read.
void check_runtime_environment(const AdviseOptions& options, const ProjectConfig& project) {
  if (project.config) return;
  const fs::path& path = project.path;
  if (options.thoth_config)
    throw InputError("expected a .thoth.yaml file, found none", path.string(), "run `thoth config` to write one");
  if (!options.runtime_environment.empty())
    throw InputError("expected a .thoth.yaml to pick runtime environment `" + options.runtime_environment +
                         "` from, found none", path.string(),
                     "run `thoth config -r " + options.runtime_environment + "` to write one, or pass --thoth-config");
}

// Names the selected runtime environment and notes a Pipfile [requires] Python it overrides.
void describe_runtime_environment(const project::Pipfile* pipfile, const ProjectConfig& project, ResolvedEnvironment& out) {
  const env::RuntimeEnvironment& runtime = *project.runtime;
  out.name = runtime.name.value_or("(unnamed)");
  out.config = project.path;
  if (runtime.python_version && pipfile != nullptr && !pipfile_python(*pipfile).empty() &&
      pipfile_python(*pipfile) != *runtime.python_version)
    out.notes.push_back("the Pipfile asks for Python " + pipfile_python(*pipfile) + "; runtime environment `" +
                        out.name + "` has " + *runtime.python_version + ", which is used");
}

void apply_libc(const std::string& value, env::TargetEnvironment& environment) {
  if (value == "none") {
    environment.libc_family.clear();
    environment.libc_version.clear();
    return;
  }
  auto dash = value.find('-');
  std::string family = value.substr(0, dash);
  std::string version = dash == std::string::npos ? "" : value.substr(dash + 1);
  if ((family != "glibc" && family != "musl") || !packaging::Version::parse(version))
    throw InputError("expected glibc-X.Y, musl-X.Y or none, found `" + value + "`", "--libc", "e.g. --libc glibc-2.28");
  environment.libc_family = family;
  environment.libc_version = version;
}

// "none" clears the field; anything else must be a version.
void apply_version(const std::optional<std::string>& value, const char* flag, std::string& field) {
  if (!value) return;
  if (*value == "none") {
    field.clear();
    return;
  }
  if (!packaging::Version::parse(*value))
    throw InputError("expected a version X.Y[.Z] or none, found `" + *value + "`", flag, "e.g. 11.8");
  field = *value;
}

void apply_only_binary(const std::vector<std::string>& entries, env::TargetEnvironment& environment) {
  for (const std::string& entry : entries) {
    if (entry == ":none:") environment.only_binary.clear();
    else environment.only_binary.push_back(entry == ":all:" ? entry : packaging::canonicalize_name(entry));
  }
}

void apply_flags(const AdviseOptions& options, env::TargetEnvironment& environment) {
  if (!options.python_version.empty()) env::set_python_version(environment, options.python_version, "--python-version");
  if (!options.platform.empty()) environment.platform = options.platform;
  if (options.implementation) environment.implementation = *options.implementation;
  if (options.libc) apply_libc(*options.libc, environment);
  if (options.libstdcxx_version) {
    environment.libstdcxx_version = *options.libstdcxx_version == "none" ? "" : *options.libstdcxx_version;
  }
  apply_version(options.cuda_version, "--cuda-version", environment.cuda_version);
  apply_version(options.cudnn_version, "--cudnn-version", environment.cudnn_version);
  if (options.cpu_flags) environment.cpu_flags = *options.cpu_flags;
  apply_only_binary(options.only_binary, environment);
  for (const std::string& marker : options.markers) {
    auto equals = marker.find('=');
    if (equals == std::string::npos || equals == 0)
      throw InputError("expected KEY=VALUE, found `" + marker + "`", "--marker", "e.g. --marker sys_platform=linux");
    environment.marker_overrides[marker.substr(0, equals)] = marker.substr(equals + 1);
  }
}

}  // namespace

fs::path thoth_config_path(const AdviseOptions& options, const project::Pipfile* pipfile) {
  if (options.thoth_config) return *options.thoth_config;
  if (pipfile != nullptr) return pipfile->path.parent_path() / ".thoth.yaml";
  return ".thoth.yaml";
}

std::string ResolvedEnvironment::describe() const {
  std::string details = environment.describe_details();
  std::string machine = environment.describe() + (details.empty() ? "" : ", " + details);
  if (name.empty()) return machine + " (no .thoth.yaml runtime environment)";
  return "runtime environment `" + name + "` (" + config.string() + "): " + machine;
}

ResolvedEnvironment resolve_environment(const AdviseOptions& options, const project::Pipfile* pipfile,
                                        const ProjectConfig& project) {
  ResolvedEnvironment out;
  check_runtime_environment(options, project);
  if (project.runtime) describe_runtime_environment(pipfile, project, out);
  out.environment = runtime_target(project, pipfile != nullptr ? pipfile->requires_ : std::map<std::string, std::string>{},
                                   pipfile != nullptr ? pipfile->path.string() + ": [requires] " : std::string());
  apply_flags(options, out.environment);
  return out;
}

}  // namespace thoth::cli
