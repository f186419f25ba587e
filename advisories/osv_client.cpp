// OSV querybatch + vulns/{id} with a per-record disk cache keyed by id and checked against the
// `modified` stamp the batch reports.
#include "advisories/osv_client.hpp"

#include "base/json_guard.hpp"

namespace thoth::advisories {
namespace {

using nlohmann::json;

Result<json> parse_response(const Result<HttpResponse>& response, const std::string& url) {
  if (!response) return response.error();
  if (response->status != 200) {
    std::string start = response->body.substr(0, 200);
    return Error{"expected HTTP 200, found " + std::to_string(response->status) + (start.empty() ? "" : ": " + start),
                 url, response->status == 429 ? "the API is rate limiting; retry later" : ""};
  }
  return parse_json<json>(response->body, url, "a JSON response");
}

json batch_body(const std::vector<PackageVersion>& pins, std::size_t first, std::size_t last,
                const std::vector<std::string>& page_tokens) {
  json queries = json::array();
  for (std::size_t i = first; i < last; ++i) {
    json query = {{"package", {{"name", pins[i].name}, {"ecosystem", "PyPI"}}}, {"version", pins[i].version}};
    if (!page_tokens[i - first].empty()) query["page_token"] = page_tokens[i - first];
    queries.push_back(std::move(query));
  }
  return {{"queries", queries}};
}

}  // namespace

OsvClient::OsvClient(std::string base_url, std::filesystem::path cache, HttpOptions options)
    : m_base_url(std::move(base_url)), m_cache(cache.empty() ? cache : cache / "osv" / "vulns"), m_options(options) {}

// One chunk of at most kOsvBatchSize pins; follows next_page_token per query until none is left.
Result<bool> OsvClient::query_batch(const std::vector<PackageVersion>& pins, std::map<std::string, std::string>& modified) {
  std::string url = m_base_url + "/v1/querybatch";
  for (std::size_t first = 0; first < pins.size(); first += kOsvBatchSize) {
    std::size_t last = std::min(pins.size(), first + kOsvBatchSize);
    std::vector<std::string> tokens(last - first);
    std::vector<std::size_t> pending;
    for (std::size_t i = first; i < last; ++i) pending.push_back(i);
    while (!pending.empty()) {
      std::vector<PackageVersion> subset;
      std::vector<std::string> subset_tokens;
      for (std::size_t i : pending) {
        subset.push_back(pins[i]);
        subset_tokens.push_back(tokens[i - first]);
      }
      ++m_statistics.batch_requests;
      auto response = parse_response(http_request("POST", url, batch_body(subset, 0, subset.size(), subset_tokens).dump(), m_options), url);
      if (!response) return response.error();
      const json& results = (*response).value("results", json::array());
      if (!results.is_array() || results.size() != subset.size())
        return Error{"expected one result per query (" + std::to_string(subset.size()) + "), found " +
                         std::to_string(results.is_array() ? results.size() : 0), url, ""};
      std::vector<std::size_t> next;
      for (std::size_t j = 0; j < results.size(); ++j) {
        for (const json& vuln : results[j].value("vulns", json::array()))
          if (vuln.contains("id") && vuln.at("id").is_string())
            modified[vuln.at("id").get<std::string>()] = vuln.value("modified", "");
        std::string token = results[j].value("next_page_token", "");
        if (!token.empty()) {
          tokens[pending[j] - first] = token;
          next.push_back(pending[j]);
        }
      }
      pending = std::move(next);
    }
  }
  return true;
}

Result<Advisory> OsvClient::fetch_record(const std::string& id, const std::string& modified) {
  std::string url = m_base_url + "/v1/vulns/" + id;
  if (auto cached = m_cache.get(id + ".json", std::chrono::seconds(0))) {
    try {
      json record = json::parse(*cached);
      if (record.value("modified", "") == modified) {
        ++m_statistics.cache_hits;
        return parse_osv_record(record, url);
      }
    } catch (const json::exception&) {
      // a damaged cache entry is refetched
    }
  }
  ++m_statistics.record_requests;
  auto response = parse_response(http_request("GET", url, "", m_options), url);
  if (!response) return response.error();
  auto advisory = parse_osv_record(*response, url);
  if (advisory) m_cache.put(id + ".json", response->dump());
  return advisory;
}

Result<AdvisoryDatabase> OsvClient::query(const std::vector<PackageVersion>& pins) {
  std::map<std::string, std::string> modified;  // id -> modified, sorted by id
  auto batch = query_batch(pins, modified);
  if (!batch) return batch.error();
  AdvisoryDatabase database;
  for (const auto& [id, stamp] : modified) {
    auto advisory = fetch_record(id, stamp);
    if (!advisory) return advisory.error();
    ++database.statistics.files;
    if (!advisory->withdrawn.empty()) ++database.statistics.withdrawn;
    else if (!advisory->affected.empty()) database.add(std::move(*advisory));
    else ++database.statistics.not_pypi;
  }
  database.description = m_base_url;
  return database;
}

}  // namespace thoth::advisories
