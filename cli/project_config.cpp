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

}  // namespace thoth::cli
