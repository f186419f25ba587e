// The OpenSSF Scorecard API (api.securityscorecards.dev, `GET /projects/{platform}/{org}/{repo}`):
// one ScorecardResult per repository, cached on disk for `max_age` (`<cache>/scorecards/`).
// 404 means the repository is not scored (nullopt); other failures are errors naming the URL.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "advisories/http.hpp"
#include "advisories/scorecard.hpp"

namespace thoth::advisories {

class ScorecardClient {
 public:
  ScorecardClient(std::string base_url, std::filesystem::path cache, HttpOptions options,
                  std::chrono::seconds max_age = std::chrono::hours(24 * 7));
  // `repository` as "github.com/pallets/flask".
  [[nodiscard]] Result<std::optional<Scorecard>> fetch(const std::string& repository);
  std::size_t requests = 0;
  std::size_t cache_hits = 0;

 private:
  std::string m_base_url;
  ResponseCache m_cache;
  HttpOptions m_options;
  std::chrono::seconds m_max_age;
};

}  // namespace thoth::advisories
