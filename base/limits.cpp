// The process-wide input limits (base/limits.hpp) and their shared messages.
#include "base/limits.hpp"

namespace thoth {

InputLimits& input_limits() {
  static InputLimits limits;
  return limits;
}

std::string nesting_limit_message() {
  return "nested deeper than " + std::to_string(input_limits().max_nesting) + " levels";
}

std::string nesting_limit_hint() { return "raise the limit with --max-nesting N"; }

}  // namespace thoth
