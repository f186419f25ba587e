// A small blocking HTTP client over libcurl for the security-data APIs (OSV, OpenSSF Scorecard),
// and the on-disk response cache they share. Transport failures (DNS, refused, timeout) come back
// as an Error naming the URL; HTTP statuses are returned as they are, for the caller to judge.
//
//   auto response = http_request("POST", "https://api.osv.dev/v1/querybatch", body, {});
//   if (!response) report(response.error());  else if (response->status == 200) use(response->body);
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "base/error.hpp"

namespace thoth::advisories {

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};  // whole request, body included
};

struct HttpResponse {
  long status = 0;
  std::string body;
};

// `method` is "GET" or "POST" (a JSON body). Error on any transport failure, naming the URL and curl's reason.
[[nodiscard]] Result<HttpResponse> http_request(const std::string& method, const std::string& url,
                                                const std::string& body, const HttpOptions& options);

// Files under a cache folder, one per key; an entry older than `max_age` is a miss (zero = never expires).
// Writes are atomic, so a cache shared by concurrent runs never holds half a file.
class ResponseCache {
 public:
  explicit ResponseCache(std::filesystem::path folder) : m_folder(std::move(folder)) {}
  [[nodiscard]] bool enabled() const { return !m_folder.empty(); }
  [[nodiscard]] std::optional<std::string> get(const std::string& key, std::chrono::seconds max_age) const;
  void put(const std::string& key, const std::string& text) const;
  // A file name for any key: the key itself when it is a safe name, else its SHA-256.
  [[nodiscard]] static std::string file_name(const std::string& key);

 private:
  std::filesystem::path m_folder;
};

}  // namespace thoth::advisories
