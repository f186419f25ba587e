// Reading `.thoth.yaml` once per command (see project_config.hpp).
#include "cli/project_config.hpp"

#include "base/atomic_file.hpp"
#include "base/error.hpp"

namespace thoth::cli {

ProjectConfig read_project_config(const std::filesystem::path& path, const std::string& runtime_environment) {
  ProjectConfig out;
  out.path = path;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return out;
  auto config = env::parse_thoth_config(read_file(path), path.string());
  if (!config) throw InputError(config.error().message, config.error().location, config.error().hint);
  out.config = std::move(*config);
  if (out.config->runtime_environments.empty() && runtime_environment.empty()) return out;
  auto runtime = env::select_runtime_environment(*out.config, runtime_environment);
  if (!runtime) throw InputError(runtime.error().message, path.string() + ": " + runtime.error().location, runtime.error().hint);
  out.runtime = std::move(*runtime);
  return out;
}

env::TargetEnvironment runtime_target(const ProjectConfig& project, const std::map<std::string, std::string>& python_requires,
                                      const std::string& requires_where) {
  env::TargetEnvironment environment;
  if (project.runtime) {
    environment = env::to_target_environment(
        *project.runtime, project.path.string() + ":" + std::to_string(project.runtime->line) + ": python_version");
    if (project.runtime->python_version) return environment;
  }
  for (const char* key : {"python_full_version", "python_version"}) {
    if (auto it = python_requires.find(key); it != python_requires.end()) {
      env::set_python_version(environment, it->second, requires_where + key);
      break;
    }
  }
  return environment;
}

}  // namespace thoth::cli
