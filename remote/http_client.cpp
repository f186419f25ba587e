// The multi-interface loop: at most `max_parallel` transfers run at once; a finished transfer that
// should be retried goes back into the queue with a "not before" time (backoff doubling from
// `first_backoff`). Connections are reused across batches through one CURLM handle.
#include "remote/http_client.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <iostream>
#include <thread>

#include <curl/curl.h>

namespace thoth::remote {
namespace {

using Clock = std::chrono::steady_clock;

struct Transfer {
  std::size_t index = 0;  // into the request list
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body;
  char error[CURL_ERROR_SIZE] = {};
};

struct Pending {
  std::size_t index;
  Clock::time_point not_before;
};

size_t append_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

void global_init() {
  static const bool done = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)done;
}

bool is_tls_error(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR: case CURLE_PEER_FAILED_VERIFICATION: case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER: case CURLE_SSL_CACERT_BADFILE: case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ISSUER_ERROR: case CURLE_SSL_PINNEDPUBKEYNOTMATCH: case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE: case CURLE_SSL_SHUTDOWN_FAILED:
      return true;
    default:
      return false;
  }
}

bool is_transient(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: case CURLE_COULDNT_CONNECT: case CURLE_PARTIAL_FILE: case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR: case CURLE_GOT_NOTHING: case CURLE_HTTP2: case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
      return true;
    default:
      return false;
  }
}

bool is_transient_status(long status) { return status >= 500 || status == 429 || status == 408; }

std::string header_value(CURL* easy, const char* name) {
  curl_header* header = nullptr;
  if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK || header == nullptr) return {};
  return header->value;
}

std::string media_type(CURL* easy) {
  char* type = nullptr;
  curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &type);
  if (type == nullptr) return {};
  std::string text(type);
  text = text.substr(0, text.find(';'));
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

class Batch {
 public:
  Batch(CURLM* multi, const HttpSettings& settings, HttpStatistics& stats, const std::vector<HttpRequest>& requests)
      : m_multi(multi), m_settings(settings), m_stats(stats), m_requests(requests), m_outcomes(requests.size()) {
    for (std::size_t i = 0; i < requests.size(); ++i) m_pending.push_back({i, Clock::now()});
  }

  std::vector<HttpOutcome> run() {
    while (!m_pending.empty() || !m_running.empty()) {
      start_ready();
      int still_running = 0;
      curl_multi_perform(m_multi, &still_running);
      collect_finished();
      draw_progress();
      if (!m_running.empty()) curl_multi_poll(m_multi, nullptr, 0, 50, nullptr);
      else if (!m_pending.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (m_settings.progress && m_drew) std::cerr << "\r\033[K" << std::flush;
    return std::move(m_outcomes);
  }

 private:
  void start_ready() {
    auto now = Clock::now();
    for (auto it = m_pending.begin(); it != m_pending.end() && m_running.size() < m_settings.max_parallel;) {
      if (it->not_before > now) {
        ++it;
        continue;
      }
      start(it->index);
      it = m_pending.erase(it);
    }
  }

  void start(std::size_t index) {
    const HttpRequest& request = m_requests[index];
    auto transfer = std::make_unique<Transfer>();
    transfer->index = index;
    CURL* easy = curl_easy_init();
    transfer->easy = easy;
    for (const std::string& header : request.headers) transfer->headers = curl_slist_append(transfer->headers, header.c_str());
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->headers);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer->body);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, m_settings.max_redirects);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_settings.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(m_settings.attempt_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, request.verify_tls ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, request.verify_tls ? 2L : 0L);
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_USERAGENT, m_settings.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer.get());
    curl_multi_add_handle(m_multi, easy);
    ++m_stats.requests;
    ++m_outcomes[index].attempts;
    m_running.push_back(std::move(transfer));
  }

  void collect_finished() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(m_multi, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      Transfer* raw = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &raw);
      auto it = std::find_if(m_running.begin(), m_running.end(), [&](const auto& t) { return t.get() == raw; });
      std::unique_ptr<Transfer> transfer = std::move(*it);
      m_running.erase(it);
      finish(*transfer, message->data.result);
      curl_multi_remove_handle(m_multi, transfer->easy);
      curl_easy_cleanup(transfer->easy);
      curl_slist_free_all(transfer->headers);
    }
  }

  void finish(Transfer& transfer, CURLcode code) {
    HttpOutcome& outcome = m_outcomes[transfer.index];
    bool can_retry = outcome.attempts < m_settings.max_attempts;
    if (code != CURLE_OK) {
      outcome.response.reset();
      outcome.failure = transfer.error[0] != '\0' ? transfer.error : curl_easy_strerror(code);
      outcome.tls_failure = is_tls_error(code);
      if (is_transient(code) && can_retry) retry(transfer.index, outcome.attempts);
      else ++m_done;
      return;
    }
    HttpResponse response;
    curl_easy_getinfo(transfer.easy, CURLINFO_RESPONSE_CODE, &response.status);
    response.content_type = media_type(transfer.easy);
    response.etag = header_value(transfer.easy, "ETag");
    response.last_modified = header_value(transfer.easy, "Last-Modified");
    m_stats.bytes += transfer.body.size();
    response.body = std::move(transfer.body);
    outcome.failure.clear();
    outcome.tls_failure = false;
    bool transient = is_transient_status(response.status);
    outcome.response = std::move(response);
    if (transient && can_retry) retry(transfer.index, outcome.attempts);
    else ++m_done;
  }

  void retry(std::size_t index, int attempts_so_far) {
    ++m_stats.retries;
    auto backoff = m_settings.first_backoff * (1 << std::min(attempts_so_far - 1, 10));
    m_pending.push_back({index, Clock::now() + backoff});
  }

  void draw_progress() {
    if (!m_settings.progress || m_requests.size() < 2) return;
    auto now = Clock::now();
    if (m_drew && now - m_last_draw < std::chrono::milliseconds(100)) return;
    m_last_draw = now;
    m_drew = true;
    std::cerr << "\r\033[Kthoth: fetched " << m_done << "/" << m_requests.size() << " index files ("
              << m_stats.bytes / 1024 << " KiB)" << std::flush;
  }

  CURLM* m_multi;
  const HttpSettings& m_settings;
  HttpStatistics& m_stats;
  const std::vector<HttpRequest>& m_requests;
  std::vector<HttpOutcome> m_outcomes;
  std::deque<Pending> m_pending;
  std::vector<std::unique_ptr<Transfer>> m_running;
  std::size_t m_done = 0;
  bool m_drew = false;
  Clock::time_point m_last_draw{};
};

}  // namespace

HttpClient::HttpClient(HttpSettings settings) : m_settings(std::move(settings)) {
  global_init();
  m_multi = curl_multi_init();
  curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(m_settings.max_parallel));
}

HttpClient::~HttpClient() { curl_multi_cleanup(static_cast<CURLM*>(m_multi)); }

std::vector<HttpOutcome> HttpClient::fetch_all(const std::vector<HttpRequest>& requests) {
  if (requests.empty()) return {};
  return Batch(static_cast<CURLM*>(m_multi), m_settings, m_stats, requests).run();
}

}  // namespace thoth::remote
