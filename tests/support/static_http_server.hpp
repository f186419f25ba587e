// A small HTTP/1.1 server on loopback for tests (and bench/): serves a folder, with the simple-API
// content negotiation of PEP 691 (a folder answers with index.json when the client asks for
// application/vnd.pypi.simple.v1+json, else index.html), ETag / If-None-Match revalidation, and
// fault injection: slow answers, error statuses, truncated bodies, corrupted bodies, redirect loops.
// Plain POSIX sockets: one accepting thread plus one thread per connection (keep-alive supported).
// Started by the constructor on an ephemeral port, stopped by stop() or the destructor.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace thoth::testing {

struct HttpFault {
  enum class Kind { Delay, Status, Truncate, CorruptBody, RedirectLoop };
  Kind kind = Kind::Status;
  std::string path_prefix;  // applies to request paths starting with this ("" = every path)
  int times = -1;           // how many matching requests it affects; -1 = all of them
  int status = 500;         // Kind::Status
  std::chrono::milliseconds delay{0};  // Kind::Delay
};

struct ServedRequest {
  std::string path;
  std::string accept;
  std::string if_none_match;
  int status = 0;
};

class StaticHttpServer {
 public:
  // `serve_json = false` makes it an HTML-only (PEP 503) index that ignores the JSON preference.
  explicit StaticHttpServer(std::filesystem::path root, bool serve_json = true, unsigned short port = 0);
  StaticHttpServer(const StaticHttpServer&) = delete;
  StaticHttpServer& operator=(const StaticHttpServer&) = delete;
  ~StaticHttpServer();

  [[nodiscard]] std::string url() const;  // "http://127.0.0.1:PORT"
  [[nodiscard]] unsigned short port() const { return m_port; }
  void add_fault(HttpFault fault);
  void clear_faults();
  [[nodiscard]] std::vector<ServedRequest> requests() const;
  // Requests whose path starts with `prefix` (and, when status != 0, answered with it).
  [[nodiscard]] std::size_t count(const std::string& prefix, int status = 0) const;
  void clear_log();
  void stop();

 private:
  struct Response;
  void accept_loop();
  void serve_connection(int fd);
  Response respond(const std::string& path, const std::string& accept, const std::string& if_none_match);
  bool apply_fault(const std::string& path, HttpFault::Kind kind, HttpFault* out);

  std::filesystem::path m_root;
  bool m_serve_json;
  int m_listen_fd = -1;
  unsigned short m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::thread m_acceptor;
  mutable std::mutex m_mutex;
  std::vector<std::thread> m_connections;
  std::vector<int> m_client_fds;
  std::vector<HttpFault> m_faults;
  std::vector<ServedRequest> m_log;
};

}  // namespace thoth::testing
