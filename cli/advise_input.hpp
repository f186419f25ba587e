// The input of `thoth advise` besides the Pipfile: which project file to read (--input, --input-kind,
// or found in the current folder), the parts of a pyproject.toml to resolve (--extra, --all-extras,
// --group, --only-group), pip constraints files (-c), and the lock such inputs write: pylock.toml
// (PEP 751) or a requirements.txt with --hash lines (docs/cli.md, "Inputs and locks").
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "advise/advise.hpp"
#include "project/manifest.hpp"
#include "project/project_input.hpp"

namespace thoth::cli {

struct InputOptions {
  std::optional<std::filesystem::path> input;  // --input FILE
  std::optional<project::ManifestKind> kind;   // --input-kind
  project::InputSelection selection;           // --extra, --all-extras, --group, --only-group, -c
};

void add_input_options(boost::program_options::options_description& options);
// Throws InputError for an unknown --input-kind.
[[nodiscard]] InputOptions read_input_options(const boost::program_options::variables_map& values);

struct ChosenInput {
  project::ManifestKind kind = project::ManifestKind::Pipfile;
  std::filesystem::path path;
};

// --input (kind from --input-kind, else detected), else --pipfile when given, else the first of
// Pipfile, pyproject.toml, requirements.in, requirements.txt in the current folder (Pipfile when none).
[[nodiscard]] ChosenInput choose_input(const InputOptions& input, const std::filesystem::path& pipfile,
                                       bool pipfile_given);

[[nodiscard]] std::vector<advise::RootRequirement> roots_of(const project::ProjectInput& input);
[[nodiscard]] std::vector<encoder::Constraint> constraints_of(const std::vector<project::InputConstraint>& constraints);

enum class LockFormat { PipfileLock, Pylock, Requirements };
// By file name: *.toml -> pylock, *.txt -> requirements, anything else -> Pipfile.lock.
[[nodiscard]] LockFormat lock_format_of(const std::filesystem::path& path);

// The lock of a resolved non-Pipfile input, as PEP 751 pylock.toml or requirements.txt with hashes.
// Files and hashes are those of each pin that install in the target; URLs are PyPI's when the index
// is PyPI. Throws InputError naming the package when pylock.toml cannot name a file for it.
[[nodiscard]] std::string render_input_lock(LockFormat format, const advise::AdviseResult& result,
                                            index::PackageSource& index, const std::string& index_url,
                                            const project::ProjectInput& input);

}  // namespace thoth::cli

namespace thoth::cli {

struct AdviseOptions;

// Settings a requirements file carries (--pre, --only-binary, -i, --extra-index-url) and the
// .thoth.yaml beside the input, folded into the options unless a flag already set them.
void apply_input_settings(const project::ProjectInput& input, AdviseOptions& options);

// The constraints of -c files for a Pipfile or --requirement input; refuses --extra/--group there.
[[nodiscard]] std::vector<encoder::Constraint> constraints_for_pipfile(const InputOptions& input);

// Throws InputError naming the pyproject.toml when the target Python is outside its requires-python.
void check_requires_python(const project::ProjectInput& input, const env::TargetEnvironment& environment);

// The index URL a pylock.toml names: --index-url, else PyPI's simple API.
[[nodiscard]] std::string lock_index_url(const AdviseOptions& options);

}  // namespace thoth::cli
