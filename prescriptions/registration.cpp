// should_include evaluation for advise runs (thoth.md §1.3). Where upstream's code and docs disagree
// we implement the documented intent (docs/prescriptions.md, "Registration"):
//  * `cuda_version: null` (and the other *_version keys) means "not present", not "anything";
//  * `hardware` entries are alternatives (the docs; upstream's code requires all of them, which would make
//    the repository's own multi-entry lists, e.g. avx2 or avx512 for deepsparse, never match);
//  * `library_usage` checks every expected symbol against every used one;
//  * `abi` does not end the check early: rpm_packages and python_packages are still checked.
#include "prescriptions/registration.hpp"

#include <algorithm>

#include "env/abi.hpp"
#include "packaging/version.hpp"

namespace thoth::prescriptions {
namespace {

template <class T, class V>
bool selected(const Selection<T>& selection, const V& value) {
  bool listed = std::find(selection.items.begin(), selection.items.end(), value) != selection.items.end();
  return selection.negated ? !listed : listed;
}

std::optional<std::string> non_empty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

// A *_version key: absent = any; null = the component is absent; a specifier = present and matching.
bool version_matches(const std::optional<NullableSpecifier>& rule, const std::optional<std::string>& actual) {
  if (!rule) return true;
  if (!rule->specifier) return !actual;
  if (!actual) return false;
  auto version = packaging::Version::parse(*actual);
  return version && rule->specifier->contains(*version, true);
}

// UBI is RHEL (UbiBoot); a RHEL version is compared by its major part (RHELVersionBoot).
std::pair<std::optional<std::string>, std::optional<std::string>> normalised_os(const RequestFacts& facts) {
  std::optional<std::string> name = facts.os_name, version = facts.os_version;
  if (name == "ubi") name = "rhel";
  if (name == "rhel" && version) version = version->substr(0, version->find('.'));
  return {name, version};
}

bool operating_system_matches(const std::vector<OperatingSystemMatch>& entries, const RequestFacts& facts) {
  if (entries.empty()) return true;
  auto normalised = normalised_os(facts);  // no structured binding: clang 14 cannot capture one
  const auto& name = normalised.first;
  const auto& version = normalised.second;
  return std::any_of(entries.begin(), entries.end(), [&](const OperatingSystemMatch& entry) {
    return (!entry.name || entry.name == name) && (!entry.version || entry.version == version);
  });
}

bool hardware_entry_matches(const HardwareMatch& entry, const RequestFacts& facts) {
  if (entry.cpu_families) {
    std::optional<std::int64_t> family;
    if (facts.cpu_family) family = *facts.cpu_family;
    if (!selected(*entry.cpu_families, family)) return false;
  }
  if (entry.cpu_models) {
    std::optional<std::int64_t> model;
    if (facts.cpu_model) model = *facts.cpu_model;
    if (!selected(*entry.cpu_models, model)) return false;
  }
  if (entry.cpu_flags) {
    // Upstream maps family/model to flags through its cpu_db; we know the flags themselves.
    const auto& flags = facts.target.cpu_flags;
    auto has = [&](const std::string& flag) { return std::find(flags.begin(), flags.end(), flag) != flags.end(); };
    bool all = std::all_of(entry.cpu_flags->items.begin(), entry.cpu_flags->items.end(), has);
    bool none = std::none_of(entry.cpu_flags->items.begin(), entry.cpu_flags->items.end(), has);
    if (entry.cpu_flags->negated ? !none : !all) return false;
  }
  if (entry.gpu_models && !selected(*entry.gpu_models, non_empty(facts.target.gpu_model))) return false;
  return true;
}

bool abi_matches(const Selection<std::string>& abi, const RequestFacts& facts) {
  std::set<std::string> provided = env::provided_symbols(facts.target);
  auto has = [&](const std::string& symbol) { return provided.count(symbol) > 0; };
  return abi.negated ? std::none_of(abi.items.begin(), abi.items.end(), has)
                     : std::all_of(abi.items.begin(), abi.items.end(), has);
}

// The packages of an analysed base image are not known locally: a positive list never matches, a
// negated one always does.
template <class T>
bool image_content_matches(const std::optional<Selection<T>>& selection) {
  return !selection || selection->negated;
}

bool library_usage_matches(const std::map<std::string, std::vector<std::string>>& expected, const RequestFacts& facts) {
  for (const auto& [library, symbols] : expected) {
    auto used = facts.library_usage.find(library);
    if (used == facts.library_usage.end()) return false;
    for (const std::string& symbol : symbols) {
      bool prefix = symbol.ends_with("*");
      std::string_view stem = prefix ? std::string_view(symbol).substr(0, symbol.size() - 1) : std::string_view(symbol);
      bool found = std::any_of(used->second.begin(), used->second.end(), [&](const std::string& u) {
        return prefix ? std::string_view(u).starts_with(stem) : u == symbol;
      });
      if (!found) return false;
    }
  }
  return true;
}

bool dependencies_registered(const UnitDependencies& dependencies, const RegisteredLookup& registered) {
  const std::pair<std::string_view, const std::vector<std::string>*> lists[] = {
      {"boots", &dependencies.boots},     {"pseudonyms", &dependencies.pseudonyms}, {"sieves", &dependencies.sieves},
      {"steps", &dependencies.steps},     {"strides", &dependencies.strides},       {"wraps", &dependencies.wraps}};
  for (const auto& [section, names] : lists)
    for (const std::string& name : *names)
      if (!registered || !registered(section, name)) return false;
  return true;
}

}  // namespace

bool base_image_matches(std::string_view pattern, std::string_view image) {
  auto split = [](std::string_view text) {
    auto colon = text.rfind(':');
    auto slash = text.rfind('/');
    if (colon == std::string_view::npos || (slash != std::string_view::npos && colon < slash))
      return std::pair<std::string_view, std::optional<std::string_view>>{text, std::nullopt};
    return std::pair<std::string_view, std::optional<std::string_view>>{text.substr(0, colon), text.substr(colon + 1)};
  };
  auto [want_name, want_tag] = split(pattern);
  auto [name, tag] = split(image);
  if (want_name != name) return false;
  if (!want_tag) return true;
  if (!tag) return false;
  if (want_tag->ends_with("*")) return tag->starts_with(want_tag->substr(0, want_tag->size() - 1));
  return *want_tag == *tag;
}

bool runtime_environment_matches(const RuntimeEnvironmentMatch& match, const RequestFacts& facts) {
  const env::TargetEnvironment& target = facts.target;
  if (!operating_system_matches(match.operating_systems, facts)) return false;
  if (!match.hardware.empty() && std::none_of(match.hardware.begin(), match.hardware.end(), [&](const HardwareMatch& entry) {
        return hardware_entry_matches(entry, facts);
      }))
    return false;
  if (!version_matches(match.python_version, target.python_version)) return false;
  if (!version_matches(match.cuda_version, non_empty(target.cuda_version))) return false;
  if (!version_matches(match.cudnn_version, non_empty(target.cudnn_version))) return false;
  if (!version_matches(match.mkl_version, facts.mkl_version)) return false;
  if (!version_matches(match.openblas_version, facts.openblas_version)) return false;
  if (!version_matches(match.openmpi_version, facts.openmpi_version)) return false;
  if (match.platforms && !selected(*match.platforms, std::optional<std::string>(target.platform))) return false;
  if (match.base_images) {
    bool listed = std::any_of(match.base_images->items.begin(), match.base_images->items.end(),
                              [&](const std::optional<std::string>& pattern) {
                                if (!pattern || !facts.base_image) return !pattern && !facts.base_image;
                                return base_image_matches(*pattern, *facts.base_image);
                              });
    if (match.base_images->negated == listed) return false;
  }
  if (match.abi && !abi_matches(*match.abi, facts)) return false;
  return image_content_matches(match.rpm_packages) && image_content_matches(match.python_packages);
}

bool should_include(const ShouldInclude& rule, const RequestFacts& facts, const RegisteredLookup& registered) {
  if (rule.times == 0 || !rule.adviser_pipeline) return false;
  if (rule.recommendation_types && !selected(*rule.recommendation_types, facts.recommendation_type)) return false;
  if (rule.authenticated && *rule.authenticated != facts.authenticated) return false;
  if (!rule.labels.empty()) {
    bool any = std::any_of(rule.labels.begin(), rule.labels.end(), [&](const auto& pair) {
      auto it = facts.labels.find(pair.first);
      return it != facts.labels.end() && it->second == pair.second;
    });
    if (!any) return false;
  }
  if (!library_usage_matches(rule.library_usage, facts)) return false;
  if (rule.runtime_environments && !runtime_environment_matches(*rule.runtime_environments, facts)) return false;
  return dependencies_registered(rule.dependencies, registered);
}

}  // namespace thoth::prescriptions
