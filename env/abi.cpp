// ELF symbol-version sets, CUDA local labels and `requires` maps (thoth.md §3.12). Thoth checked a
// wheel's required symbols against the symbols of an analysed container image; we derive the image
// side from the glibc and libstdc++ versions when no explicit list is given. The libstdc++ table is
// the version history of GCC's manual (libstdc++ "ABI Policy and Guidelines", section "History"):
// a GCC release not listed has the labels of the preceding one.
#include "env/abi.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "env/dotted_numbers.hpp"
#include "packaging/specifier.hpp"

namespace thoth::env {
namespace {

constexpr LibstdcxxRelease kReleases[] = {
    {"4.8.0", 18, 18, 7},  {"4.8.3", 19, 19, 7},  {"4.9.0", 20, 20, 8},  {"5.1.0", 21, 21, 9},
    {"6.1.0", 22, 22, 10}, {"7.1.0", 23, 23, 11}, {"7.2.0", 24, 24, 11}, {"8.1.0", 25, 25, 11},
    {"9.1.0", 26, 26, 12}, {"9.2.0", 27, 27, 12}, {"9.3.0", 28, 28, 12}, {"10.1.0", 28, 28, 12},
    {"11.1.0", 29, 29, 13}, {"12.1.0", 30, 30, 13}, {"13.1.0", 31, 31, 14}, {"13.2.0", 32, 32, 14},
    {"14.1.0", 33, 33, 15},
};

// glibc versions below 2.4 with a third component (i386 2.1.x/2.2.x, x86_64 baseline 2.2.5).
constexpr int kOldGlibc[][3] = {{2, 0, 0}, {2, 1, 0}, {2, 1, 1}, {2, 1, 2}, {2, 1, 3}, {2, 2, 0},
                                {2, 2, 1}, {2, 2, 2}, {2, 2, 3}, {2, 2, 4}, {2, 2, 5}, {2, 2, 6},
                                {2, 3, 0}, {2, 3, 2}, {2, 3, 3}, {2, 3, 4}};

std::vector<int> padded(std::vector<int> numbers) {
  numbers.resize(3, 0);
  return numbers;
}

std::string glibc_symbol(int major, int minor, int patch) {
  std::string symbol = "GLIBC_" + std::to_string(major) + "." + std::to_string(minor);
  return patch == 0 ? symbol : symbol + "." + std::to_string(patch);
}

void add_glibc_symbols(std::set<std::string>& out, const std::vector<int>& glibc) {
  std::vector<int> limit = padded(glibc);
  for (const auto& old : kOldGlibc)
    if (std::vector<int>{old[0], old[1], old[2]} <= limit) out.insert(glibc_symbol(old[0], old[1], old[2]));
  for (int minor = 4; limit[0] == 2 && minor <= limit[1]; ++minor) out.insert(glibc_symbol(2, minor, 0));
}

void add_libstdcxx_symbols(std::set<std::string>& out, const LibstdcxxRelease& release) {
  out.insert("GLIBCXX_3.4");
  for (int n = 1; n <= release.glibcxx; ++n) out.insert("GLIBCXX_3.4." + std::to_string(n));
  out.insert("CXXABI_1.3");
  for (int m = 1; m <= release.cxxabi; ++m) out.insert("CXXABI_1.3." + std::to_string(m));
}

bool glibc_known(const TargetEnvironment& env) {
  return env.libc_family == "glibc" && detail::leading_numbers(env.libc_version, 2).has_value();
}

// Is `symbol` of a family the environment (without explicit list) says nothing about?
bool unknown_family(const std::string& symbol, const TargetEnvironment& env) {
  if (symbol.starts_with("GLIBC_")) return !glibc_known(env) && env.libc_family != "musl";
  if (symbol.starts_with("GLIBCXX_") || symbol.starts_with("CXXABI_"))
    return !find_libstdcxx_release(env.libstdcxx_version).has_value();
  return false;
}

Result<std::optional<std::string>> specifier_field(const nlohmann::json& value, const std::string& key) {
  if (value.is_null()) return std::optional<std::string>();
  if (!value.is_string()) return Error{"expected a version specifier string for `" + key + "`, found `" + value.dump() + "`", "requires", ""};
  std::string text = value.get<std::string>();
  if (!packaging::SpecifierSet::parse(text))
    return Error{"expected a version specifier for `" + key + "`, found `" + text + "`", "requires", "write it like >=11.8"};
  return std::optional<std::string>(text);
}

Result<std::vector<std::string>> string_list(const nlohmann::json& value, const std::string& key) {
  std::vector<std::string> items;
  if (!value.is_array()) return Error{"expected a list for `" + key + "`, found `" + value.dump() + "`", "requires", ""};
  for (const auto& item : value) {
    if (!item.is_string()) return Error{"expected a string in `" + key + "`, found `" + item.dump() + "`", "requires", ""};
    items.push_back(item.get<std::string>());
  }
  return items;
}

// "needs CUDA >=11.8, environment has 11.2" or "" when satisfied.
std::string version_shortfall(const char* what, const std::optional<std::string>& specifier, const std::string& have) {
  if (!specifier) return "";
  if (have.empty()) return std::string("needs ") + what + " " + *specifier + ", environment has none";
  auto set = packaging::SpecifierSet::parse(*specifier);
  auto version = packaging::Version::parse(have);
  if (set && version && set->contains(*version, true)) return "";
  return std::string("needs ") + what + " " + *specifier + ", environment has " + have;
}

// A partial GCC version ("12", "9.2") names the first release with that prefix; a full one the
// last release at or below it within the same major version (10.2.0 -> 10.1.0).
std::optional<LibstdcxxRelease> find_gcc_release(const std::vector<int>& version) {
  std::optional<LibstdcxxRelease> best;
  for (const auto& release : kReleases) {
    std::vector<int> gcc = *detail::leading_numbers(release.gcc, 3);
    if (gcc[0] != version[0]) continue;
    if (version.size() < 3 && std::equal(version.begin(), version.end(), gcc.begin())) return release;
    if (version.size() >= 3 && gcc <= version) best = release;
  }
  return best;
}

}  // namespace

std::span<const LibstdcxxRelease> libstdcxx_releases() { return kReleases; }

std::optional<LibstdcxxRelease> find_libstdcxx_release(std::string_view version) {
  auto numbers = detail::leading_numbers(version, 1);
  if (!numbers) return std::nullopt;
  if (numbers->size() == 3 && (*numbers)[0] == 6 && (*numbers)[1] == 0) {
    for (const auto& release : kReleases)
      if (release.library == (*numbers)[2]) return release;
    return std::nullopt;
  }
  return find_gcc_release(*numbers);
}

std::set<std::string> provided_symbols(const TargetEnvironment& env) {
  if (!env.abi_symbols.empty()) return {env.abi_symbols.begin(), env.abi_symbols.end()};
  std::set<std::string> symbols;
  if (glibc_known(env)) add_glibc_symbols(symbols, *detail::leading_numbers(env.libc_version, 2));
  if (auto release = find_libstdcxx_release(env.libstdcxx_version)) add_libstdcxx_symbols(symbols, *release);
  return symbols;
}

std::vector<std::string> missing_symbols(const std::vector<std::string>& required, const TargetEnvironment& env) {
  std::set<std::string> provided = provided_symbols(env);
  std::set<std::string> missing;
  for (const auto& symbol : required) {
    if (provided.contains(symbol)) continue;
    if (env.abi_symbols.empty() && unknown_family(symbol, env)) continue;
    missing.insert(symbol);
  }
  return {missing.begin(), missing.end()};
}

std::optional<LocalLabelAccelerator> accelerator_from_local_label(std::string_view local_label) {
  std::size_t start = 0;
  while (start <= local_label.size()) {
    std::size_t end = local_label.find_first_of("._-", start);
    std::string_view segment = local_label.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (segment == "cpu") return LocalLabelAccelerator{LocalLabelAccelerator::Kind::CpuOnly, ""};
    bool digits = segment.size() >= 4 && segment.starts_with("cu") &&
                  std::all_of(segment.begin() + 2, segment.end(), [](char c) { return c >= '0' && c <= '9'; });
    // cuXYZ: the last digit is the minor version (cu92 = 9.2, cu118 = 11.8, cu121 = 12.1).
    if (digits) {
      std::string number(segment.substr(2));
      return LocalLabelAccelerator{LocalLabelAccelerator::Kind::Cuda, number.substr(0, number.size() - 1) + "." + number.back()};
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return std::nullopt;
}

Result<ArtifactRequirements> parse_artifact_requirements(const nlohmann::json& requires_map) {
  ArtifactRequirements requirements;
  if (requires_map.is_null()) return requirements;
  if (!requires_map.is_object()) return Error{"expected a map for `requires`, found `" + requires_map.dump() + "`", "requires", ""};
  for (const auto& [key, value] : requires_map.items()) {
    if (key == "cuda" || key == "cudnn") {
      auto specifier = specifier_field(value, key);
      if (!specifier) return specifier.error();
      (key == "cuda" ? requirements.cuda : requirements.cudnn) = *specifier;
    } else if (key == "cpu_flags" || key == "abi") {
      auto list = string_list(value, key);
      if (!list) return list.error();
      (key == "cpu_flags" ? requirements.cpu_flags : requirements.abi) = *list;
    } else {
      return Error{"expected one of cuda, cudnn, cpu_flags, abi, found `" + key + "`", "requires", ""};
    }
  }
  return requirements;
}

ArtifactRequirements requirements_from_label(const LocalLabelAccelerator& accelerator) {
  ArtifactRequirements requirements;
  if (accelerator.kind == LocalLabelAccelerator::Kind::Cuda) requirements.cuda = ">=" + accelerator.cuda_version;
  return requirements;
}

RequirementCheck check_requirements(const ArtifactRequirements& requirements, const TargetEnvironment& env) {
  RequirementCheck check;
  for (const std::string& reason : {version_shortfall("CUDA", requirements.cuda, env.cuda_version),
                                    version_shortfall("cuDNN", requirements.cudnn, env.cudnn_version)})
    if (!reason.empty()) check.reasons.push_back(reason);
  for (const auto& flag : requirements.cpu_flags)
    if (std::find(env.cpu_flags.begin(), env.cpu_flags.end(), flag) == env.cpu_flags.end())
      check.reasons.push_back("needs CPU flag " + flag + ", environment does not list it");
  for (const auto& symbol : missing_symbols(requirements.abi, env))
    check.reasons.push_back("needs symbol " + symbol + ", environment does not provide it");
  check.satisfied = check.reasons.empty();
  return check;
}

}  // namespace thoth::env
