// The loopback test server (see static_http_server.hpp). Requests are parsed just enough for GET:
// the request line and the Accept / If-None-Match headers. Every response carries Content-Length,
// so clients can tell a truncated body (Kind::Truncate closes the connection half-way).
#include "tests/support/static_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace thoth::testing {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string reason_for(int status) {
  switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

std::string read_file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string etag_of(const std::string& body) {
  std::ostringstream tag;
  tag << "\"" << std::hex << std::hash<std::string>{}(body) << "-" << std::dec << body.size() << "\"";
  return tag.str();
}

}  // namespace

struct StaticHttpServer::Response {
  int status = 200;
  std::string content_type;
  std::string body;
  std::string location;
  std::string etag;
  bool truncate = false;
};

StaticHttpServer::StaticHttpServer(std::filesystem::path root, bool serve_json, unsigned short port)
    : m_root(std::move(root)), m_serve_json(serve_json) {
  m_listen_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int yes = 1;
  ::setsockopt(m_listen_fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(m_listen_fd, 64) != 0)
    throw std::runtime_error("static_http_server: cannot listen on 127.0.0.1");
  socklen_t length = sizeof address;
  ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&address), &length);
  m_port = ntohs(address.sin_port);
  m_acceptor = std::thread([this] { accept_loop(); });
}

StaticHttpServer::~StaticHttpServer() { stop(); }

std::string StaticHttpServer::url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

void StaticHttpServer::stop() {
  if (m_stopping.exchange(true)) return;
  ::shutdown(m_listen_fd, SHUT_RDWR);
  ::close(m_listen_fd);
  if (m_acceptor.joinable()) m_acceptor.join();
  std::vector<std::thread> connections;
  {
    std::lock_guard lock(m_mutex);
    for (int fd : m_client_fds) ::shutdown(fd, SHUT_RDWR);
    connections = std::move(m_connections);
  }
  for (std::thread& thread : connections) thread.join();
}

void StaticHttpServer::add_fault(HttpFault fault) {
  std::lock_guard lock(m_mutex);
  m_faults.push_back(std::move(fault));
}

void StaticHttpServer::clear_faults() {
  std::lock_guard lock(m_mutex);
  m_faults.clear();
}

std::vector<ServedRequest> StaticHttpServer::requests() const {
  std::lock_guard lock(m_mutex);
  return m_log;
}

std::size_t StaticHttpServer::count(const std::string& prefix, int status) const {
  std::lock_guard lock(m_mutex);
  return static_cast<std::size_t>(std::count_if(m_log.begin(), m_log.end(), [&](const ServedRequest& r) {
    return r.path.rfind(prefix, 0) == 0 && (status == 0 || r.status == status);
  }));
}

void StaticHttpServer::clear_log() {
  std::lock_guard lock(m_mutex);
  m_log.clear();
}

void StaticHttpServer::accept_loop() {
  while (!m_stopping) {
    int fd = ::accept(m_listen_fd, nullptr, nullptr);
    if (fd < 0) {
      if (m_stopping) return;
      continue;
    }
    std::lock_guard lock(m_mutex);
    if (m_stopping) {
      ::close(fd);
      return;
    }
    m_client_fds.push_back(fd);
    m_connections.emplace_back([this, fd] { serve_connection(fd); });
  }
}

bool StaticHttpServer::apply_fault(const std::string& path, HttpFault::Kind kind, HttpFault* out) {
  std::lock_guard lock(m_mutex);
  for (HttpFault& fault : m_faults) {
    if (fault.kind != kind || path.rfind(fault.path_prefix, 0) != 0 || fault.times == 0) continue;
    if (fault.times > 0) --fault.times;
    if (out != nullptr) *out = fault;
    return true;
  }
  return false;
}

