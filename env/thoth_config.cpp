// Reading `.thoth.yaml` (thoth.md §3.7) with yaml-cpp. Thamos silently ignored misspelt keys, so a
// typo such as `cuda_verison` meant "no CUDA"; here every key of a runtime environment is checked
// and an unknown one is reported with file, line and key. Top-level keys belong to thamos and
// Kebechet (host, managers, ...): they are kept as YAML text and never interpreted.
#include "env/thoth_config.hpp"

#include <algorithm>
#include <set>

#include <yaml-cpp/yaml.h>

#include "base/utf8.hpp"
#include "packaging/name.hpp"

namespace thoth::env {
namespace {

// Thrown inside this file only; parse_thoth_config turns it into a Result error.
struct ParseFailure {
  Error error;
};

class Reader {
 public:
  explicit Reader(std::string file_name) : m_file(std::move(file_name)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message, const std::string& hint = {}) const {
    throw ParseFailure{Error{message, where(node), hint}};
  }
  [[nodiscard]] std::string where(const YAML::Node& node) const {
    return m_file + ":" + std::to_string(node.Mark().line + 1);
  }

  // Checks that `node` is a map whose keys are all in `allowed`, each once.
  void expect_keys(const YAML::Node& node, const std::string& what, const std::set<std::string>& allowed) const {
    if (!node.IsMap()) fail(node, "expected a map for " + what + ", found `" + shown(node) + "`");
    expect_unique_keys(node, what);
    for (const auto& entry : node) {
      std::string key = entry.first.Scalar();
      if (allowed.contains(key)) continue;
      std::string known;
      for (const auto& name : allowed) known += (known.empty() ? "" : ", ") + name;
      fail(entry.first, "unknown key `" + key + "` in " + what, "known keys: " + known);
    }
  }

  // yaml-cpp keeps the first of two equal keys where PyYAML (thamos) keeps the last: refuse both.
  void expect_unique_keys(const YAML::Node& map, const std::string& what) const {
    std::set<std::string> seen;
    for (const auto& entry : map)
      if (!seen.insert(YAML::Dump(entry.first)).second)
        fail(entry.first, "duplicate key `" + shown(entry.first) + "` in " + what, "keep one of the two");
  }

  // A node as YAML for a message, cut to a readable length.
  [[nodiscard]] static std::string shown(const YAML::Node& node) {
    std::string text = YAML::Dump(node);
    return text.size() <= 80 ? text : text.substr(0, 77) + "...";
  }

  // A scalar as text; nullopt for absent or null.
  [[nodiscard]] std::optional<std::string> text(const YAML::Node& map, const char* key) const {
    YAML::Node value = map[key];
    if (!value || value.IsNull()) return std::nullopt;
    if (!value.IsScalar()) fail(value, std::string("expected a text value for `") + key + "`, found `" + shown(value) + "`");
    return value.Scalar();
  }

  [[nodiscard]] std::optional<int> integer(const YAML::Node& map, const char* key) const {
    auto value = text(map, key);
    if (!value) return std::nullopt;
    bool digits = !value->empty() && std::all_of(value->begin(), value->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || value->size() > 9) fail(map[key], std::string("expected a number for `") + key + "`, found `" + *value + "`");
    return std::stoi(*value);
  }

  [[nodiscard]] std::optional<std::vector<std::string>> list(const YAML::Node& map, const char* key) const {
    YAML::Node value = map[key];
    if (!value || value.IsNull()) return std::nullopt;
    if (!value.IsSequence()) fail(value, std::string("expected a list for `") + key + "`, found `" + shown(value) + "`");
    std::vector<std::string> items;
    for (const auto& item : value) {
      if (!item.IsScalar()) fail(item, std::string("expected text items in `") + key + "`, found `" + shown(item) + "`");
      items.push_back(item.Scalar());
    }
    return items;
  }

