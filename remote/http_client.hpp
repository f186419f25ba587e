// Parallel HTTP GETs on libcurl's multi interface, with retries and exponential backoff on 5xx,
// 429, timeouts and dropped connections. TLS verification is on unless a request turns it off;
// proxies come from the usual environment variables (libcurl reads http_proxy, https_proxy,
// no_proxy itself). Nothing here knows about package indexes: see http_index.hpp for that.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace thoth::remote {

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Accept: ...", "If-None-Match: ..."
  bool verify_tls = true;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string content_type;   // without parameters, lower case
  std::string etag;
  std::string last_modified;
};

// Either a response (any status, after retries) or a transport failure.
struct HttpOutcome {
  std::optional<HttpResponse> response;
  std::string failure;      // curl's description when there is no response
  bool tls_failure = false; // the failure is a TLS handshake or certificate problem
  int attempts = 0;
};

struct HttpSettings {
  std::size_t max_parallel = 16;
  int max_attempts = 4;
  std::chrono::milliseconds first_backoff{250};     // doubled after each failed attempt
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds attempt_timeout{60'000};  // whole transfer, per attempt
  long max_redirects = 10;
  bool progress = false;  // draw "fetched n/m" on stderr (the caller checks it is a terminal)
  std::string user_agent = "thoth";
};

struct HttpStatistics {
  std::size_t requests = 0;  // attempts sent, retries included
  std::size_t retries = 0;
  std::size_t bytes = 0;     // body bytes received
};

class HttpClient {
 public:
  explicit HttpClient(HttpSettings settings);
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  ~HttpClient();

  // One outcome per request, in the same order. Never throws for network problems.
  [[nodiscard]] std::vector<HttpOutcome> fetch_all(const std::vector<HttpRequest>& requests);
  [[nodiscard]] const HttpStatistics& statistics() const { return m_stats; }
  [[nodiscard]] const HttpSettings& settings() const { return m_settings; }

 private:
  HttpSettings m_settings;
  HttpStatistics m_stats;
  void* m_multi = nullptr;  // CURLM*, kept across batches so connections are reused
};

}  // namespace thoth::remote
