// Command-line parsing for `thoth advise`, with the help text that documents every option,
// its default and the exit codes.
#include "cli/advise_options.hpp"

#include <sstream>

#include <boost/program_options.hpp>

#include "base/error.hpp"

namespace thoth::cli {
namespace po = boost::program_options;

namespace {

constexpr const char* kAdviseIntro = R"(Usage: thoth advise [options]

Resolve a Pipfile against a package index for one target environment and write a pipenv-compatible
Pipfile.lock beside it: the proven optimum (newest direct dependencies first, then newest transitive
ones, then fewest packages).

Examples:
  thoth advise --pipfile examples/Pipfile --index fixtures/index/pypi-sample.json
  thoth advise --index snapshot.json --requirement 'pyrax==1.9.8' --python-version 3.11 --json --dry-run

Options)";

constexpr const char* kAdviseExitCodes = R"(
Exit codes: 0 locked, 1 no lock exists (the conflict is printed), 2 bad input or usage, 3 internal error.
)";

po::options_description advise_description() {
  po::options_description options(kAdviseIntro);
  options.add_options()
      ("help,h", "show this help")
      ("pipfile", po::value<std::string>()->default_value("Pipfile"), "the Pipfile to lock")
      ("requirement", po::value<std::vector<std::string>>()->composing(),
       "resolve this PEP 508 requirement instead of a Pipfile (repeatable; implies --dry-run)")
      ("index", po::value<std::string>(), "index snapshot file (JSON: name -> version -> release); or $THOTH_INDEX")
      ("python-version", po::value<std::string>(), "target Python X.Y or X.Y.Z (default: Pipfile [requires], else 3.12)")
      ("platform", po::value<std::string>(), "target platform, e.g. linux-x86_64, macosx-11.0-arm64, win-amd64 (default linux-x86_64)")
      ("marker", po::value<std::vector<std::string>>()->composing(), "override a PEP 508 marker value, KEY=VALUE (repeatable)")
      ("lockfile", po::value<std::string>(), "where to write the lock (default: Pipfile.lock beside the Pipfile)")
      ("pre", po::bool_switch(), "allow pre-releases everywhere (as [pipenv] allow_prereleases)")
      ("timeout", po::value<double>()->default_value(120), "solver time budget in seconds; past it the best lock found is written and marked not proven optimal (0 = none)")
      ("recommendation-type,t", po::value<std::string>(),
       "latest | stable | testing | performance | security (default: .thoth.yaml recommendation_type, else stable; docs/recommendation-types.md)")
      ("advisories", po::value<std::string>(), "folder of OSV advisory records (the PyPA advisory database); default: .thoth.yaml `advisories:`")
      ("osv-api", po::value<std::string>(), "ask the OSV API at this base URL (e.g. https://api.osv.dev) about every candidate release, instead of --advisories")
      ("cache-dir", po::value<std::string>(), "on-disk cache of API answers (default: $XDG_CACHE_HOME/thoth, else ~/.cache/thoth)")
      ("scorecards", po::value<std::string>(), "folder of OpenSSF Scorecard results, <package>.json; default: .thoth.yaml `scorecards:`")
      ("thoth-config", po::value<std::string>(), "the .thoth.yaml to read defaults from (default: .thoth.yaml beside the Pipfile)")
      ("json", po::bool_switch(), "print the whole advise result as JSON on stdout")
      ("dry-run", po::bool_switch(), "resolve and report, but write no lock file");
  return options;
}

}  // namespace

AdviseOptions parse_advise_options(const std::vector<std::string>& args, std::string& out_help) {
  po::options_description description = advise_description();
  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(description).run(), values);
    po::notify(values);
  } catch (const po::error& e) {
    throw InputError(e.what(), "thoth advise", "run `thoth advise --help` for the options");
  }
  AdviseOptions options;
  if (values.count("help")) {
    std::ostringstream help;
    help << description << kAdviseExitCodes;
    out_help = help.str();
    options.help = true;
    return options;
  }
  options.pipfile = values["pipfile"].as<std::string>();
  if (values.count("requirement")) options.requirements = values["requirement"].as<std::vector<std::string>>();
  if (values.count("index")) options.index = values["index"].as<std::string>();
  if (values.count("python-version")) options.python_version = values["python-version"].as<std::string>();
  if (values.count("platform")) options.platform = values["platform"].as<std::string>();
  if (values.count("marker")) options.markers = values["marker"].as<std::vector<std::string>>();
  if (values.count("lockfile")) options.lockfile = values["lockfile"].as<std::string>();
  options.allow_prereleases = values["pre"].as<bool>();
  if (values.count("recommendation-type")) options.recommendation_type = values["recommendation-type"].as<std::string>();
  if (values.count("advisories")) options.advisories = values["advisories"].as<std::string>();
  if (values.count("osv-api")) options.osv_api = values["osv-api"].as<std::string>();
  if (values.count("cache-dir")) options.cache_dir = values["cache-dir"].as<std::string>();
  if (values.count("scorecards")) options.scorecards = values["scorecards"].as<std::string>();
  if (values.count("thoth-config")) options.thoth_config = values["thoth-config"].as<std::string>();
  options.timeout_seconds = values["timeout"].as<double>();
  options.json = values["json"].as<bool>();
  options.dry_run = values["dry-run"].as<bool>() || !options.requirements.empty();
  if (options.timeout_seconds < 0) throw InputError("expected a timeout >= 0 seconds", "--timeout");
  return options;
}

}  // namespace thoth::cli
