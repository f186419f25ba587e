// Runs the built `thoth` executable (THOTH_BINARY, set by CMake) as a child process for the
// end-to-end robustness tests: stdout/stderr captured through pipes (a file-size limit does not
// truncate them), exit status or killing signal, optional file-size limit
// (RLIMIT_FSIZE, how the tests simulate a full disk or a kill mid-write), and asynchronous start
// for kill and concurrency tests. Also a scratch folder removed when the test ends.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/atomic_file.hpp"

namespace thoth::testing {

struct ChildOptions {
  std::optional<rlim_t> max_file_bytes;  // RLIMIT_FSIZE in the child
  bool ignore_file_size_signal = true;   // SIGXFSZ ignored: write() fails with EFBIG ("disk full")
};

struct Finished {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;      // the signal that killed it, 0 when it exited
  std::string out;
  std::string err;
};

class Child {
 public:
  explicit Child(const std::vector<std::string>& arguments, const ChildOptions& options = {}) {
    int out[2], err[2];
    if (::pipe(out) != 0 || ::pipe(err) != 0) throw std::runtime_error("pipe failed");
    m_pid = ::fork();
    if (m_pid == 0) {
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
      ::close(out[0]), ::close(out[1]), ::close(err[0]), ::close(err[1]);
      exec_child(arguments, options);
    }
    ::close(out[1]), ::close(err[1]);
    m_out_fd = out[0], m_err_fd = err[0];
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (m_pid > 0 && !m_reaped) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, nullptr, 0);
    }
    if (m_out_fd >= 0) ::close(m_out_fd);
    if (m_err_fd >= 0) ::close(m_err_fd);
  }

  void kill(int signal = SIGKILL) const { ::kill(m_pid, signal); }

  Finished wait() {
    Finished done;
    drain(done.out, done.err);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_reaped = true;
    if (WIFEXITED(status)) done.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) done.signal = WTERMSIG(status);
    return done;
  }

 private:
  // Reads both pipes until the child closes them (exit or death), never blocking on one while the
  // child waits on the other.
  void drain(std::string& out, std::string& err) {
    pollfd fds[2] = {{m_out_fd, POLLIN, 0}, {m_err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&out, &err};
    int open_fds = 2;
    char buffer[65536];
    while (open_fds > 0) {
      if (::poll(fds, 2, -1) < 0) continue;
      for (int i = 0; i < 2; ++i) {
        if (fds[i].fd < 0 || fds[i].revents == 0) continue;
        ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
        if (n > 0) {
          sinks[i]->append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
          ::close(fds[i].fd);
          (i == 0 ? m_out_fd : m_err_fd) = -1;
          fds[i].fd = -1;
          --open_fds;
        }
      }
    }
  }

  [[noreturn]] static void exec_child(const std::vector<std::string>& arguments, const ChildOptions& options) {
    if (options.max_file_bytes) {
      rlimit limit{*options.max_file_bytes, *options.max_file_bytes};
      ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ::signal(SIGXFSZ, options.ignore_file_size_signal ? SIG_IGN : SIG_DFL);
    std::vector<char*> argv{const_cast<char*>(THOTH_BINARY)};
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    ::execv(THOTH_BINARY, argv.data());
    ::_exit(127);
  }

  pid_t m_pid = -1;
  int m_out_fd = -1, m_err_fd = -1;
  bool m_reaped = false;
};

inline Finished run_thoth(const std::vector<std::string>& arguments, const ChildOptions& options = {}) {
  return Child(arguments, options).wait();
}

// A fresh folder under the temporary directory, removed with everything in it at the end.
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& name)
      : m_path(std::filesystem::temp_directory_path() /
               ("thoth-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++))) {
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~ScratchFolder() { std::filesystem::remove_all(m_path); }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  static int& counter() {
    static int value = 0;
    return value;
  }
  std::filesystem::path m_path;
};

}  // namespace thoth::testing
