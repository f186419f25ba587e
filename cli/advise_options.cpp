// Command-line parsing for `thoth advise`, with the help text that documents every option,
// its default and the exit codes.
#include "cli/advise_options.hpp"

#include <sstream>

#include <boost/program_options.hpp>

#include "base/error.hpp"
#include "cli/parse_command.hpp"

namespace thoth::cli {
namespace po = boost::program_options;

namespace {

constexpr const char* kAdviseIntro = R"(Usage: thoth advise [options]

Resolve a Pipfile, pyproject.toml or pip requirements file against a package index for one target
environment and write its lock beside it (Pipfile.lock as pipenv writes it; pylock.toml for a
pyproject.toml; NAME.txt with hashes for NAME.in): the proven optimum (newest direct dependencies
first, then newest transitive ones, then fewest packages).

Examples:
  thoth advise --pipfile examples/Pipfile --index fixtures/index/pypi-sample.json
  thoth advise --input pyproject.toml --group test --extra fast     # writes pylock.toml
  thoth advise --input requirements.in -c constraints.txt           # writes requirements.txt with hashes
  thoth advise --index snapshot.json --requirement 'pyrax==1.9.8' --python-version 3.11 --json --dry-run
  thoth advise -r gpu-node --index snapshot.json          # the runtime environment `gpu-node` of .thoth.yaml
  thoth advise --index snapshot.json --cuda-version 11.8 --libc glibc-2.28 --only-binary :all:

Options)";

constexpr const char* kAdviseExitCodes = R"(
Exit codes: 0 locked (with --best-effort: also when requirements were left out; they are reported),
1 no lock exists (the explanation is printed on stderr), 2 bad input or usage, 3 internal error.
)";

po::options_description advise_description() {
  po::options_description options(kAdviseIntro);
  options.add_options()
      ("help,h", "show this help")
      ("pipfile", po::value<std::string>()->default_value("Pipfile"), "the Pipfile to lock")
      ("requirement", po::value<std::vector<std::string>>()->composing(),
       "resolve this PEP 508 requirement instead of a Pipfile (repeatable; implies --dry-run)")
      ("index", po::value<std::string>(), "index snapshot file (JSON: name -> version -> release); or $THOTH_INDEX. "
                                           "Without it, the Pipfile's [[source]] indexes are used over HTTP")
      ("index-url", po::value<std::string>(), "simple-API index URL (PEP 503/691); replaces the URL of the Pipfile's first [[source]]")
      ("extra-index-url", po::value<std::vector<std::string>>()->composing(), "a further simple-API index, after the Pipfile's sources (repeatable)")
      ("index-strategy", po::value<std::string>()->default_value("first-index"),
       "with several indexes: first-index (a package comes only from the first index that has it) or merge (union of versions)")
      ("cache-dir", po::value<std::string>(), "cache folder for HTTP index pages and OSV records (default: $XDG_CACHE_HOME/thoth, else ~/.cache/thoth)")
      ("offline", po::bool_switch(), "resolve HTTP indexes from the cache alone; fail on anything not cached")
      ("python-version", po::value<std::string>(), "target Python X.Y or X.Y.Z (default: Pipfile [requires], else 3.12)")
      ("platform", po::value<std::string>(), "target platform, e.g. linux-x86_64, macosx-11.0-arm64, win-amd64 (default linux-x86_64)")
      ("marker", po::value<std::vector<std::string>>()->composing(), "override a PEP 508 marker value, KEY=VALUE (repeatable)")
      ("runtime-environment,r", po::value<std::string>(), "runtime environment of .thoth.yaml to resolve for (default: the first)")
      ("thoth-config", po::value<std::string>(), "the .thoth.yaml to read (default: .thoth.yaml beside the Pipfile, or in the current folder with --requirement)")
      ("implementation", po::value<std::string>(), "target Python implementation: cpython (default) or pypy, ...")
      ("libc", po::value<std::string>(), "target C library: glibc-X.Y, musl-X.Y, or none (default on Linux: glibc 2.17, manylinux2014)")
      ("libstdcxx", po::value<std::string>(), "target libstdc++: GCC release (12.1.0) or library version (6.0.30), or none")
      ("cuda-version", po::value<std::string>(), "target CUDA X.Y, or none")
      ("cudnn-version", po::value<std::string>(), "target cuDNN X.Y[.Z], or none")
      ("cpu-flags", po::value<std::string>(), "target CPU flags, comma-separated (replaces the list; empty: none)")
      ("only-binary", po::value<std::vector<std::string>>()->composing(),
       "never build from an sdist: :all: or package names, comma-separated (repeatable, as pip's --only-binary)")
      ("lockfile", po::value<std::string>(), "where to write the lock (default: Pipfile.lock beside a Pipfile, pylock.toml beside a "
                                              "pyproject.toml, NAME.txt beside NAME.in); *.toml writes PEP 751, *.txt pip requirements with hashes")
      ("pre", po::bool_switch(), "allow pre-releases everywhere (as [pipenv] allow_prereleases)")
      ("timeout", po::value<double>()->default_value(120), "solver time budget in seconds; past it the best lock found is written and marked not proven optimal (0 = none)")
      ("best-effort", po::bool_switch(), "when no lock exists, lock the largest satisfiable subset of the requirements and report what was left out")
      ("recommendation-type,t", po::value<std::string>(),
       "latest | stable | testing | performance | security: the objective levels and which prescriptions register "
       "(default: .thoth.yaml recommendation_type, else stable; docs/recommendation-types.md)")
      ("advisories", po::value<std::string>(), "folder of OSV advisory records (the PyPA advisory database); default: .thoth.yaml `advisories:`")
      ("osv-api", po::value<std::string>(), "ask the OSV API at this base URL (e.g. https://api.osv.dev) about every candidate release, instead of --advisories")
      ("scorecards", po::value<std::string>(), "folder of OpenSSF Scorecard results, <package>.json; default: .thoth.yaml `scorecards:`")
      ("json", po::bool_switch(), "print the whole advise result as JSON on stdout")
      ("dry-run", po::bool_switch(), "resolve and report, but write no lock file")
      ("prescriptions", po::value<std::vector<std::string>>()->composing(),
       "a folder of Thoth prescriptions (repeatable; adds to the `prescriptions:` list of .thoth.yaml)")
      ("labels", po::value<std::vector<std::string>>()->composing(),
       "request labels KEY=VALUE matched by prescriptions' should_include.labels (repeatable, or comma-separated)");
  add_input_options(options);
  return options;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) items.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

