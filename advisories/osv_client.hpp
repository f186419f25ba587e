// The OSV API (api.osv.dev, docs: post-v1-querybatch, get-v1-vulns): which advisories affect a list
// of (package, version) pins. One `POST /v1/querybatch` per 1,000 pins returns ids and `modified`
// stamps; each record not already cached with the same `modified` is fetched with `GET /v1/vulns/{id}`.
// Records are cached on disk (`<cache>/osv/vulns/<id>.json`), so a second run with unchanged
// advisories makes one request per 1,000 pins.
//
//   OsvClient client("https://api.osv.dev", cache_dir, {});
//   Result<AdvisoryDatabase> found = client.query({{"jinja2", "2.4.1"}});
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "advisories/advisory.hpp"
#include "advisories/http.hpp"

namespace thoth::advisories {

struct PackageVersion {
  std::string name;
  std::string version;
};

struct OsvStatistics {
  std::size_t batch_requests = 0;
  std::size_t record_requests = 0;
  std::size_t cache_hits = 0;
};

class OsvClient {
 public:
  // `base_url` without a trailing slash ("https://api.osv.dev"); an empty `cache` disables caching.
  OsvClient(std::string base_url, std::filesystem::path cache, HttpOptions options);

  // Every record the API reports for the pins (pagination followed). Error naming the URL on a
  // transport failure, a non-200 status (with the start of the body) or a malformed response.
  [[nodiscard]] Result<AdvisoryDatabase> query(const std::vector<PackageVersion>& pins);

  [[nodiscard]] const OsvStatistics& statistics() const { return m_statistics; }

 private:
  Result<bool> query_batch(const std::vector<PackageVersion>& pins, std::map<std::string, std::string>& modified);
  Result<Advisory> fetch_record(const std::string& id, const std::string& modified);

  std::string m_base_url;
  ResponseCache m_cache;
  HttpOptions m_options;
  OsvStatistics m_statistics;
};

inline constexpr std::size_t kOsvBatchSize = 1000;

}  // namespace thoth::advisories
