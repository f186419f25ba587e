// SHA-256 through OpenSSL's EVP interface and URL resolution through libcurl's CURLU parser, so
// relative links in index pages resolve exactly as RFC 3986 says.
#include "remote/digest.hpp"

#include <memory>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "base/error.hpp"

namespace thoth::remote {

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

std::string part(CURLU* url, CURLUPart which) {
  char* text = nullptr;
  if (curl_url_get(url, which, &text, 0) != CURLUE_OK || text == nullptr) return {};
  std::string out(text);
  curl_free(text);
  return out;
}

}  // namespace

std::string resolve_url(const std::string& base, const std::string& reference) {
  UrlHandle url(curl_url());
  if (curl_url_set(url.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK)
    throw InputError("not a valid URL", redact_url(base), "index URLs look like https://pypi.org/simple");
  if (curl_url_set(url.get(), CURLUPART_URL, reference.c_str(), 0) != CURLUE_OK)
    throw InputError("the link `" + redact_url(reference) + "` is not a valid URL", redact_url(base));
  curl_url_set(url.get(), CURLUPART_FRAGMENT, nullptr, 0);
  return part(url.get(), CURLUPART_URL);
}

std::string url_fragment(std::string_view url) {
  auto hash = url.find('#');
  return hash == std::string_view::npos ? std::string() : std::string(url.substr(hash + 1));
}

std::string redact_url(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  auto host_start = scheme + 3;
  auto path_start = url.find('/', host_start);
  auto at = url.rfind('@', path_start == std::string_view::npos ? url.size() : path_start);
  if (at == std::string_view::npos || at < host_start) return std::string(url);
  return std::string(url.substr(0, host_start)) + "***@" + std::string(url.substr(at + 1));
}

std::string with_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/";
}

}  // namespace thoth::remote
