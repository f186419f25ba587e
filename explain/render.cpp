// An explanation as text (what `thoth advise` prints when no lock exists) and as JSON (`--json`).
// Both are deterministic: the time taken is reported by advise's timings, not here.
#include <sstream>

#include "explain/explain.hpp"

namespace thoth::explain {
namespace {

constexpr std::size_t kShortHints = 3;

std::string pins_text(const std::map<std::string, std::string>& pins) {
  if (pins.empty()) return "locks no direct package";
  std::string text = "locks ";
  bool first = true;
  for (const auto& [name, version] : pins) {
    text += (first ? "" : ", ") + name + "==" + version;
    first = false;
  }
  return text;
}

std::string fix_text(const Fix& fix) {
  std::string text;
  for (std::size_t i = 0; i < fix.changes.size(); ++i) text += (i == 0 ? "" : " and ") + fix.changes[i];
  return text + ": " + pins_text(fix.pins);
}

void render_core(const Explanation& explanation, std::ostringstream& out) {
  out << "\ncore (" << explanation.core.size() << " elements; without any one of them a lock exists):\n";
  for (const CoreElement& element : explanation.core) {
    out << "  " << kind_name(element.kind) << ": " << element.text << " [" << element.location << "]\n";
    if (is_exclusion(element.kind)) continue;  // its text lists its releases
    for (const ExcludedMatch& match : element.excluded)
      out << "    excluded " << element.package << " " << match.version << ": " << match.reason << "\n";
  }
  out << "SAT calls: " << explanation.sat_calls << "\n";
}

}  // namespace

std::string render_text(const Explanation& explanation, bool verbose) {
  std::ostringstream out;
  for (const std::string& step : explanation.steps) out << step << "\n";
  if (!explanation.hints.empty() || !explanation.fixes.empty()) out << "\n";
  for (std::size_t i = 0; i < explanation.hints.size(); ++i) {
    if (!verbose && i == kShortHints) {
      out << "hint: " << explanation.hints.size() - kShortHints << " more with --verbose\n";
      break;
    }
    out << "hint: " << explanation.hints[i] << "\n";
  }
  for (const Fix& fix : explanation.fixes) out << "fix: " << fix_text(fix) << "\n";
  if (verbose) render_core(explanation, out);
  return out.str();
}

nlohmann::json to_json(const Explanation& explanation) {
  using nlohmann::json;
  json core = json::array();
  for (const CoreElement& element : explanation.core) {
    json excluded = json::array();
    for (const ExcludedMatch& match : element.excluded) excluded.push_back({{"version", match.version}, {"reason", match.reason}});
    core.push_back({{"kind", kind_name(element.kind)}, {"origin", element.text}, {"location", element.location},
                    {"package", element.package}, {"requirement", element.requirement},
                    {"package_missing", element.package_missing}, {"excluded", excluded}});
  }
  json fixes = json::array();
  for (const Fix& fix : explanation.fixes) fixes.push_back({{"changes", fix.changes}, {"pins", fix.pins}});
  return {{"core", core}, {"derivation", explanation.steps}, {"hints", explanation.hints}, {"fixes", fixes},
          {"sat_calls", explanation.sat_calls}};
}

}  // namespace thoth::explain