void read_environment_options(const po::variables_map& values, AdviseOptions& options) {
  auto text = [&](const char* name) -> std::optional<std::string> {
    if (!values.count(name)) return std::nullopt;
    return values[name].as<std::string>();
  };
  if (auto name = text("runtime-environment")) options.runtime_environment = *name;
  if (auto path = text("thoth-config")) options.thoth_config = *path;
  options.implementation = text("implementation");
  options.libc = text("libc");
  options.libstdcxx_version = text("libstdcxx");
  options.cuda_version = text("cuda-version");
  options.cudnn_version = text("cudnn-version");
  if (auto flags = text("cpu-flags")) options.cpu_flags = split_commas(*flags);
  if (values.count("only-binary"))
    for (const std::string& entry : values["only-binary"].as<std::vector<std::string>>())
      for (const std::string& item : split_commas(entry)) options.only_binary.push_back(item);
}

}  // namespace

AdviseOptions parse_advise_options(const std::vector<std::string>& args, std::string& out_help) {
  po::options_description description = advise_description();
  // THOTH_* below the flags; .thoth.yaml comes later, below both.
  po::variables_map values = parse_command_options(args, description, "thoth advise");
  AdviseOptions options;
  if (values.count("help")) {
    std::ostringstream help;
    help << description << kAdviseExitCodes;
    out_help = help.str();
    options.help = true;
    return options;
  }
  options.pipfile = values["pipfile"].as<std::string>();
  options.pipfile_given = !values["pipfile"].defaulted();
  options.input = read_input_options(values);
  if (values.count("requirement")) options.requirements = values["requirement"].as<std::vector<std::string>>();
  if (values.count("index")) options.index = values["index"].as<std::string>();
  if (values.count("index-url")) options.index_url = values["index-url"].as<std::string>();
  if (values.count("extra-index-url")) options.extra_index_urls = values["extra-index-url"].as<std::vector<std::string>>();
  options.index_strategy = values["index-strategy"].as<std::string>();
  if (values.count("cache-dir")) options.cache_dir = values["cache-dir"].as<std::string>();
  options.offline = values["offline"].as<bool>();
  if (options.index_strategy != "first-index" && options.index_strategy != "merge")
    throw InputError("expected first-index or merge, found `" + options.index_strategy + "`", "--index-strategy");
  if (values.count("python-version")) options.python_version = values["python-version"].as<std::string>();
  if (values.count("platform")) options.platform = values["platform"].as<std::string>();
  if (values.count("marker")) options.markers = values["marker"].as<std::vector<std::string>>();
  if (values.count("lockfile")) options.lockfile = values["lockfile"].as<std::string>();
  if (values.count("prescriptions"))
    for (const auto& dir : values["prescriptions"].as<std::vector<std::string>>()) options.prescriptions.emplace_back(dir);
  if (values.count("labels")) options.labels = values["labels"].as<std::vector<std::string>>();
  read_environment_options(values, options);
  options.allow_prereleases = values["pre"].as<bool>();
  if (values.count("recommendation-type")) options.recommendation_type = values["recommendation-type"].as<std::string>();
  if (values.count("advisories")) options.advisories = values["advisories"].as<std::string>();
  if (values.count("osv-api")) options.osv_api = values["osv-api"].as<std::string>();
  if (values.count("scorecards")) options.scorecards = values["scorecards"].as<std::string>();
  options.timeout_seconds = values["timeout"].as<double>();
  options.json = values["json"].as<bool>();
  options.best_effort = values["best-effort"].as<bool>();
  options.dry_run = values["dry-run"].as<bool>() || !options.requirements.empty();
  if (options.timeout_seconds < 0) throw InputError("expected a timeout >= 0 seconds", "--timeout");
  return options;
}

}  // namespace thoth::cli
