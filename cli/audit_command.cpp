// `thoth audit [Pipfile.lock | pylock.toml | requirements.txt]`: is the lock's Pipfile hash current, and which pins have known
// advisories. Prints a table (or --json) and exits 0 when the lock is current and clean, 1 when a
// pin has an advisory or the hash is stale, 2 on bad input or usage (docs/cli.md).
#include <iomanip>
#include <iostream>

#include <boost/program_options.hpp>

#include "advise/audit.hpp"
#include "advisories/osv_client.hpp"
#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/lock_context.hpp"
#include "cli/parse_command.hpp"
#include "cli/security_inputs.hpp"
#include "project/lockfile.hpp"
#include "project/pinned_locks.hpp"

namespace thoth::cli {
namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;

constexpr const char* kAuditIntro = R"(Usage: thoth audit [Pipfile.lock] [options]

Check an existing lock without resolving: is its _meta hash current for the Pipfile beside it (both
pipenv hash variants are accepted), and which pinned versions have known advisories. A pylock.toml
(*.toml) or requirements.txt (*.txt, `name==version` lines) is audited for advisories only.

Examples:
  thoth audit --advisories advisory-database/vulns
  thoth audit deploy/Pipfile.lock --json
  thoth audit pylock.toml --advisories advisory-database/vulns

Options)";

constexpr const char* kAuditExitCodes = R"(
Exit codes: 0 hash current and no pin with a known advisory, 1 a pin has a known advisory or the hash
is stale, 2 bad input or usage (no advisory source, unreadable lock), 3 internal error.
)";

po::options_description audit_description() {
  po::options_description options(kAuditIntro);
  options.add_options()
      ("help,h", "show this help")
      ("lockfile", po::value<std::string>(), "the lock to audit (also the positional argument; default: Pipfile.lock, or pylock.toml when only it exists)")
      ("pipfile", po::value<std::string>(), "the Pipfile whose hash the lock must carry (default: Pipfile beside the lock)")
      ("advisories", po::value<std::string>(), "folder of OSV advisory records; default: .thoth.yaml `advisories:`")
      ("osv-api", po::value<std::string>(), "ask the OSV API at this base URL (e.g. https://api.osv.dev) instead of a folder")
      ("cache-dir", po::value<std::string>(), "on-disk cache for API answers (default: $XDG_CACHE_HOME/thoth, else ~/.cache/thoth)")
      ("timeout", po::value<double>()->default_value(30), "seconds per API request")
      ("thoth-config", po::value<std::string>(), "the .thoth.yaml to read defaults from (default: beside the lock)")
      ("json", po::bool_switch(), "print the report as JSON");
  return options;
}

void print_table(const advise::AuditReport& report, const fs::path& lock) {
  std::cout << lock.generic_string() << ": hash " << advise::hash_status_name(report.hash)
            << (report.hash_variant.empty() ? "" : " (" + report.hash_variant + " variant)") << "; " << report.pins
            << " pins, " << report.vulnerable_pins() << " with known advisories\n";
  if (report.findings.empty()) return;
  std::size_t name = 7, version = 7, id = 8;
  for (const auto& f : report.findings) {
    name = std::max(name, f.package.size());
    version = std::max(version, f.version.size());
    id = std::max(id, f.id.size());
  }
  auto row = [&](const std::string& a, const std::string& b, const std::string& c, const std::string& d,
                 const std::string& e) {
    std::cout << std::left << std::setw(static_cast<int>(name)) << a << "  " << std::setw(static_cast<int>(version))
              << b << "  " << std::setw(static_cast<int>(id)) << c << "  " << std::setw(10) << d << "  " << e << "\n";
  };
  row("package", "version", "advisory", "fixed in", "aliases");
  for (const auto& f : report.findings) {
    std::string aliases;
    for (const auto& alias : f.aliases) aliases += (aliases.empty() ? "" : ", ") + alias;
    row(f.package, f.version, f.id, f.fixed_in.empty() ? "-" : f.fixed_in, aliases);
  }
}

