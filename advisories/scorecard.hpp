// OpenSSF Scorecard results per project (the Scorecard JSON of api.securityscorecards.dev,
// ossf/scorecard-webapp openapi.yaml): an aggregate score 0..10 and per-check scores (-1 =
// inconclusive). A folder holds one `<package>.json` per Python package (PEP 503 name), each a
// ScorecardResult; the API client (scorecard_client.hpp) fetches the same JSON by repository.
//
//   ScorecardSet set = load_scorecard_folder("scorecards");
//   std::uint64_t penalty = set.penalty("flask");   // 0 for an unscored package
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.hpp"

namespace thoth::advisories {

struct ScorecardCheck {
  std::string name;    // "Maintained", "Code-Review", ...
  int score = -1;      // 0..10, -1 = inconclusive
  std::string reason;
};

struct Scorecard {
  std::string repository;  // "github.com/pallets/flask"
  std::string date;
  double score = 0;        // aggregate 0..10
  std::vector<ScorecardCheck> checks;
  std::string origin;      // file or URL it came from
};

// Error naming `origin` when the JSON is not a ScorecardResult (no numeric `score`, bad `checks`).
[[nodiscard]] Result<Scorecard> parse_scorecard(const nlohmann::json& result, const std::string& origin);

class ScorecardSet {
 public:
  void add(std::string package, Scorecard scorecard);  // package in any spelling
  [[nodiscard]] const Scorecard* find(std::string_view package) const;
  // round((10 - score) * 10): 0 for a perfect 10, 100 for 0; 0 for a package with no scorecard.
  [[nodiscard]] std::uint64_t penalty(std::string_view package) const;
  [[nodiscard]] const std::map<std::string, Scorecard, std::less<>>& all() const { return m_by_package; }

 private:
  std::map<std::string, Scorecard, std::less<>> m_by_package;  // canonical name -> scorecard
};

[[nodiscard]] std::uint64_t scorecard_penalty(double score);

// Every `<package>.json` in `folder` (not recursive). Throws InputError naming the folder or file.
[[nodiscard]] ScorecardSet load_scorecard_folder(const std::filesystem::path& folder);

}  // namespace thoth::advisories
