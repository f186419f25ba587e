// `thoth advise`: read the Pipfile (or a pyproject.toml, a requirements file, --requirement), load the index, resolve for the target
// environment, print the result, and replace Pipfile.lock atomically. On any failure the existing
// lock is left untouched.
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "advise/advise.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "cli/advise_options.hpp"
#include "cli/advise_prescriptions.hpp"
#include "cli/commands.hpp"
#include "cli/environment_options.hpp"
#include "cli/security_inputs.hpp"
#include "cli/lock_output.hpp"
#include "cli/package_source.hpp"
#include "cli/target_environment.hpp"
#include "cli/terminal.hpp"
#include "project/lockfile.hpp"
#include "project/pipfile.hpp"

namespace thoth::cli {
namespace {

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

std::vector<advise::RootRequirement> roots_from_pipfile(const project::Pipfile& pipfile) {
  std::vector<advise::RootRequirement> roots;
  for (const auto& [category, entries] : pipfile.categories) {
    for (const project::PipfileEntry& entry : entries) {
      if (entry.vcs_or_path)
        throw InputError("VCS, path and file entries are not supported yet", pipfile.path.string() + ":" +
                         std::to_string(entry.line), "pin `" + entry.name + "` to a released version instead");
      roots.push_back({entry.to_requirement(), project::lock_section_for(category),
                       pipfile.path.filename().string() + ":" + std::to_string(entry.line)});
    }
  }
  return roots;
}

std::vector<advise::RootRequirement> roots_from_flags(const AdviseOptions& options) {
  std::vector<advise::RootRequirement> roots;
  for (std::size_t i = 0; i < options.requirements.size(); ++i) {
    auto parsed = packaging::Requirement::parse(options.requirements[i]);
    if (!parsed) throw InputError(parsed.error().message, "--requirement `" + options.requirements[i] + "`");
    roots.push_back({*parsed, "default", "--requirement #" + std::to_string(i + 1)});
  }
  return roots;
}

}  // namespace

int advise_command(const std::vector<std::string>& args) {
  std::string help;
  AdviseOptions options = parse_advise_options(args, help);
  if (options.help) {
    std::cout << help;
    return 0;
  }
  auto total_start = Clock::now();
  std::optional<project::Pipfile> pipfile;
  std::optional<project::ProjectInput> project_input;  // a pyproject.toml or requirements file (cli/advise_input)
  if (options.requirements.empty()) {
    ChosenInput chosen = choose_input(options.input, options.pipfile, options.pipfile_given);
    if (chosen.kind == project::ManifestKind::Pipfile) {
      options.pipfile = chosen.path;
      pipfile = project::load_pipfile(options.pipfile);
    } else {
      project_input = project::load_project_input(chosen.path, chosen.kind, options.input.selection);
      apply_input_settings(*project_input, options);
    }
  }

  use_user_config_unless_project_has_one(
      options.thoth_config, project_input ? project_input->path.parent_path() : pipfile ? options.pipfile.parent_path() : ".");
  advise::AdviseRequest request;
  request.roots = pipfile ? roots_from_pipfile(*pipfile) : project_input ? roots_of(*project_input) : roots_from_flags(options);
  request.constraints = project_input ? constraints_of(project_input->constraints) : constraints_for_pipfile(options.input);
  const project::Pipfile* pipfile_read = pipfile ? &*pipfile : nullptr;
  ProjectConfig project_config = read_project_config(thoth_config_path(options, pipfile_read), options.runtime_environment);
  ResolvedEnvironment environment = resolve_environment(options, pipfile_read, project_config);
  if (project_input) check_requires_python(*project_input, environment.environment);
  request.environment = environment.environment;
  request.allow_prereleases = options.allow_prereleases || (pipfile && pipfile->allow_prereleases);
  request.best_effort = options.best_effort;
  request.limits.time = std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000));
  ThothDefaults defaults = thoth_defaults(project_config);
  if (!options.recommendation_type.empty())
    request.recommendation = parse_recommendation_type(options.recommendation_type, "--recommendation-type");
  else if (defaults.recommendation)
    request.recommendation = *defaults.recommendation;
  std::unique_ptr<advisories::ScorecardSet> scorecards = load_scorecards(options.scorecards, defaults);
  request.scorecards = scorecards.get();
  configure_prescriptions(options, pipfile_read, project_config, request);

  std::optional<Progress> progress(std::in_place, "loading the package index");  // stderr on a terminal only
  auto load_start = Clock::now();
  OpenedSource opened = open_package_source(options, pipfile_read, request.environment);
  double load_ms = elapsed_ms(load_start);
  progress.emplace(options.osv_api.empty() ? "loading advisories" : "asking the OSV API about candidate releases");
  std::unique_ptr<advisories::AdvisoryDatabase> advisory_db =
      options.osv_api.empty()
          ? load_advisories(options.advisories, defaults)
          : query_osv_for_request(request, opened.source(), options.osv_api,
                                  options.cache_dir ? *options.cache_dir : default_cache_dir(), {});
  request.advisories = advisory_db.get();

  progress.emplace("resolving " + std::to_string(request.roots.size()) + " requirements");
  advise::AdviseResult result = advise::advise(request, opened.source());
  progress.reset();

  AdviseReport report{options, request, result, opened.source(), opened.statistics(), opened.fetch_statistics(),
                      pipfile_read, load_ms, 0, &environment, std::nullopt};
  std::optional<std::string> lock_text;
  if (pipfile && result.outcome == advise::Outcome::Locked) lock_text = render_lock(report);
  if (lock_text && !options.dry_run) {
    write_file_atomically(lock_path(options), *lock_text);
  }
  if (project_input && result.outcome == advise::Outcome::Locked) {
    std::filesystem::path path = options.lockfile ? *options.lockfile : project::default_lock_path(project_input->kind, project_input->path);
    std::string text = render_input_lock(lock_format_of(path), result, opened.source(), lock_index_url(options), *project_input);
    if (!options.dry_run) write_file_atomically(path, text);
    report.input_lock = path;
  }
  report.total_ms = elapsed_ms(total_start);
  print_report(report, lock_text);
  return result.outcome == advise::Outcome::Locked ? 0 : static_cast<int>(ExitCode::NoSolution);
}

}  // namespace thoth::cli
