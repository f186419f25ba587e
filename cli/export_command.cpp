// `thoth export`: turn an existing Pipfile.lock into requirements.txt (pip --require-hashes),
// PEP 751 pylock.toml, or a re-rendered Pipfile.lock. requirements.txt needs only the lock; pylock.toml
// also needs the index to name each pinned file and where to download it.
#include <iostream>

#include <boost/program_options.hpp>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "cli/lock_context.hpp"
#include "cli/pypi_urls.hpp"
#include "env/wheel.hpp"
#include "project/exports.hpp"
#include "project/lockfile.hpp"
#include "project/python_json.hpp"

namespace thoth::cli {
namespace po = boost::program_options;
namespace {

constexpr const char* kExportIntro = R"(Usage: thoth export [--format requirements|pylock|pipfile-lock] [options]

Write the project's Pipfile.lock in another installer's format:
  requirements   pip's requirements.txt with --hash lines, for `pip install --require-hashes -r FILE`
  pylock         PEP 751 pylock.toml, with each pinned wheel and sdist (needs --index to name the files)
  pipfile-lock   the lock itself, re-rendered exactly as pipenv writes it

Examples:
  thoth export --format requirements --output requirements.txt
  thoth export --format pylock --index fixtures/index/pypi-sample.json --output pylock.toml

Options)";

constexpr const char* kExportExitCodes = R"(
Exit codes: 0 written, 2 bad input or usage (no lock, a package without files for pylock), 3 internal error.
)";

std::string index_url_of(const project::LockedPackage& package, const project::ReadLock& lock) {
  for (const project::Source& source : lock.sources)
    if (source.name == package.index) return source.url;
  return lock.sources.empty() ? "" : lock.sources.front().url;
}

// The release's files whose sha256 the lock lists, split into wheels and an sdist.
void add_files(project::ExportPackage& exported, const std::string& name, index::PackageSource& index) {
  const index::Release* release = index::find_release(index, name, exported.version);
  if (release == nullptr) return;
  for (const index::DistFile& file : release->files) {
    auto sha = file.hashes.find("sha256");
    if (sha == file.hashes.end()) continue;
    std::string locked = "sha256:" + sha->second;
    if (std::find(exported.hashes.begin(), exported.hashes.end(), locked) == exported.hashes.end()) continue;
    project::ExportFile out{file.filename, is_pypi(exported.index) ? pypi_file_url(name, file.filename) : "",
                            {{"sha256", sha->second}}};
    if (file.filename.ends_with(".whl")) exported.wheels.push_back(std::move(out));
    else if (!exported.sdist) exported.sdist = std::move(out);
  }
}

std::vector<project::ExportPackage> exported_packages(const LockContext& context, index::PackageSource* index) {
  std::map<std::string, project::ExportPackage> packages;
  for (const std::string& section : context.sections) {
    for (const auto& [name, locked] : context.lock.sections.at(section)) {
      if (packages.contains(name)) continue;
      project::ExportPackage& exported = packages[name];
      exported.name = name;
      exported.version = locked.version;
      exported.marker = locked.markers;
      exported.index = index_url_of(locked, context.lock);
      exported.hashes = locked.hashes;
      if (index != nullptr) add_files(exported, name, *index);
    }
  }
  std::vector<project::ExportPackage> list;
  for (auto& [name, package] : packages) list.push_back(std::move(package));
  return list;
}

std::string requires_python_of(const project::ReadLock& lock) {
  if (auto it = lock.requires_.find("python_full_version"); it != lock.requires_.end()) return "==" + it->second;
  if (auto it = lock.requires_.find("python_version"); it != lock.requires_.end()) return "==" + it->second + ".*";
  return "";
}

std::string render(const std::string& format, const LockContext& context, const LockContextOptions& options) {
  project::ExportHeader header;
  header.source = context.lock.path.filename().string() + " (" + (options.dev ? "default and develop" : "default") + ")";
  header.requires_python = requires_python_of(context.lock);
  if (format == "requirements") {
    auto packages = exported_packages(context, nullptr);
    std::size_t unhashed = std::count_if(packages.begin(), packages.end(), [](const auto& p) { return p.hashes.empty(); });
    if (unhashed > 0)
      std::cerr << "warning: " << unhashed << " package(s) have no hashes in the lock; "
                << "`pip install --require-hashes` will refuse the file\n";
    return project::render_requirements_txt(packages, header);
  }
  if (format == "pylock") {
    auto index = load_index_for(options, "thoth export --format pylock");
    return project::render_pylock(exported_packages(context, index.get()), header);
  }
  return project::python_json_dumps(project::load_lockfile(context.lock.path), 4) + "\n";
}

}  // namespace

int export_command(const std::vector<std::string>& args) {
  po::options_description description(kExportIntro);
  description.add_options()
      ("help,h", "show this help")
      ("format", po::value<std::string>()->default_value("requirements"), "requirements | pylock | pipfile-lock")
      ("output,o", po::value<std::string>(), "write here (atomically) instead of stdout");
  add_lock_context_options(description);
  po::variables_map values = parse_command_options(args, description, "thoth export");
  if (values.count("help")) {
    std::cout << description << kExportExitCodes;
    return 0;
  }
  std::string format = values["format"].as<std::string>();
  if (format != "requirements" && format != "pylock" && format != "pipfile-lock")
    throw InputError("unknown format `" + format + "`", "--format", "use requirements, pylock or pipfile-lock");
  LockContextOptions options = lock_context_options(values);
  LockContext context = load_lock_context(options, false);
  if (context.pins_only)
    throw InputError("thoth export converts a Pipfile.lock; this lock is already in an install format", context.lock.path.string(),
                     "install from it directly, or run `thoth advise --lockfile Pipfile.lock` and export that");
  std::string text = render(format, context, options);
  if (values.count("output")) {
    write_file_atomically(values["output"].as<std::string>(), text);
    std::cerr << "wrote " << values["output"].as<std::string>() << "\n";
  } else {
    std::cout << text;
  }
  return 0;
}

}  // namespace thoth::cli
