// Out-of-line parts of the error vocabulary: message formatting and the assertion handler.
#include "base/error.hpp"

#include <cstdio>
#include <cstdlib>

namespace thoth {
namespace {
std::string render(const Error& e) {
  return e.location.empty() ? e.message : e.location + ": " + e.message;
}
}  // namespace

InputError::InputError(Error error) : std::runtime_error(render(error)), m_error(std::move(error)) {}

InputError::InputError(std::string message, std::string location, std::string hint)
    : InputError(Error{std::move(message), std::move(location), std::move(hint)}) {}

void assertion_failed(const char* condition, const char* message, const char* file, int line) {
  std::fprintf(stderr, "thoth: internal error: %s (%s) at %s:%d\n", message, condition, file, line);
  std::abort();
}

}  // namespace thoth
