// Parser for `should_include` and its `runtime_environments` (thoth.md §1.3), following upstream's
// schema: recommendation/decision types as lists or `{not: [...]}`, hardware entries with integer or
// null CPU ids, known CPU flags (avx2, avx512, from upstream's cpu_db), nullable `*_version` specifiers.
#include "prescriptions/parse.hpp"

namespace thoth::prescriptions {
namespace {

// `[items]` or `{not: [items]}`, each item read by `read_item` (nullopt = invalid, already reported).
template <class T, class ReadItem>
std::optional<Selection<T>> parse_selection(Reader& r, const YamlNode& node, const std::string& path,
                                            ReadItem read_item) {
  Selection<T> selection;
  const YamlNode* list = &node;
  std::string list_path = path;
  if (node.kind == YamlKind::Map) {
    if (!r.check_map(node, path, {"not"}, {"not"})) return std::nullopt;
    selection.negated = true;
    list = r.child(node, "not");
    list_path = key_path(path, "not");
  }
  std::size_t before = r.error_count();
  r.for_each_item(*list, list_path, 1, [&](const YamlNode& item, const std::string& item_path) {
    if (auto value = read_item(item, item_path)) selection.items.push_back(std::move(*value));
  });
  if (r.error_count() != before) return std::nullopt;
  return selection;
}

// Items that are a non-empty string or null.
auto nullable_string(Reader& r) {
  return [&r](const YamlNode& item, const std::string& path) -> std::optional<std::optional<std::string>> {
    if (r.is_null(item)) return std::optional<std::string>{};
    auto text = r.read_string(item, path);
    if (!text) return std::nullopt;
    return std::optional<std::string>{*text};
  };
}

auto nullable_int(Reader& r) {
  return [&r](const YamlNode& item, const std::string& path) -> std::optional<std::optional<std::int64_t>> {
    if (r.is_null(item)) return std::optional<std::int64_t>{};
    auto value = r.read_int(item, path);
    if (!value) return std::nullopt;
    return std::optional<std::int64_t>{*value};
  };
}

auto plain_string(Reader& r) {
  return [&r](const YamlNode& item, const std::string& path) { return r.read_string(item, path); };
}

std::optional<NullableSpecifier> parse_nullable_specifier(Reader& r, const YamlNode& node, const std::string& path) {
  if (r.is_null(node)) return NullableSpecifier{};
  auto specifier = r.read_specifier(node, path);
  if (!specifier) return std::nullopt;
  return NullableSpecifier{std::move(*specifier)};
}

std::optional<HardwareMatch> parse_hardware(Reader& r, const YamlNode& node, const std::string& path) {
  if (!r.check_map(node, path, {"cpu_families", "cpu_models", "cpu_flags", "gpu_models"})) return std::nullopt;
  HardwareMatch hw;
  auto flag = [&r](const YamlNode& item, const std::string& item_path) -> std::optional<std::string> {
    auto index = r.read_word(item, item_path, {"avx2", "avx512"});
    if (!index) return std::nullopt;
    return std::string(*index == 0 ? "avx2" : "avx512");
  };
  if (const auto* n = r.child(node, "cpu_families")) {
    hw.cpu_families = parse_selection<std::optional<std::int64_t>>(r, *n, key_path(path, "cpu_families"), nullable_int(r));
  }
  if (const auto* n = r.child(node, "cpu_models")) {
    hw.cpu_models = parse_selection<std::optional<std::int64_t>>(r, *n, key_path(path, "cpu_models"), nullable_int(r));
  }
  if (const auto* n = r.child(node, "cpu_flags")) hw.cpu_flags = parse_selection<std::string>(r, *n, key_path(path, "cpu_flags"), flag);
  if (const auto* n = r.child(node, "gpu_models")) {
    hw.gpu_models = parse_selection<std::optional<std::string>>(r, *n, key_path(path, "gpu_models"), nullable_string(r));
  }
  return hw;
}

std::optional<OperatingSystemMatch> parse_operating_system(Reader& r, const YamlNode& node, const std::string& path) {
  if (!r.check_map(node, path, {"name", "version"})) return std::nullopt;
  OperatingSystemMatch os;
  if (const auto* n = r.child(node, "name")) os.name = r.read_string(*n, key_path(path, "name"));
  if (const auto* n = r.child(node, "version")) os.version = r.read_string(*n, key_path(path, "version"));
  return os;
}

std::optional<RpmPackageMatch> parse_rpm_package(Reader& r, const YamlNode& node, const std::string& path) {
  if (!r.check_map(node, path,
                   {"package_name", "package_version", "release", "epoch", "arch", "src", "package_identifier"},
                   {"package_name"})) {
    return std::nullopt;
  }
  RpmPackageMatch rpm;
  rpm.package_name = r.read_string(*r.child(node, "package_name"), key_path(path, "package_name")).value_or("");
  auto text = [&](std::string_view key, std::optional<std::string>& out) {
    if (const auto* n = r.child(node, key)) out = r.read_string(*n, key_path(path, key));
  };
  text("package_version", rpm.package_version);
  text("release", rpm.release);
  text("epoch", rpm.epoch);
  text("arch", rpm.arch);
  text("package_identifier", rpm.package_identifier);
  if (const auto* n = r.child(node, "src")) rpm.src = r.read_bool(*n, key_path(path, "src"));
  return rpm;
}

std::optional<PythonPackageMatch> parse_python_package(Reader& r, const YamlNode& node, const std::string& path) {
  if (!r.check_map(node, path, {"name", "version", "location"}, {"name"})) return std::nullopt;
  PythonPackageMatch package;
  package.name = r.read_package_name(*r.child(node, "name"), key_path(path, "name")).value_or("");
  if (const auto* n = r.child(node, "version")) package.version = r.read_specifier(*n, key_path(path, "version"));
  if (const auto* n = r.child(node, "location"); n != nullptr && !r.is_null(*n)) {
    package.location = r.read_string(*n, key_path(path, "location"));
  }
  return package;
}

template <class T, class Parse>
auto entry_parser(Reader& r, Parse parse) {
  return [&r, parse](const YamlNode& item, const std::string& path) -> std::optional<T> { return parse(r, item, path); };
}

}  // namespace

RuntimeEnvironmentMatch parse_runtime_environments(Reader& r, const YamlNode& node, const std::string& path) {
  RuntimeEnvironmentMatch env;
  if (!r.check_map(node, path,
                   {"operating_systems", "hardware", "python_version", "cuda_version", "cudnn_version",
                    "openblas_version", "openmpi_version", "mkl_version", "platforms", "base_images", "abi",
                    "rpm_packages", "python_packages"})) {
    return env;
  }
  if (const auto* n = r.child(node, "operating_systems")) {
    r.for_each_item(*n, key_path(path, "operating_systems"), 0, [&](const YamlNode& item, const std::string& p) {
      if (auto os = parse_operating_system(r, item, p)) env.operating_systems.push_back(std::move(*os));
    });
  }
  if (const auto* n = r.child(node, "hardware")) {
    r.for_each_item(*n, key_path(path, "hardware"), 1, [&](const YamlNode& item, const std::string& p) {
      if (auto hw = parse_hardware(r, item, p)) env.hardware.push_back(std::move(*hw));
    });
  }
  auto version = [&](std::string_view key, std::optional<NullableSpecifier>& out) {
    if (const auto* n = r.child(node, key)) out = parse_nullable_specifier(r, *n, key_path(path, key));
  };
  version("python_version", env.python_version);
  version("cuda_version", env.cuda_version);
  version("cudnn_version", env.cudnn_version);
  version("openblas_version", env.openblas_version);
  version("openmpi_version", env.openmpi_version);
  version("mkl_version", env.mkl_version);
  if (const auto* n = r.child(node, "platforms")) {
    env.platforms = parse_selection<std::optional<std::string>>(r, *n, key_path(path, "platforms"), nullable_string(r));
  }
  if (const auto* n = r.child(node, "base_images")) {
    env.base_images = parse_selection<std::optional<std::string>>(r, *n, key_path(path, "base_images"), nullable_string(r));
  }
  if (const auto* n = r.child(node, "abi")) env.abi = parse_selection<std::string>(r, *n, key_path(path, "abi"), plain_string(r));
  if (const auto* n = r.child(node, "rpm_packages")) {
    env.rpm_packages = parse_selection<RpmPackageMatch>(r, *n, key_path(path, "rpm_packages"),
                                                        entry_parser<RpmPackageMatch>(r, parse_rpm_package));
  }
  if (const auto* n = r.child(node, "python_packages")) {
    env.python_packages = parse_selection<PythonPackageMatch>(r, *n, key_path(path, "python_packages"),
                                                              entry_parser<PythonPackageMatch>(r, parse_python_package));
  }
  return env;
}

namespace {

void parse_dependencies(Reader& r, const YamlNode& node, const std::string& path, UnitDependencies& out) {
  if (!r.check_map(node, path, {"boots", "pseudonyms", "sieves", "steps", "strides", "wraps"})) return;
  auto names = [&](std::string_view key, std::vector<std::string>& list) {
    const auto* n = r.child(node, key);
    if (n == nullptr) return;
    r.for_each_item(*n, key_path(path, key), 1, [&](const YamlNode& item, const std::string& p) {
      if (auto name = r.read_string(item, p)) list.push_back(*name);
    });
  };
  names("boots", out.boots);
  names("pseudonyms", out.pseudonyms);
  names("sieves", out.sieves);
  names("steps", out.steps);
  names("strides", out.strides);
  names("wraps", out.wraps);
}

// A mapping with free keys; false (after reporting) when `node` is not a mapping.
bool check_free_map(Reader& r, const YamlNode& node, const std::string& path, bool non_empty) {
  if (node.kind != YamlKind::Map) {
    r.error(node, path, "expected a mapping, found " + describe(node));
    return false;
  }
  if (non_empty && node.children.empty()) {
    r.error(node, path, "expected a non-empty mapping, found an empty one");
    return false;
  }
  return true;
}

void parse_labels(Reader& r, const YamlNode& node, const std::string& path, std::map<std::string, std::string>& out) {
  if (!check_free_map(r, node, path, false)) return;
  r.for_each_pair(node, path, [&](const YamlNode& key, const YamlNode& value, const std::string& p) {
    auto name = r.read_string(key, p);
    auto text = r.read_string(value, p);
    if (name && text) out[*name] = *text;
  });
}

void parse_library_usage(Reader& r, const YamlNode& node, const std::string& path,
                         std::map<std::string, std::vector<std::string>>& out) {
  if (!check_free_map(r, node, path, true)) return;
  r.for_each_pair(node, path, [&](const YamlNode& key, const YamlNode& value, const std::string& p) {
    auto library = r.read_string(key, p);
    std::vector<std::string> symbols;
    r.for_each_item(value, p, 1, [&](const YamlNode& item, const std::string& item_path) {
      if (auto symbol = r.read_string(item, item_path)) symbols.push_back(*symbol);
    });
    if (library) out[*library] = std::move(symbols);
  });
}

template <class Enum>
auto enum_word(Reader& r, KeyList words) {
  return [&r, words](const YamlNode& item, const std::string& path) -> std::optional<Enum> {
    auto index = r.read_word(item, path, words);
    if (!index) return std::nullopt;
    return static_cast<Enum>(*index);
  };
}

}  // namespace

ShouldInclude parse_should_include(Reader& r, const YamlNode& node, const std::string& path) {
  ShouldInclude out;
  if (!r.check_map(node, path,
                   {"times", "adviser_pipeline", "dependency_monkey_pipeline", "recommendation_types",
                    "decision_types", "authenticated", "labels", "library_usage", "dependencies",
                    "runtime_environments"})) {
    return out;
  }
  if (const auto* n = r.child(node, "times")) {
    auto times = r.read_int(*n, key_path(path, "times"));
    if (times && (*times < 0 || *times > 1)) r.error(*n, key_path(path, "times"), "expected 0 or 1, found `" + n->text + "`");
    out.times = static_cast<int>(times.value_or(1));
  }
  auto flag = [&](std::string_view key, bool& value) {
    if (const auto* n = r.child(node, key)) value = r.read_bool(*n, key_path(path, key)).value_or(false);
  };
  flag("adviser_pipeline", out.adviser_pipeline);
  flag("dependency_monkey_pipeline", out.dependency_monkey_pipeline);
  if (const auto* n = r.child(node, "recommendation_types")) {
    out.recommendation_types = parse_selection<RecommendationType>(
        r, *n, key_path(path, "recommendation_types"),
        enum_word<RecommendationType>(r, {"latest", "performance", "security", "stable", "testing"}));
  }
  if (const auto* n = r.child(node, "decision_types")) {
    out.decision_types = parse_selection<DecisionType>(r, *n, key_path(path, "decision_types"),
                                                       enum_word<DecisionType>(r, {"all", "random"}));
  }
  if (const auto* n = r.child(node, "authenticated"); n != nullptr && !r.is_null(*n)) {
    out.authenticated = r.read_bool(*n, key_path(path, "authenticated"));
  }
  if (const auto* n = r.child(node, "labels")) parse_labels(r, *n, key_path(path, "labels"), out.labels);
  if (const auto* n = r.child(node, "library_usage")) {
    parse_library_usage(r, *n, key_path(path, "library_usage"), out.library_usage);
  }
  if (const auto* n = r.child(node, "dependencies")) parse_dependencies(r, *n, key_path(path, "dependencies"), out.dependencies);
  if (const auto* n = r.child(node, "runtime_environments")) {
    out.runtime_environments = parse_runtime_environments(r, *n, key_path(path, "runtime_environments"));
  }
  return out;
}

}  // namespace thoth::prescriptions
