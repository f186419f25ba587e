// Scorecard JSON -> Scorecard, the per-package set and its penalty, and the folder loader.
#include "advisories/scorecard.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "base/json_guard.hpp"
#include "packaging/name.hpp"

namespace thoth::advisories {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string string_at(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_string()) return "";
  return object.at(key).get<std::string>();
}

}  // namespace

Result<Scorecard> parse_scorecard(const json& result, const std::string& origin) {
  const char* hint = "expected a ScorecardResult: {\"score\": 0..10, \"checks\": [{\"name\", \"score\"}]}";
  if (!result.is_object() || !result.contains("score") || !result.at("score").is_number())
    return Error{"expected a numeric `score` in the Scorecard result, found none", origin, hint};
  Scorecard out;
  out.score = result.at("score").get<double>();
  if (out.score < 0 || out.score > 10)
    return Error{"expected a `score` between 0 and 10, found " + result.at("score").dump(), origin, hint};
  out.date = string_at(result, "date");
  if (result.contains("repo")) out.repository = string_at(result.at("repo"), "name");
  out.origin = origin;
  if (result.contains("checks")) {
    if (!result.at("checks").is_array()) return Error{"expected `checks` as a list", origin, hint};
    for (const json& check : result.at("checks")) {
      ScorecardCheck parsed{string_at(check, "name"), -1, string_at(check, "reason")};
      if (check.is_object() && check.contains("score") && check.at("score").is_number_integer())
        parsed.score = check.at("score").get<int>();
      out.checks.push_back(std::move(parsed));
    }
  }
  return out;
}

std::uint64_t scorecard_penalty(double score) {
  double clamped = std::clamp(score, 0.0, 10.0);
  return static_cast<std::uint64_t>(std::llround((10.0 - clamped) * 10.0));
}

void ScorecardSet::add(std::string package, Scorecard scorecard) {
  m_by_package[packaging::canonicalize_name(package)] = std::move(scorecard);
}

const Scorecard* ScorecardSet::find(std::string_view package) const {
  auto it = m_by_package.find(packaging::canonicalize_name(package));
  return it == m_by_package.end() ? nullptr : &it->second;
}

std::uint64_t ScorecardSet::penalty(std::string_view package) const {
  const Scorecard* scorecard = find(package);
  return scorecard == nullptr ? 0 : scorecard_penalty(scorecard->score);
}

ScorecardSet load_scorecard_folder(const fs::path& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error))
    throw InputError("expected a folder of Scorecard results (<package>.json), found none", folder.generic_string());
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  ScorecardSet set;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    json parsed = parse_json<json>(text.str(), file.generic_string(), "valid JSON").value();
    set.add(file.stem().string(), parse_scorecard(parsed, file.generic_string()).value());
  }
  return set;
}

}  // namespace thoth::advisories
