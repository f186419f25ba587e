// Options and lock rendering for `thoth advise` on a pyproject.toml or a requirements file, and the
// pip constraints (-c) that apply to every input kind. The reading itself is project/project_input.
#include "cli/advise_input.hpp"

#include <cstdlib>

#include "base/error.hpp"
#include "cli/advise_options.hpp"
#include "cli/pypi_urls.hpp"
#include "project/exports.hpp"

namespace thoth::cli {
namespace po = boost::program_options;

void add_input_options(po::options_description& options) {
  options.add_options()
      ("input", po::value<std::string>(),
       "the project file to lock: a Pipfile, pyproject.toml, or pip requirements file (requirements.in/.txt); "
       "default: --pipfile, else the first of Pipfile, pyproject.toml, requirements.in, requirements.txt here")
      ("input-kind", po::value<std::string>(), "pipfile | pyproject | requirements (default: from the file name, else its contents)")
      ("extra", po::value<std::vector<std::string>>()->composing(), "pyproject.toml: also resolve this [project.optional-dependencies] extra (repeatable)")
      ("all-extras", po::bool_switch(), "pyproject.toml: resolve every optional-dependencies extra")
      ("group", po::value<std::vector<std::string>>()->composing(), "pyproject.toml: also resolve this PEP 735 [dependency-groups] group (repeatable)")
      ("only-group", po::value<std::vector<std::string>>()->composing(),
       "pyproject.toml: resolve only this dependency group, without [project] dependencies (repeatable)")
      ("constraint,c", po::value<std::vector<std::string>>()->composing(),
       "pip constraints file: its requirements restrict versions of packages that get installed, never add any (repeatable)");
}

InputOptions read_input_options(const po::variables_map& values) {
  InputOptions out;
  auto list = [&](const char* name) {
    return values.count(name) ? values[name].as<std::vector<std::string>>() : std::vector<std::string>{};
  };
  if (values.count("input")) out.input = values["input"].as<std::string>();
  if (values.count("input-kind")) out.kind = project::parse_manifest_kind(values["input-kind"].as<std::string>(), "--input-kind");
  out.selection.extras = list("extra");
  out.selection.all_extras = values["all-extras"].as<bool>();
  out.selection.groups = list("group");
  for (const std::string& group : list("only-group")) {
    out.selection.groups.push_back(group);
    out.selection.no_default = true;
  }
  for (const std::string& file : list("constraint")) out.selection.constraint_files.push_back(file);
  return out;
}

ChosenInput choose_input(const InputOptions& input, const std::filesystem::path& pipfile, bool pipfile_given) {
  std::optional<std::filesystem::path> path = input.input;
  if (!path && pipfile_given) path = pipfile;
  if (!path) {
    for (const char* name : {"Pipfile", "pyproject.toml", "requirements.in", "requirements.txt"})
      if (std::filesystem::exists(name)) {
        path = name;
        break;
      }
  }
  if (!path) return {input.kind.value_or(project::ManifestKind::Pipfile), pipfile};  // "no such file: Pipfile"
  if (!std::filesystem::exists(*path))
    throw InputError("no such file", path->string(), "name the project file with --input FILE");
  return {input.kind ? *input.kind : project::detect_manifest_kind(*path), *path};
}

std::vector<advise::RootRequirement> roots_of(const project::ProjectInput& input) {
  std::vector<advise::RootRequirement> roots;
  for (const project::InputRoot& root : input.roots) roots.push_back({root.requirement, root.section, root.origin});
  return roots;
}

std::vector<encoder::Constraint> constraints_of(const std::vector<project::InputConstraint>& constraints) {
  std::vector<encoder::Constraint> out;
  for (const project::InputConstraint& constraint : constraints) out.push_back({constraint.requirement, constraint.origin});
  return out;
}

LockFormat lock_format_of(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  if (name.ends_with(".toml")) return LockFormat::Pylock;
  if (name.ends_with(".txt")) return LockFormat::Requirements;
  return LockFormat::PipfileLock;
}

namespace {

// The pin's files that install in the target (advise's Pin::files), with their sha256.
project::ExportPackage exported(const advise::Pin& pin, index::PackageSource& index, const std::string& index_url) {
  project::ExportPackage out;
  out.name = pin.name;
  out.version = pin.version;
  out.index = index_url;
  const index::Release* release = index::find_release(index, pin.name, pin.version);
  if (release == nullptr) return out;
  for (const index::DistFile& file : release->files) {
    auto sha = file.hashes.find("sha256");
    if (sha == file.hashes.end() || std::find(pin.files.begin(), pin.files.end(), file.filename) == pin.files.end()) continue;
    out.hashes.push_back("sha256:" + sha->second);
    project::ExportFile entry{file.filename, is_pypi(index_url) ? pypi_file_url(pin.name, file.filename) : "",
                              {{"sha256", sha->second}}};
    if (file.filename.ends_with(".whl")) out.wheels.push_back(std::move(entry));
    else if (!out.sdist) out.sdist = std::move(entry);
  }
  std::sort(out.hashes.begin(), out.hashes.end());
  return out;
}

}  // namespace

std::string render_input_lock(LockFormat format, const advise::AdviseResult& result, index::PackageSource& index,
                              const std::string& index_url, const project::ProjectInput& input) {
  std::vector<project::ExportPackage> packages;
  for (const auto& [name, pin] : result.pins) packages.push_back(exported(pin, index, index_url));
  project::ExportHeader header;
  header.source = input.path.filename().string();
  header.requires_python = input.requires_python;
  if (format == LockFormat::Requirements) return project::render_requirements_txt(packages, header);
  if (format == LockFormat::Pylock) return project::render_pylock(packages, header);
  throw InputError("a Pipfile.lock is written only for a Pipfile", "--lockfile",
                   "name a pylock.toml or a requirements .txt file for a " + std::string(project::manifest_kind_name(input.kind)) +
                       " input");
}

}  // namespace thoth::cli

