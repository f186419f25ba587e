// Independent re-check that a pinned release has a file installing in the target environment
// (see installability.hpp for what is shared with env/ and what is re-derived here).
#include "verify/installability.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "env/abi.hpp"
#include "env/tags.hpp"
#include "env/wheel.hpp"
#include "packaging/specifier.hpp"

namespace thoth::verify {
namespace {

// The environment's tags as a set; for an implementation packaging cannot describe, only the
// interpreter-independent compatible tags (pyXY-none-<platform>, pyXY-none-any).
std::set<std::string> tag_set(const env::TargetEnvironment& environment) {
  if (auto tags = env::supported_tags(environment)) return {tags->begin(), tags->end()};
  auto python = packaging::Version::parse(environment.python_version);
  auto platforms = env::platform_tags(environment);
  if (!python || python->release().size() < 2 || python->release()[0] != 3 || !platforms) return {};
  std::string minor = std::to_string(python->release()[1]);
  std::string interpreter = (environment.implementation == "pypy" ? "pp" : environment.implementation) + "3" + minor;
  auto tags = env::compatible_tags(static_cast<int>(python->release()[1]), interpreter, *platforms);
  return {tags.begin(), tags.end()};
}

// "cu118" -> "11.8" (last digit is the minor), else empty.
std::string cuda_of_segment(const std::string& segment) {
  if (segment.size() < 4 || segment.compare(0, 2, "cu") != 0) return "";
  if (!std::all_of(segment.begin() + 2, segment.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) return "";
  return segment.substr(2, segment.size() - 3) + "." + segment.back();
}

bool at_least(const std::string& have, const std::string& need) {
  auto a = packaging::Version::parse(have);
  auto b = packaging::Version::parse(need);
  return a && b && *a >= *b;
}

bool in_specifier(const std::string& have, const std::string& specifier) {
  auto set = packaging::SpecifierSet::parse(specifier);
  auto version = packaging::Version::parse(have);
  return set && version && set->contains(*version, true);
}

std::optional<std::string> label_problem(const index::Release& release, const env::TargetEnvironment& environment) {
  for (const auto& segment : release.version.local()) {
    if (segment.numeric) continue;
    std::string cuda = cuda_of_segment(segment.text);
    if (cuda.empty()) continue;
    if (environment.cuda_version.empty()) return "needs CUDA " + cuda + " (local label), the environment has none";
    if (!at_least(environment.cuda_version, cuda))
      return "needs CUDA " + cuda + " (local label), the environment has " + environment.cuda_version;
    return std::nullopt;
  }
  return std::nullopt;
}

// Why this one file does not install; nullopt when it does.
std::optional<std::string> file_problem(const std::string& name, const index::DistFile& file,
                                        const env::TargetEnvironment& environment, const std::set<std::string>& tags) {
  if (auto wheel = env::parse_wheel_name(file.filename)) {
    auto all = wheel->tags();
    if (std::none_of(all.begin(), all.end(), [&](const std::string& tag) { return tags.contains(tag); }))
      return file.filename + ": no supported wheel tag";
  } else if (env::parse_sdist_name(file.filename)) {
    bool forbidden = std::any_of(environment.only_binary.begin(), environment.only_binary.end(),
                                 [&](const std::string& entry) { return entry == ":all:" || entry == name; });
    if (forbidden) return file.filename + ": sdist under --only-binary";
  } else {
    return file.filename + ": not a wheel or sdist";
  }
  const env::ArtifactRequirements& needs = file.requirements;
  if (needs.cuda && (environment.cuda_version.empty() || !in_specifier(environment.cuda_version, *needs.cuda)))
    return file.filename + ": CUDA " + *needs.cuda + " not met";
  if (needs.cudnn && (environment.cudnn_version.empty() || !in_specifier(environment.cudnn_version, *needs.cudnn)))
    return file.filename + ": cuDNN " + *needs.cudnn + " not met";
  for (const auto& flag : needs.cpu_flags)
    if (std::find(environment.cpu_flags.begin(), environment.cpu_flags.end(), flag) == environment.cpu_flags.end())
      return file.filename + ": CPU flag " + flag + " missing";
  if (auto missing = env::missing_symbols(needs.abi, environment); !missing.empty())
    return file.filename + ": symbol " + missing.front() + " missing";
  return std::nullopt;
}

}  // namespace

Installability::Installability(const env::TargetEnvironment& environment)
    : m_environment(environment), m_tags(tag_set(environment)) {}

std::optional<std::string> Installability::problem(const std::string& name, const index::Release& release) const {
  if (auto problem = label_problem(release, m_environment)) return problem;
  if (release.files.empty()) return std::nullopt;
  std::vector<std::string> problems;
  for (const auto& file : release.files) {
    auto problem = file_problem(name, file, m_environment, m_tags);
    if (!problem) return std::nullopt;
    problems.push_back(*problem);
  }
  std::string text = "no file installs: ";
  for (std::size_t i = 0; i < problems.size(); ++i) text += (i > 0 ? "; " : "") + problems[i];
  return text;
}

}  // namespace thoth::verify
