// The artifact filter: decides per release which files install in the target environment and, when
// none does, says why in one line that names the files, so an explanation can cite it. The wheel
// tag list is computed once per resolution (a few hundred tags, looked up by name); releases without
// files (most real snapshots) take a fast path, which keeps the filter free on large universes.
#include "encoder/artifacts.hpp"

#include <algorithm>

#include "env/abi.hpp"
#include "env/tags.hpp"

namespace thoth::encoder {
namespace {

// packaging.tags.interpreter_name(): the short name used in wheel tags.
std::string interpreter_abbreviation(const std::string& implementation) {
  if (implementation == "cpython") return "cp";
  if (implementation == "pypy") return "pp";
  if (implementation == "ironpython") return "ip";
  if (implementation == "jython") return "jy";
  return implementation;
}

// The environment's tags: packaging's full list for CPython (or the explicit list); for another
// implementation only its compatible tags (pure-Python and `none`-ABI wheels), because its own ABI
// tag (`pypy39_pp73`) depends on the interpreter build, which the environment does not record.
std::vector<std::string> environment_tags(const env::TargetEnvironment& environment, std::string& error) {
  auto tags = env::supported_tags(environment);
  if (tags) return *tags;
  auto python = packaging::Version::parse(environment.python_version);
  auto platforms = env::platform_tags(environment);
  if (environment.implementation == "cpython" || !python || python->release().size() < 2 ||
      python->release()[0] != 3 || !platforms) {
    error = tags.error().message;
    return {};
  }
  int minor = static_cast<int>(python->release()[1]);
  return env::compatible_tags(minor, interpreter_abbreviation(environment.implementation) + "3" + std::to_string(minor),
                              *platforms);
}

// "a-1.0.tar.gz" / "a-1.0.tar.gz and b.whl" / "a.whl, b.whl and 3 more".
std::string name_files(const std::vector<std::string>& files) {
  constexpr std::size_t kShown = 2;
  std::string text;
  for (std::size_t i = 0; i < files.size() && i < kShown; ++i) {
    if (i > 0) text += files.size() == 2 ? " and " : ", ";
    text += files[i];
  }
  if (files.size() > kShown) text += " and " + std::to_string(files.size() - kShown) + " more";
  return text;
}

// Joins per-file reasons, grouping files that fail for the same reason, in first-seen order.
std::string group_reasons(const std::vector<std::pair<std::string, std::string>>& reason_and_file) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const auto& entry : reason_and_file) {
    const std::string& reason = entry.first;
    auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == reason; });
    if (group == groups.end()) groups.push_back({reason, {entry.second}});
    else group->second.push_back(entry.second);
  }
  std::string text;
  for (const auto& [reason, files] : groups) text += (text.empty() ? "" : "; ") + reason + " (" + name_files(files) + ")";
  return text;
}

// What the tag list was derived from, for reasons: "CPython 3.12.0 on linux-x86_64 with glibc 2.28".
std::string tag_source(const env::TargetEnvironment& environment) {
  if (!environment.supported_tags.empty()) return "the environment's supported_tags list";
  std::string text = environment.describe();
  if (!environment.libc_family.empty()) return text + " with " + environment.libc_family + " " + environment.libc_version;
  if (environment.platform.starts_with("linux")) return text + std::string(" (glibc ") + env::kDefaultGlibcVersion + " assumed)";
  return text;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

// What the local label (`+cu118`) says the build needs; empty when it says nothing.
std::vector<std::string> local_label_shortfall(const index::Release& release, const env::TargetEnvironment& environment) {
  if (!release.version.has_local()) return {};
  auto accelerator = env::accelerator_from_local_label(release.version.local_string());
  if (!accelerator) return {};
  env::RequirementCheck check = env::check_requirements(env::requirements_from_label(*accelerator), environment);
  for (std::string& reason : check.reasons) reason = "+" + release.version.local_string() + " build " + reason;
  return check.reasons;
}

}  // namespace

namespace {

// The tag table of `environment`: the one built last when the environment is equal, else a new
// one. Per thread, so that concurrent resolutions never share a cache entry being replaced.
std::shared_ptr<const TagTable> tag_table_for(const env::TargetEnvironment& environment) {
  thread_local std::optional<env::TargetEnvironment> last_environment;
  thread_local std::shared_ptr<const TagTable> last_table;
  if (last_table && last_environment == environment) return last_table;
  std::string error;
  std::vector<std::string> tags = environment_tags(environment, error);
  env::TagPriorities priorities(tags);
  std::string no_tag_reason = error.empty() ? "no wheel tag supported by " + tag_source(environment)
                                            : "wheel tags unknown for " + environment.describe() + ": " + error;
  last_table = std::make_shared<const TagTable>(
      TagTable{std::move(error), std::move(tags), std::move(priorities), std::move(no_tag_reason)});
  last_environment = environment;
  return last_table;
}

}  // namespace

ArtifactFilter::ArtifactFilter(const env::TargetEnvironment& environment)
    : m_environment(environment), m_table(tag_table_for(environment)) {}

std::optional<std::size_t> ArtifactFilter::file_priority(const std::string& package, const index::DistFile& file,
                                                         std::string& why_not) const {
  std::optional<std::size_t> priority;
  if (file.filename.ends_with(".whl")) {
    auto wheel = env::parse_wheel_name(file.filename);
    if (!wheel) {
      why_not = "not a valid wheel name: " + wheel.error().message;
      return std::nullopt;
    }
    priority = m_table->priorities.best(*wheel);
    if (!priority) {
      why_not = m_table->no_tag_reason;
      return std::nullopt;
    }
  } else if (env::parse_sdist_name(file.filename)) {
    if (!m_environment.sdist_allowed(package)) {
      why_not = "sdist, but only binaries are allowed for " + package;
      return std::nullopt;
    }
    priority = m_table->priorities.size();
  } else {
    why_not = "neither a wheel nor an sdist (.tar.gz, .zip)";
    return std::nullopt;
  }
  env::RequirementCheck check = env::check_requirements(file.requirements, m_environment);
  if (!check.satisfied) {
    why_not = join(check.reasons, ", ");
    return std::nullopt;
  }
  return priority;
}

ReleaseArtifacts ArtifactFilter::check(const std::string& package, const index::Release& release) const {
  ReleaseArtifacts verdict;
  if (release.files.empty() && !release.version.has_local()) return verdict;  // one pure-Python wheel
  std::string heading = "no file of " + package + " " + release.version_text + " installs: ";
  std::vector<std::string> label = local_label_shortfall(release, m_environment);
  if (!label.empty()) {
    verdict.installable = false;
    verdict.reason = heading + join(label, ", ");
    return verdict;
  }
  if (release.files.empty()) return verdict;
  std::vector<std::pair<std::size_t, std::size_t>> ranked;  // (priority, file index)
  std::vector<std::pair<std::string, std::string>> failures;  // (reason, file name)
  for (std::size_t i = 0; i < release.files.size(); ++i) {
    std::string why_not;
    if (auto priority = file_priority(package, release.files[i], why_not)) ranked.emplace_back(*priority, i);
    else failures.emplace_back(std::move(why_not), release.files[i].filename);
  }
  std::stable_sort(ranked.begin(), ranked.end());
  for (const auto& [priority, index] : ranked) verdict.files.push_back(index);
  verdict.installable = !verdict.files.empty();
  if (!verdict.installable) verdict.reason = heading + group_reasons(failures);
  return verdict;
}

}  // namespace thoth::encoder
