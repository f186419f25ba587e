// Scorecard API client: GET, 404 -> not scored, 200 -> parse_scorecard; responses cached by repository.
#include "advisories/scorecard_client.hpp"

#include "base/json_guard.hpp"

namespace thoth::advisories {

ScorecardClient::ScorecardClient(std::string base_url, std::filesystem::path cache, HttpOptions options,
                                 std::chrono::seconds max_age)
    : m_base_url(std::move(base_url)), m_cache(cache.empty() ? cache : cache / "scorecards"), m_options(options),
      m_max_age(max_age) {}

Result<std::optional<Scorecard>> ScorecardClient::fetch(const std::string& repository) {
  std::string url = m_base_url + "/projects/" + repository;
  std::string body;
  bool fetched = false;
  if (auto cached = m_cache.get(repository, m_max_age)) {
    ++cache_hits;
    body = *cached;
  } else {
    ++requests;
    auto response = http_request("GET", url, "", m_options);
    if (!response) return response.error();
    if (response->status == 404) return std::optional<Scorecard>{};
    if (response->status != 200)
      return Error{"expected HTTP 200 or 404, found " + std::to_string(response->status), url, ""};
    body = response->body;
    fetched = true;
  }
  auto parsed = parse_json<nlohmann::json>(body, url, "a JSON Scorecard result");
  if (!parsed) return parsed.error();
  auto scorecard = parse_scorecard(*parsed, url);
  if (!scorecard) return scorecard.error();
  if (fetched) m_cache.put(repository, body);
  return std::optional<Scorecard>{std::move(*scorecard)};
}

}  // namespace thoth::advisories
