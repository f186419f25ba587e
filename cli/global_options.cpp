// The global resource-limit options (cli/global_options.hpp, docs/robustness.md).
#include "cli/global_options.hpp"

#include <charconv>
#include <cstdint>
#include <functional>
#include <map>

#include "base/error.hpp"
#include "base/limits.hpp"

namespace thoth::cli {
namespace {

std::uintmax_t positive_number(const std::string& flag, const std::string& text) {
  std::uintmax_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value == 0)
    throw InputError("expected a positive whole number, found `" + text + "`", flag);
  return value;
}

const std::map<std::string, std::function<void(std::uintmax_t)>>& setters() {
  static const std::map<std::string, std::function<void(std::uintmax_t)>> table = {
      {"--max-input-mb",
       [](std::uintmax_t mb) {
         if (mb > (std::uintmax_t{1} << 40)) throw InputError("expected at most 2^40 MiB", "--max-input-mb");
         input_limits().max_file_bytes = mb << 20;
       }},
      {"--max-nesting",
       [](std::uintmax_t levels) {
         if (levels > 100000) throw InputError("expected at most 100000 levels", "--max-nesting");
         input_limits().max_nesting = static_cast<int>(levels);
       }},
      {"--max-universe", [](std::uintmax_t releases) { input_limits().max_universe_releases = releases; }},
  };
  return table;
}

}  // namespace

void apply_global_options(std::vector<std::string>& args) {
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i], value;
    bool has_inline_value = false;
    if (auto equals = flag.find('='); equals != std::string::npos && flag.rfind("--", 0) == 0) {
      value = flag.substr(equals + 1);
      flag = flag.substr(0, equals);
      has_inline_value = true;
    }
    auto setter = setters().find(flag);
    if (setter == setters().end()) {
      kept.push_back(args[i]);
      continue;
    }
    if (!has_inline_value) {
      if (i + 1 >= args.size()) throw InputError("expected a value after " + flag, flag);
      value = args[++i];
    }
    setter->second(positive_number(flag, value));
  }
  args = std::move(kept);
}

}  // namespace thoth::cli
