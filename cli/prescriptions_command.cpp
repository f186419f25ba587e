// `thoth prescriptions validate DIR... [--json] [--threads N] [--all]`: loads every Thoth prescription
// below the directories strictly (docs/prescriptions.md) and prints the unit counts per section and
// type, the errors, the warnings grouped by kind, and the elapsed time. Output is sorted, so two runs
// print the same except for the time. Exit codes (base/error.hpp): 0 no errors, 2 errors or usage.
#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "prescriptions/loader.hpp"

namespace thoth::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
namespace rx = thoth::prescriptions;

constexpr const char* kUsage = "usage: thoth prescriptions validate DIR... [--json] [--threads N] [--all]";

constexpr const char* kExamples = R"(
Loads every *.yaml below each DIR (a prescriptions repository or its prescriptions/ folder) and checks
it against the prescription schema: unknown keys, wrong types, missing keys, bad PEP 440 specifiers and
package names not in PEP 503 form are errors; units that can never take effect are warnings.

examples:
  thoth prescriptions validate ../thoth-prescriptions
  thoth prescriptions validate prescriptions/ --json > report.json

exit codes: 0 no errors (warnings allowed), 2 errors or usage error
)";

constexpr std::size_t kShownPerKind = 10;

po::options_description visible_options() {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("json", "print a JSON report instead of text")(
      "threads", po::value<unsigned>()->default_value(2), "files parsed in parallel")(
      "all", "list every warning (default: the first 10 of each kind)");
  return options;
}

void print_help() { std::cout << kUsage << "\n\n" << visible_options() << kExamples; }

int usage_error(const std::string& message) {
  std::cerr << "error: " << message << "\n\n" << kUsage << "\n(see `thoth prescriptions --help`)\n";
  return static_cast<int>(ExitCode::BadInput);
}

struct Counts {
  std::map<rx::Section, std::size_t> sections;
  std::map<rx::UnitType, std::size_t> types;
};

Counts count_units(const std::vector<rx::Unit>& units) {
  Counts counts;
  for (rx::Section section : rx::kSections) counts.sections[section] = 0;
  for (std::size_t i = 0; i < rx::kUnitTypeCount; ++i) counts.types[static_cast<rx::UnitType>(i)] = 0;
  for (const auto& unit : units) {
    ++counts.types[rx::unit_type(unit)];
    ++counts.sections[rx::section_of(rx::unit_type(unit))];
  }
  return counts;
}

std::map<rx::WarningKind, std::vector<const rx::Diagnostic*>> group_warnings(const std::vector<rx::Diagnostic>& warnings) {
  std::map<rx::WarningKind, std::vector<const rx::Diagnostic*>> groups;
  for (const auto& warning : warnings) groups[warning.kind].push_back(&warning);
  return groups;
}

nlohmann::json diagnostic_json(const rx::Diagnostic& d) {
  return {{"file", d.file}, {"line", d.line}, {"column", d.column}, {"unit", d.unit}, {"key", d.key}, {"message", d.message}};
}

void print_json(const rx::LoadResult& result, const Counts& counts, double seconds) {
  nlohmann::json document;
  document["files"] = result.files;
  document["units"] = result.units.size();
  for (const auto& [section, n] : counts.sections) document["sections"][std::string(rx::section_name(section))] = n;
  for (const auto& [type, n] : counts.types) document["types"][std::string(rx::unit_type_name(type))] = n;
  document["metadata"] = nlohmann::json::array();
  for (const auto& m : result.metadata) document["metadata"].push_back({{"name", m.name}, {"release", m.release}});
  document["errors"] = nlohmann::json::array();
  for (const auto& e : result.errors) document["errors"].push_back(diagnostic_json(e));
  document["warnings"] = nlohmann::json::object();
  for (const auto& [kind, list] : group_warnings(result.warnings)) {
    auto& group = document["warnings"][std::string(rx::warning_kind_name(kind))];
    for (const auto* w : list) group.push_back(diagnostic_json(*w));
  }
  document["elapsed_seconds"] = seconds;
  std::cout << document.dump(2) << "\n";
}

void print_text(const rx::LoadResult& result, const Counts& counts, double seconds, bool all_warnings) {
  std::cout << result.files << " files, " << result.units.size() << " units";
  for (const auto& m : result.metadata) std::cout << " (prescription " << m.name << " " << m.release << ")";
  std::cout << "\n\nunits by section and type:\n";
  for (const auto& [section, n] : counts.sections) {
    std::cout << "  " << rx::section_name(section) << " " << n << ":";
    for (const auto& [type, m] : counts.types) {
      if (rx::section_of(type) == section) std::cout << " " << rx::unit_type_name(type) << " " << m;
    }
    std::cout << "\n";
  }
  std::cout << "\nerrors: " << result.errors.size() << "\n";
  for (const auto& e : result.errors) std::cout << "  " << e.to_string() << "\n";
  std::cout << "\nwarnings: " << result.warnings.size() << "\n";
  for (const auto& [kind, list] : group_warnings(result.warnings)) {
    std::cout << "  " << rx::warning_kind_name(kind) << " (" << list.size() << "):\n";
    std::size_t shown = all_warnings ? list.size() : std::min(list.size(), kShownPerKind);
    for (std::size_t i = 0; i < shown; ++i) std::cout << "    " << list[i]->to_string() << "\n";
    if (shown < list.size()) std::cout << "    ... and " << list.size() - shown << " more (--all lists them)\n";
  }
  std::cout << "\nelapsed: " << static_cast<long long>(seconds * 1000 + 0.5) << " ms\n";
}

int validate(const std::vector<fs::path>& dirs, unsigned threads, bool json, bool all_warnings) {
  auto start = std::chrono::steady_clock::now();
  rx::LoadResult result = rx::load_prescriptions(dirs, rx::LoadOptions{threads});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Counts counts = count_units(result.units);
  if (json) print_json(result, counts, seconds);
  else print_text(result, counts, seconds, all_warnings);
  return static_cast<int>(result.errors.empty() ? ExitCode::Success : ExitCode::BadInput);
}

}  // namespace

int prescriptions_command(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    print_help();
    return static_cast<int>(ExitCode::Success);
  }
  if (args.empty() || args[0] != "validate") {
    return usage_error("expected the subcommand `validate`, found " +
                       (args.empty() ? std::string("nothing") : "`" + args[0] + "`"));
  }
  po::options_description all = visible_options();
  all.add_options()("dir", po::value<std::vector<std::string>>()->multitoken(), "prescription directories");
  po::positional_options_description positional;
  positional.add("dir", -1);
  po::variables_map values =
      parse_command_options({args.begin() + 1, args.end()}, all, "thoth prescriptions validate", positional);
  if (values.count("help") > 0) {
    print_help();
    return static_cast<int>(ExitCode::Success);
  }
  if (values.count("dir") == 0) return usage_error("expected at least one prescriptions directory, found none");
  std::vector<fs::path> dirs;
  for (const auto& dir : values["dir"].as<std::vector<std::string>>()) dirs.emplace_back(dir);
  try {
    return validate(dirs, values["threads"].as<unsigned>(), values.count("json") > 0, values.count("all") > 0);
  } catch (const InputError& error) {
    std::cerr << "error: " << error.error().location << ": " << error.error().message << "\n";
    if (!error.error().hint.empty()) std::cerr << "\nhint: " << error.error().hint << "\n";
    return static_cast<int>(ExitCode::BadInput);
  }
}

}  // namespace thoth::cli
