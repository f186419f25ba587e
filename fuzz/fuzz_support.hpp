// Shared helpers of the fuzz targets (fuzz/*.cpp): the input as text, the one exception a parser may
// throw (thoth::InputError, a clean "bad input"), a property check that aborts so that libFuzzer
// records the input as a crash, and THOTH_FUZZ_TARGET, which makes a target both a libFuzzer entry
// point (fuzz build) and a named function the unit tests replay regression inputs through.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace thoth::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A broken property: print what and where, then abort (libFuzzer saves the input).
[[noreturn]] inline void property_failed(const char* what, std::string_view detail) {
  std::fprintf(stderr, "fuzz property failed: %s: `%.*s`\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// Runs `parse`; InputError is the documented way to reject input, anything else escapes (a crash).
template <class Function>
void expect_only_input_errors(Function&& parse) {
  try {
    parse();
  } catch (const thoth::InputError&) {
  }
}

// False when marker text may hold a value that str() prints unescaped, as packaging does (a
// backslash escape, or both quote kinds): such markers are not expected to print back.
inline bool prints_back(std::string_view text) {
  bool both_quotes = text.find('"') != std::string_view::npos && text.find('\'') != std::string_view::npos;
  return text.find('\\') == std::string_view::npos && !both_quotes;
}

using TargetFunction = int (*)(const std::uint8_t* data, std::size_t size);

// Every target compiled into this executable, by name (the unit tests compile all of them).
inline std::map<std::string, TargetFunction>& targets() {
  static std::map<std::string, TargetFunction> registry;
  return registry;
}

inline bool register_target(const char* name, TargetFunction function) {
  targets()[name] = function;
  return true;
}

}  // namespace thoth::fuzz

#ifdef THOTH_FUZZ_MAIN
#define THOTH_FUZZ_ENTRY(name) \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { return fuzz_##name(data, size); }
#else
#define THOTH_FUZZ_ENTRY(name) \
  [[maybe_unused]] static const bool fuzz_##name##_registered = ::thoth::fuzz::register_target(#name, &fuzz_##name);
#endif

// Defines fuzz target `name`: THOTH_FUZZ_TARGET(version) { ...body using data, size... }
#define THOTH_FUZZ_TARGET(name)                                     \
  static int fuzz_##name(const std::uint8_t* data, std::size_t size); \
  THOTH_FUZZ_ENTRY(name)                                            \
  static int fuzz_##name(const std::uint8_t* data, std::size_t size)

#define THOTH_FUZZ_CHECK(condition, detail) \
  do { if (!(condition)) ::thoth::fuzz::property_failed(#condition, detail); } while (false)
