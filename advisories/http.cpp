// libcurl behind http_request (one easy handle per request, no signals, bounded timeouts) and the
// file-per-key response cache.
#include "advisories/http.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <mutex>
#include <sstream>

#include "base/atomic_file.hpp"

namespace thoth::advisories {
namespace {

namespace fs = std::filesystem;

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string sha256_hex(const std::string& text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

}  // namespace

Result<HttpResponse> http_request(const std::string& method, const std::string& url, const std::string& body,
                                  const HttpOptions& options) {
  global_init();
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Error{"could not start an HTTP request (libcurl init failed)", url, ""};
  HttpResponse response;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Accept: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "thoth");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  if (method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (code != CURLE_OK) {
    std::string hint = code == CURLE_OPERATION_TIMEDOUT ? "the server did not answer in time; retry later"
                                                        : "check the network and the URL";
    return Error{method + " failed: " + curl_easy_strerror(code), url, hint};
  }
  return response;
}

std::string ResponseCache::file_name(const std::string& key) {
  bool safe = !key.empty() && key.size() < 120 && key.find_first_not_of(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == std::string::npos && key[0] != '.';
  return safe ? key : sha256_hex(key);
}

std::optional<std::string> ResponseCache::get(const std::string& key, std::chrono::seconds max_age) const {
  if (!enabled()) return std::nullopt;
  fs::path path = m_folder / file_name(key);
  std::error_code error;
  auto written = fs::last_write_time(path, error);
  if (error) return std::nullopt;
  if (max_age.count() > 0 && fs::file_time_type::clock::now() - written > max_age) return std::nullopt;
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void ResponseCache::put(const std::string& key, const std::string& text) const {
  if (!enabled()) return;
  fs::create_directories(m_folder);
  write_file_atomically(m_folder / file_name(key), text);
}

}  // namespace thoth::advisories
