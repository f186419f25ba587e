// Wheel and sdist file names (PEP 427, PEP 425 compressed tag sets, PEP 625 sdists), following
// packaging 23.0 utils.parse_wheel_filename / parse_sdist_filename so that the same files are
// accepted and rejected, plus the tag-priority lookup installers use to rank wheels.
#include "env/wheel.hpp"

#include <algorithm>
#include <cctype>

#include "packaging/name.hpp"

namespace thoth::env {
namespace {

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

Error bad_name(std::string_view file_name, const std::string& expected, std::string_view found) {
  return Error{"expected " + expected + ", found `" + std::string(found) + "`", std::string(file_name), ""};
}

// packaging: "__" is rejected, and only word characters and "." are allowed. packaging also takes an
// empty name ("-1.0-py3-none-any.whl"); no distribution has one, so thoth refuses it (found by fuzzing).
bool valid_wheel_name_part(std::string_view name) {
  if (name.empty() || name.find("__") != std::string_view::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  });
}

Result<std::vector<std::string>> tag_set(std::string_view file_name, std::string_view part, const char* what) {
  std::vector<std::string> values = split(part, '.');
  for (const auto& value : values)
    if (value.empty()) return bad_name(file_name, std::string("a ") + what + " tag", part);
  return values;
}

}  // namespace

std::vector<std::string> WheelName::tags() const {
  std::vector<std::string> all;
  for (const auto& python : python_tags)
    for (const auto& abi : abi_tags)
      for (const auto& platform : platform_tags) all.push_back(python + "-" + abi + "-" + platform);
  return all;
}

Result<WheelName> parse_wheel_name(std::string_view file_name) {
  if (!file_name.ends_with(".whl")) return bad_name(file_name, "a file name ending in .whl", file_name);
  std::vector<std::string> parts = split(file_name.substr(0, file_name.size() - 4), '-');
  if (parts.size() != 5 && parts.size() != 6)
    return bad_name(file_name, "{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl", file_name);
  if (!valid_wheel_name_part(parts[0])) return bad_name(file_name, "a distribution name", parts[0]);
  auto version = packaging::Version::parse(parts[1]);
  if (!version) return bad_name(file_name, "a PEP 440 version", parts[1]);
  std::optional<std::string> build;
  if (parts.size() == 6) {
    if (parts[2].empty() || !std::isdigit(static_cast<unsigned char>(parts[2][0])))
      return bad_name(file_name, "a build tag starting with a digit", parts[2]);
    build = parts[2];
  }
  std::size_t tag_start = parts.size() - 3;
  auto python = tag_set(file_name, parts[tag_start], "python");
  auto abi = tag_set(file_name, parts[tag_start + 1], "abi");
  auto platform = tag_set(file_name, parts[tag_start + 2], "platform");
  if (!python) return python.error();
  if (!abi) return abi.error();
  if (!platform) return platform.error();
  return WheelName{packaging::canonicalize_name(parts[0]), *version, build, *python, *abi, *platform};
}

Result<SdistName> parse_sdist_name(std::string_view file_name) {
  std::string extension;
  if (file_name.ends_with(".tar.gz")) extension = ".tar.gz";
  else if (file_name.ends_with(".zip")) extension = ".zip";
  else return bad_name(file_name, "a file name ending in .tar.gz or .zip", file_name);
  std::string_view stem = file_name.substr(0, file_name.size() - extension.size());
  std::size_t dash = stem.rfind('-');
  if (dash == std::string_view::npos || dash == 0) return bad_name(file_name, "{name}-{version}" + extension, file_name);
  auto version = packaging::Version::parse(stem.substr(dash + 1));
  if (!version) return bad_name(file_name, "a PEP 440 version", stem.substr(dash + 1));
  return SdistName{packaging::canonicalize_name(stem.substr(0, dash)), *version, extension};
}

TagPriorities::TagPriorities(const std::vector<std::string>& supported_best_first)
    : m_size(supported_best_first.size()) {
  // emplace keeps the first (best) index when a tag is listed twice.
  for (std::size_t i = 0; i < supported_best_first.size(); ++i) m_index.emplace(supported_best_first[i], i);
}

std::optional<std::size_t> TagPriorities::priority(const std::string& tag) const {
  auto found = m_index.find(tag);
  if (found == m_index.end()) return std::nullopt;
  return found->second;
}

std::optional<std::size_t> TagPriorities::best(const WheelName& wheel) const {
  std::optional<std::size_t> best;
  for (const auto& tag : wheel.tags()) {
    auto index = priority(tag);
    if (index && (!best || *index < *best)) best = index;
  }
  return best;
}

Result<std::optional<std::size_t>> file_priority(std::string_view file_name, const TagPriorities& supported) {
  if (file_name.ends_with(".whl")) {
    auto wheel = parse_wheel_name(file_name);
    if (!wheel) return wheel.error();
    return supported.best(*wheel);
  }
  auto sdist = parse_sdist_name(file_name);
  if (!sdist) return sdist.error();
  return std::optional<std::size_t>(supported.size());
}

}  // namespace thoth::env