namespace thoth::cli {

void apply_input_settings(const project::ProjectInput& input, AdviseOptions& options) {
  options.allow_prereleases = options.allow_prereleases || input.allow_prereleases;
  for (const std::string& item : input.only_binary) options.only_binary.push_back(item);
  const char* snapshot = std::getenv("THOTH_INDEX");
  bool has_snapshot = !options.index.empty() || (snapshot != nullptr && *snapshot != '\0');
  if (!has_snapshot && options.index_url.empty() && input.index_url) options.index_url = *input.index_url;
  if (!has_snapshot)
    for (const std::string& url : input.extra_index_urls) options.extra_index_urls.push_back(url);
  std::filesystem::path beside = input.path.parent_path() / ".thoth.yaml";
  if (!options.thoth_config && std::filesystem::exists(beside)) options.thoth_config = beside;
}

std::vector<encoder::Constraint> constraints_for_pipfile(const InputOptions& input) {
  const project::InputSelection& selection = input.selection;
  if (!selection.extras.empty() || selection.all_extras || !selection.groups.empty())
    throw InputError("--extra, --all-extras, --group and --only-group select parts of a pyproject.toml", "thoth advise",
                     "a Pipfile's packages are chosen by its categories; pass --input pyproject.toml");
  std::vector<encoder::Constraint> out;
  for (const std::filesystem::path& file : selection.constraint_files)
    for (const encoder::Constraint& constraint : constraints_of(project::load_constraints_file(file))) out.push_back(constraint);
  return out;
}

void check_requires_python(const project::ProjectInput& input, const env::TargetEnvironment& environment) {
  if (input.requires_python.empty()) return;
  auto specifier = packaging::SpecifierSet::parse(input.requires_python);
  if (!specifier || specifier->contains(environment.python(), true)) return;
  throw InputError("requires-python `" + input.requires_python + "` excludes the target Python " +
                       environment.python().to_string(),
                   input.path.string(), "pass --python-version with a version it admits");
}

std::string lock_index_url(const AdviseOptions& options) {
  return options.index_url.empty() ? "https://pypi.org/simple" : options.index_url;
}

}  // namespace thoth::cli
