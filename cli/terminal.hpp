// How thoth talks to a terminal: colour only when the stream is a terminal (or --color=always) and
// NO_COLOR is unset, a quiet/verbose level, and a transient progress line on stderr that is only
// drawn on a terminal and erased when the work ends. Set once from the global flags in main.cpp.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace thoth::cli {

enum class ColorMode { Auto, Always, Never };
enum class Verbosity { Quiet, Normal, Verbose };

struct TerminalSettings {
  ColorMode color = ColorMode::Auto;
  Verbosity verbosity = Verbosity::Normal;
};

// The process-wide settings (global flags --color, --quiet, --verbose and NO_COLOR).
TerminalSettings& terminal_settings();

// Whether text written to stdout (fd 1) or stderr (fd 2) gets colour.
[[nodiscard]] bool use_color(int fd);

enum class Tone { Error, Warning, Good, Info, Dim, Bold };
// `text` wrapped in the ANSI style of `tone` when `use_color(fd)`, else unchanged.
[[nodiscard]] std::string styled(int fd, Tone tone, std::string_view text);

// A progress line on stderr: shown only when stderr is a terminal and not --quiet; update() rewrites
// it in place, and the destructor erases it, so nothing is left behind and pipes never see it.
class Progress {
 public:
  explicit Progress(std::string_view what);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void update(std::string_view detail);

 private:
  bool m_active;
  std::string m_what;
};

// Parses and removes the global flags (--color WHEN, --color=WHEN, --quiet/-q, --verbose/-v) from
// `args`, wherever they appear; throws InputError for a bad WHEN.
void take_global_flags(std::vector<std::string>& args);

}  // namespace thoth::cli
