// Terminal detection (isatty), NO_COLOR (https://no-color.org), ANSI styles and the progress line.
#include "cli/terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "base/error.hpp"

namespace thoth::cli {

TerminalSettings& terminal_settings() {
  static TerminalSettings settings;
  return settings;
}

bool use_color(int fd) {
  switch (terminal_settings().color) {
    case ColorMode::Always: return true;
    case ColorMode::Never: return false;
    case ColorMode::Auto: break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return isatty(fd) == 1;
}

std::string styled(int fd, Tone tone, std::string_view text) {
  if (!use_color(fd)) return std::string(text);
  const char* code = "";
  switch (tone) {
    case Tone::Error: code = "\x1b[1;31m"; break;
    case Tone::Warning: code = "\x1b[1;33m"; break;
    case Tone::Good: code = "\x1b[32m"; break;
    case Tone::Info: code = "\x1b[36m"; break;
    case Tone::Dim: code = "\x1b[2m"; break;
    case Tone::Bold: code = "\x1b[1m"; break;
  }
  return code + std::string(text) + "\x1b[0m";
}

Progress::Progress(std::string_view what)
    : m_active(isatty(2) == 1 && terminal_settings().verbosity != Verbosity::Quiet), m_what(what) {
  update("");
}

Progress::~Progress() {
  if (m_active) std::cerr << "\r\x1b[2K" << std::flush;
}

void Progress::update(std::string_view detail) {
  if (!m_active) return;
  std::cerr << "\r\x1b[2K" << m_what << (detail.empty() ? "…" : ": ") << detail << std::flush;
}

namespace {

ColorMode parse_color(const std::string& when) {
  if (when == "auto") return ColorMode::Auto;
  if (when == "always") return ColorMode::Always;
  if (when == "never") return ColorMode::Never;
  throw InputError("expected auto, always or never, found `" + when + "`", "--color");
}

}  // namespace

void take_global_flags(std::vector<std::string>& args) {
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--quiet" || arg == "-q") {
      terminal_settings().verbosity = Verbosity::Quiet;
    } else if (arg == "--verbose" || arg == "-v") {
      terminal_settings().verbosity = Verbosity::Verbose;
    } else if (arg.rfind("--color=", 0) == 0) {
      terminal_settings().color = parse_color(arg.substr(8));
    } else if (arg == "--color") {
      if (i + 1 >= args.size()) throw InputError("expected auto, always or never after --color", "--color");
      terminal_settings().color = parse_color(args[++i]);
    } else {
      kept.push_back(arg);
    }
  }
  args = std::move(kept);
}

}  // namespace thoth::cli
