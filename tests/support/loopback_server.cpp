// LoopbackServer: POSIX sockets, one accept loop polling a stop flag every 50 ms, one thread per
// connection (so a delayed answer never blocks the next request), joined on destruction.
#include "support/loopback_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace thoth::testing {
namespace {

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    default: return "Status";
  }
}

void send_all(int socket, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(socket, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the client went away (e.g. it timed out): nothing to do
    sent += static_cast<std::size_t>(n);
  }
}

std::size_t content_length(const std::string& headers) {
  std::string lower = headers;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto at = lower.find("\r\ncontent-length:");
  if (at == std::string::npos) return 0;
  return std::stoul(lower.substr(at + 17));
}

// Reads one request: the header block, then Content-Length bytes of body.
bool read_request(int connection, HttpExchange& out) {
  std::string data;
  char buffer[4096];
  std::size_t header_end = std::string::npos;
  while (header_end == std::string::npos) {
    ssize_t n = ::recv(connection, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    data.append(buffer, static_cast<std::size_t>(n));
    header_end = data.find("\r\n\r\n");
  }
  std::string headers = data.substr(0, header_end);
  std::size_t length = content_length(headers);
  std::string body = data.substr(header_end + 4);
  while (body.size() < length) {
    ssize_t n = ::recv(connection, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    body.append(buffer, static_cast<std::size_t>(n));
  }
  std::istringstream request_line(headers.substr(0, headers.find("\r\n")));
  request_line >> out.method >> out.path;
  out.body = body.substr(0, length);
  return true;
}

}  // namespace

LoopbackServer::LoopbackServer(Handler handler) : m_handler(std::move(handler)) {
  m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
  if (m_listener < 0) throw std::runtime_error("loopback server: socket() failed");
  int yes = 1;
  ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;  // ephemeral
  if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(m_listener, 16) != 0) {
    ::close(m_listener);
    throw std::runtime_error(std::string("loopback server: bind/listen failed: ") + std::strerror(errno));
  }
  socklen_t size = sizeof address;
  ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &size);
  m_port = ntohs(address.sin_port);
  m_thread = std::thread([this] { serve(); });
}

LoopbackServer::~LoopbackServer() {
  m_stopping = true;
  if (m_thread.joinable()) m_thread.join();
  for (std::thread& worker : m_workers)
    if (worker.joinable()) worker.join();
  ::close(m_listener);
}

std::vector<HttpExchange> LoopbackServer::requests() const {
  std::lock_guard lock(m_mutex);
  return m_requests;
}

void LoopbackServer::serve() {
  while (!m_stopping) {
    pollfd listener{m_listener, POLLIN, 0};
    if (::poll(&listener, 1, 50) <= 0) continue;
    int connection = ::accept(m_listener, nullptr, nullptr);
    if (connection < 0) continue;
    m_workers.emplace_back([this, connection] { handle(connection); });
  }
}

void LoopbackServer::handle(int connection) {
  HttpExchange request;
  if (read_request(connection, request)) {
    {
      std::lock_guard lock(m_mutex);
      m_requests.push_back(request);
    }
    ReplayResponse response = m_handler(request);
    if (response.delay.count() > 0) std::this_thread::sleep_for(response.delay);
    send_all(connection, "HTTP/1.1 " + std::to_string(response.status) + " " + reason_phrase(response.status) +
                             "\r\nContent-Type: application/json\r\nContent-Length: " +
                             std::to_string(response.body.size()) + "\r\nConnection: close\r\n\r\n" + response.body);
  }
  ::close(connection);
}

LoopbackServer::Handler LoopbackServer::replay_folder(std::filesystem::path folder) {
  return [folder = std::move(folder)](const HttpExchange& request) {
    std::string path = request.path.substr(0, request.path.find('?'));
    std::ifstream file(folder / request.method / path.substr(1), std::ios::binary);
    if (!file) return ReplayResponse{404, "{}"};
    std::ostringstream text;
    text << file.rdbuf();
    return ReplayResponse{200, text.str()};
  };
}

}  // namespace thoth::testing