// The lock's `==V` pins, for the OSV API.
std::vector<advisories::PackageVersion> lock_pins(const nlohmann::json& lock) {
  std::vector<advisories::PackageVersion> pins;
  for (const auto& [section, packages] : lock.items()) {
    if (section == "_meta" || !packages.is_object()) continue;
    for (const auto& [name, entry] : packages.items()) {
      std::string version = entry.is_object() ? entry.value("version", "") : "";
      if (version.rfind("==", 0) == 0) pins.push_back({name, version.substr(2)});
    }
  }
  return pins;
}

std::unique_ptr<advisories::AdvisoryDatabase> query_osv(const po::variables_map& values, const nlohmann::json& lock) {
  fs::path cache = values.count("cache-dir") ? fs::path(values["cache-dir"].as<std::string>()) : default_cache_dir();
  auto timeout = std::chrono::milliseconds(static_cast<long long>(values["timeout"].as<double>() * 1000));
  advisories::OsvClient client(values["osv-api"].as<std::string>(), cache, {std::min(timeout, std::chrono::milliseconds(10000)), timeout});
  auto found = client.query(lock_pins(lock));
  if (!found) throw InputError(found.error());
  return std::make_unique<advisories::AdvisoryDatabase>(std::move(*found));
}

// pylock.toml (*.toml) and requirements.txt (*.txt) locks written for pyproject.toml and requirements
// inputs: their pins in the Pipfile.lock shape audit_lock reads (one `default` section, no _meta hash).
bool is_pipfile_lock(const fs::path& path) {
  return path.extension() != ".toml" && path.extension() != ".txt" && path.extension() != ".in";
}

nlohmann::json pins_as_lock(const fs::path& path) {
  nlohmann::json lock = {{"default", nlohmann::json::object()}};
  for (const auto& [name, version] : project::read_lock_pins(path)) lock["default"][name] = {{"version", "==" + version}};
  return lock;
}

}  // namespace

int audit_command(const std::vector<std::string>& args) {
  po::options_description description = audit_description();
  po::positional_options_description positional;
  positional.add("lockfile", 1);
  po::variables_map values = parse_command_options(args, description, "thoth audit", positional);
  if (values.count("help")) {
    std::cout << description << kAuditExitCodes;
    return 0;
  }
  fs::path lock_path = values.count("lockfile") ? fs::path(values["lockfile"].as<std::string>()) : default_lock_to_read(LockContextOptions{});
  fs::path folder = lock_path.parent_path();
  ThothDefaults defaults = read_thoth_defaults(
      values.count("thoth-config") ? fs::path(values["thoth-config"].as<std::string>()) : folder / ".thoth.yaml");
  bool pipfile_lock = is_pipfile_lock(lock_path);
  nlohmann::json lock = pipfile_lock ? project::load_lockfile(lock_path) : pins_as_lock(lock_path);
  auto database = values.count("osv-api")
                      ? query_osv(values, lock)
                      : load_advisories(values.count("advisories") ? values["advisories"].as<std::string>() : "", defaults);
  if (!database)
    throw InputError("no advisory source given", "thoth audit",
                     "pass --advisories DIR or --osv-api URL, or set `advisories:` in .thoth.yaml");
  fs::path pipfile_path = values.count("pipfile") ? fs::path(values["pipfile"].as<std::string>()) : folder / "Pipfile";
  std::optional<project::Pipfile> pipfile;
  std::error_code error;
  if (pipfile_lock && (values.count("pipfile") || fs::exists(pipfile_path, error))) pipfile = project::load_pipfile(pipfile_path);

  advise::AuditReport report = advise::audit_lock(lock, lock_path.generic_string(), pipfile ? &*pipfile : nullptr, *database);
  if (!pipfile_lock) report.hash = advise::HashStatus::NoPipfile;  // these formats carry no Pipfile hash
  if (values["json"].as<bool>()) {
    nlohmann::json out = advise::audit_to_json(report);
    out["lockfile"] = lock_path.generic_string();
    out["advisories"] = {{"records", database->statistics.records}, {"source", database->description}};
    std::cout << out.dump(2) << "\n";
  } else {
    print_table(report, lock_path);
  }
  bool failed = report.vulnerable_pins() > 0 || report.hash == advise::HashStatus::Stale;
  return static_cast<int>(failed ? ExitCode::NoSolution : ExitCode::Success);
}

}  // namespace thoth::cli
