// A tiny HTTP/1.1 server on 127.0.0.1 for tests that exercise HTTP clients without the internet.
// It binds an ephemeral port, serves each connection on its own short-lived handler (one request per
// connection, `Connection: close`), records every request, and stops in its destructor.
//
//   LoopbackServer server([](const HttpExchange& request) {
//     if (request.path == "/v1/vulns/X") return ReplayResponse{200, R"({"id":"X"})"};
//     return ReplayResponse{404, "{}"};
//   });
//   client.get(server.url() + "/v1/vulns/X");   // server.requests() lists what arrived
//
// Replay from files: `LoopbackServer::replay_folder(dir)` answers `GET /a/b` with dir/GET/a/b and
// `POST /a/b` with dir/POST/a/b (404 when absent). A response may ask for a delay, to test timeouts.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace thoth::testing {

struct HttpExchange {
  std::string method;  // "GET", "POST"
  std::string path;    // "/v1/querybatch" (with the query string, if any)
  std::string body;
};

struct ReplayResponse {
  int status = 200;
  std::string body;
  std::chrono::milliseconds delay{0};  // sleep before answering
};

class LoopbackServer {
 public:
  using Handler = std::function<ReplayResponse(const HttpExchange&)>;

  explicit LoopbackServer(Handler handler);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  [[nodiscard]] int port() const { return m_port; }
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  [[nodiscard]] std::vector<HttpExchange> requests() const;  // in arrival order

  // A handler answering from files: <folder>/<METHOD><path> (404 "{}" when the file is absent).
  [[nodiscard]] static Handler replay_folder(std::filesystem::path folder);

 private:
  void serve();
  void handle(int connection);

  Handler m_handler;
  int m_listener = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
  mutable std::mutex m_mutex;
  std::vector<HttpExchange> m_requests;
  std::vector<std::thread> m_workers;
};

}  // namespace thoth::testing