StaticHttpServer::Response StaticHttpServer::respond(const std::string& path, const std::string& accept,
                                                     const std::string& if_none_match) {
  HttpFault fault;
  if (apply_fault(path, HttpFault::Kind::Delay, &fault)) {
    auto until = std::chrono::steady_clock::now() + fault.delay;
    while (!m_stopping && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (apply_fault(path, HttpFault::Kind::RedirectLoop, nullptr)) return {302, "text/plain", "", path, "", false};
  if (apply_fault(path, HttpFault::Kind::Status, &fault)) return {fault.status, "text/plain", "injected failure\n", "", "", false};
  if (path.find("..") != std::string::npos) return {403, "text/plain", "forbidden\n", "", "", false};
  std::filesystem::path target = m_root / path.substr(1);
  Response response;
  if (std::filesystem::is_directory(target)) {
    if (!path.ends_with("/")) return {301, "text/plain", "", path + "/", "", false};
    bool wants_json = m_serve_json && accept.find("application/vnd.pypi.simple.v1+json") != std::string::npos &&
                      std::filesystem::exists(target / "index.json");
    target /= wants_json ? "index.json" : "index.html";
    response.content_type = wants_json ? "application/vnd.pypi.simple.v1+json" : "text/html; charset=utf-8";
  } else {
    response.content_type = path.ends_with(".json") ? "application/json" : "application/octet-stream";
  }
  if (!std::filesystem::is_regular_file(target)) return {404, "text/plain", "not found\n", "", "", false};
  response.body = read_file_text(target);
  response.etag = etag_of(response.body);
  if (!if_none_match.empty() && if_none_match == response.etag) return {304, "", "", "", response.etag, false};
  if (apply_fault(path, HttpFault::Kind::CorruptBody, nullptr) && !response.body.empty())
    response.body[response.body.size() / 2] ^= 0x20;
  response.truncate = apply_fault(path, HttpFault::Kind::Truncate, nullptr);
  return response;
}

void StaticHttpServer::serve_connection(int fd) {
  timeval timeout{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  std::string buffer;
  char chunk[4096];
  while (!m_stopping) {
    std::size_t end;
    while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) goto done;
      buffer.append(chunk, static_cast<std::size_t>(n));
      if (buffer[0] == '\x16') {  // a TLS ClientHello: answer in plain HTTP, as real servers do
        send_all(fd, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        goto done;
      }
    }
    {
      std::istringstream head(buffer.substr(0, end));
      buffer.erase(0, end + 4);
      std::string method, target, version, line, accept, if_none_match;
      head >> method >> target >> version;
      std::getline(head, line);
      while (std::getline(head, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string key = lower(line.substr(0, colon));
        std::string value = line.substr(line.find_first_not_of(' ', colon + 1) == std::string::npos
                                            ? line.size() : line.find_first_not_of(' ', colon + 1));
        if (key == "accept") accept = value;
        if (key == "if-none-match") if_none_match = value;
      }
      // Absolute-form targets ("GET http://host/path", as clients send to a proxy) serve the path.
      if (auto scheme = target.find("://"); scheme != std::string::npos && scheme < target.find('/'))
        target = target.find('/', scheme + 3) == std::string::npos ? "/" : target.substr(target.find('/', scheme + 3));
      std::string path = target.substr(0, target.find('?'));
      Response response = respond(path, accept, if_none_match);
      {
        std::lock_guard lock(m_mutex);
        m_log.push_back({path, accept, if_none_match, response.status});
      }
      std::string header = "HTTP/1.1 " + std::to_string(response.status) + " " + reason_for(response.status) + "\r\n";
      if (!response.content_type.empty()) header += "Content-Type: " + response.content_type + "\r\n";
      if (!response.location.empty()) header += "Location: " + response.location + "\r\n";
      if (!response.etag.empty()) header += "ETag: " + response.etag + "\r\n";
      header += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
      header += response.truncate ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
      std::string_view body = response.body;
      if (response.truncate) body = body.substr(0, body.size() / 2);
      // One send for header and body: two small writes would meet Nagle's algorithm and delayed ACKs.
      if (method != "HEAD") header += body;
      if (!send_all(fd, header) || response.truncate) break;
    }
  }
done:
  {
    std::lock_guard lock(m_mutex);
    std::erase(m_client_fds, fd);
  }
  ::close(fd);
}

}  // namespace thoth::testing