 private:
  std::string m_file;
};

std::optional<RecommendationType> recommendation_type(const Reader& reader, const YAML::Node& map) {
  auto value = reader.text(map, "recommendation_type");
  if (!value) return std::nullopt;
  for (auto type : {RecommendationType::Latest, RecommendationType::Stable, RecommendationType::Testing,
                    RecommendationType::Performance, RecommendationType::Security})
    if (*value == recommendation_type_name(type)) return type;
  reader.fail(map["recommendation_type"], "expected latest, stable, testing, performance or security for "
                                          "`recommendation_type`, found `" + *value + "`");
}

OperatingSystem operating_system(const Reader& reader, const YAML::Node& node) {
  if (!node || node.IsNull()) return {};
  reader.expect_keys(node, "operating_system", {"name", "version"});
  return {reader.text(node, "name"), reader.text(node, "version")};
}

Hardware hardware(const Reader& reader, const YAML::Node& node) {
  if (!node || node.IsNull()) return {};
  reader.expect_keys(node, "hardware", {"cpu_family", "cpu_model", "cpu_flags", "gpu_model"});
  return {reader.integer(node, "cpu_family"), reader.integer(node, "cpu_model"), reader.list(node, "cpu_flags"),
          reader.text(node, "gpu_model")};
}

Libc libc(const Reader& reader, const YAML::Node& node) {
  if (!node || node.IsNull()) return {};
  reader.expect_keys(node, "libc", {"family", "version"});
  Libc result{reader.text(node, "family"), reader.text(node, "version")};
  if (result.family && *result.family != "glibc" && *result.family != "musl")
    reader.fail(node["family"], "expected glibc or musl for `libc.family`, found `" + *result.family + "`");
  return result;
}

std::map<std::string, std::string> labels(const Reader& reader, const YAML::Node& node) {
  std::map<std::string, std::string> result;
  if (!node || node.IsNull()) return result;
  if (!node.IsMap()) reader.fail(node, "expected a map for `labels`, found `" + Reader::shown(node) + "`");
  reader.expect_unique_keys(node, "`labels`");
  for (const auto& entry : node) {
    if (!entry.second.IsScalar()) reader.fail(entry.second, "expected a text value for label `" + entry.first.Scalar() + "`");
    result[entry.first.Scalar()] = entry.second.Scalar();
  }
  return result;
}

const std::set<std::string>& runtime_environment_keys() {
  static const std::set<std::string> keys{
      "name", "operating_system", "python_version", "python_implementation", "platform", "hardware",
      "cuda_version", "cudnn_version", "mkl_version", "openblas_version", "openmpi_version", "base_image",
      "labels", "recommendation_type", "libc", "libstdcxx_version", "abi", "supported_tags",
      "only_binary"};
  return keys;
}

RuntimeEnvironment runtime_environment(const Reader& reader, const YAML::Node& node) {
  reader.expect_keys(node, "a runtime environment", runtime_environment_keys());
  RuntimeEnvironment runtime;
  runtime.name = reader.text(node, "name");
  runtime.operating_system = operating_system(reader, node["operating_system"]);
  runtime.python_version = reader.text(node, "python_version");
  runtime.python_implementation = reader.text(node, "python_implementation");
  runtime.platform = reader.text(node, "platform");
  runtime.hardware = hardware(reader, node["hardware"]);
  runtime.cuda_version = reader.text(node, "cuda_version");
  runtime.cudnn_version = reader.text(node, "cudnn_version");
  runtime.mkl_version = reader.text(node, "mkl_version");
  runtime.openblas_version = reader.text(node, "openblas_version");
  runtime.openmpi_version = reader.text(node, "openmpi_version");
  runtime.base_image = reader.text(node, "base_image");
  runtime.labels = labels(reader, node["labels"]);
  runtime.recommendation_type = recommendation_type(reader, node);
  runtime.libc = libc(reader, node["libc"]);
  runtime.libstdcxx_version = reader.text(node, "libstdcxx_version");
  runtime.abi = reader.list(node, "abi");
  runtime.supported_tags = reader.list(node, "supported_tags");
  runtime.only_binary = reader.list(node, "only_binary");
  runtime.line = node.Mark().line + 1;
  return runtime;
}

ThothConfig config_from(const Reader& reader, const YAML::Node& root) {
  ThothConfig config;
  if (!root || root.IsNull()) return config;
  if (!root.IsMap()) reader.fail(root, "expected a map of settings, found `" + Reader::shown(root) + "`");
  reader.expect_unique_keys(root, "the settings");
  for (const auto& entry : root) {
    std::string key = entry.first.Scalar();
    if (key == "prescriptions") config.prescriptions = reader.list(root, "prescriptions").value_or(std::vector<std::string>{});
    if (key != "runtime_environments") {
      config.other_keys.emplace_back(key, YAML::Dump(entry.second));
      continue;
    }
    if (entry.second.IsNull()) continue;
    if (!entry.second.IsSequence())
      reader.fail(entry.second, "expected a list for `runtime_environments`, found `" + Reader::shown(entry.second) + "`");
    for (const auto& item : entry.second) config.runtime_environments.push_back(runtime_environment(reader, item));
  }
  return config;
}

}  // namespace

std::string_view recommendation_type_name(RecommendationType type) {
  switch (type) {
    case RecommendationType::Latest: return "latest";
    case RecommendationType::Stable: return "stable";
    case RecommendationType::Testing: return "testing";
    case RecommendationType::Performance: return "performance";
    case RecommendationType::Security: return "security";
  }
  return "stable";
}

Result<ThothConfig> parse_thoth_config(std::string_view yaml_text, const std::string& file_name) {
  Reader reader(file_name);
  if (auto bad = find_invalid_yaml_text(yaml_text))  // yaml-cpp would pass the bytes through
    return Error{invalid_utf8_message(yaml_text, *bad), file_name + ":" + line_and_column_of(yaml_text, *bad), ""};
  try {
    return config_from(reader, YAML::Load(std::string(yaml_text)));
  } catch (const ParseFailure& failure) {
    return failure.error;
  } catch (const YAML::Exception& error) {
    return Error{"expected valid YAML, found a syntax error: " + error.msg,
                 file_name + ":" + std::to_string(error.mark.line + 1), ""};
  }
}

Result<RuntimeEnvironment> select_runtime_environment(const ThothConfig& config, const std::string& name) {
  if (config.runtime_environments.empty())
    return Error{"expected at least one runtime environment, found none", "runtime_environments",
                 "run `thoth config` to detect this machine and write one"};
  if (name.empty()) return config.runtime_environments.front();
  std::string known;
  for (const auto& runtime : config.runtime_environments) {
    if (runtime.name == name) return runtime;
    known += (known.empty() ? "" : ", ") + runtime.name.value_or("(unnamed)");
  }
  return Error{"expected a runtime environment named `" + name + "`, found only " + known, "runtime_environments", ""};
}

TargetEnvironment to_target_environment(const RuntimeEnvironment& runtime, const std::string& where) {
  TargetEnvironment target;
  if (runtime.python_version) set_python_version(target, *runtime.python_version, where);
  if (runtime.platform) target.platform = *runtime.platform;
  if (runtime.python_implementation) target.implementation = *runtime.python_implementation;
  target.libc_family = runtime.libc.family.value_or("");
  target.libc_version = runtime.libc.version.value_or("");
  target.libstdcxx_version = runtime.libstdcxx_version.value_or("");
  target.abi_symbols = runtime.abi.value_or(std::vector<std::string>{});
  target.supported_tags = runtime.supported_tags.value_or(std::vector<std::string>{});
  target.cuda_version = runtime.cuda_version.value_or("");
  target.cudnn_version = runtime.cudnn_version.value_or("");
  target.cpu_flags = runtime.hardware.cpu_flags.value_or(std::vector<std::string>{});
  target.gpu_model = runtime.hardware.gpu_model.value_or("");
  for (const std::string& entry : runtime.only_binary.value_or(std::vector<std::string>{}))
    target.only_binary.push_back(entry == ":all:" ? entry : packaging::canonicalize_name(entry));
  return target;
}

}  // namespace thoth::env
