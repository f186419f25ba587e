// Error vocabulary shared by every library of thoth.
//
// Two mechanisms, one per category (docs/architecture.md, "Errors"):
//  * routine invalid input items (a bad version string on PyPI, a bad requirement) come back as
//    `Result<T>` holding an `Error`; callers skip or collect them;
//  * fatal input or environment failures (unreadable Pipfile, malformed JSON) throw `InputError`,
//    caught once in cli/ which prints it and returns the documented exit code.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace thoth {

// Exit codes of every thoth command (documented in docs/cli.md and in --help).
enum class ExitCode : int {
  Success = 0,      // locked / all passed
  NoSolution = 1,   // no lock exists / a fixture failed / vulnerable pin found
  BadInput = 2,     // usage error or bad input file
  Internal = 3,     // a bug: an unexpected exception
};

// A problem with one input item: what is wrong, where, and what to do.
struct Error {
  std::string message;   // "expected a version, found `1..0`"
  std::string location;  // "Pipfile:3:7", "index.json: package foo, version 1.0" or empty
  std::string hint;      // optional advice for the user
};

// A fatal input error: thrown, caught in cli/, printed as "error: <location>: <message>".
class InputError : public std::runtime_error {
 public:
  explicit InputError(Error error);
  InputError(std::string message, std::string location, std::string hint = {});
  [[nodiscard]] const Error& error() const noexcept { return m_error; }

 private:
  Error m_error;
};

// The subset of std::expected we need (g++ 12 has <expected> only in C++23 mode).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}        // NOLINT
  Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}    // NOLINT

  [[nodiscard]] bool has_value() const noexcept { return m_state.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  // requires: has_value(); otherwise throws InputError with the error.
  [[nodiscard]] T& value() & { check(); return std::get<0>(m_state); }
  [[nodiscard]] const T& value() const& { check(); return std::get<0>(m_state); }
  [[nodiscard]] T&& value() && { check(); return std::get<0>(std::move(m_state)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // requires: !has_value().
  [[nodiscard]] const Error& error() const { return std::get<1>(m_state); }

 private:
  void check() const {
    if (!has_value()) throw InputError(std::get<1>(m_state));
  }
  std::variant<T, Error> m_state;
};

// A broken contract inside thoth: print and abort (never caught).
[[noreturn]] void assertion_failed(const char* condition, const char* message, const char* file, int line);

}  // namespace thoth

#define THOTH_ASSERT(cond, message) \
  do { if (!(cond)) ::thoth::assertion_failed(#cond, message, __FILE__, __LINE__); } while (false)
