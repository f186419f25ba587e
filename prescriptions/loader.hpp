// Loading and validating Thoth prescriptions (YAML units files) strictly: every unknown key, wrong
// type, missing required key, bad specifier or unnormalised package name is an error naming the file,
// line:column, unit and key. Errors are collected, never thrown one by one, so a whole repository can
// be reported at once. See docs/prescriptions.md.
//
//   auto loaded = load_prescriptions({"prescriptions"});          // whole repository, 2 threads
//   for (const auto& e : loaded.errors) std::cerr << e.to_string() << "\n";
//
//   auto store = PrescriptionStore::open({"prescriptions"});       // lazy, for advise
//   for (const Unit& u : store.units_for_package("flask")) ...     // loads only fl_/flask/
//   for (const Unit& u : store.generic_units()) ...                // the `_*` folders
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "prescriptions/diagnostics.hpp"
#include "prescriptions/unit.hpp"

namespace thoth::prescriptions {

// The units of one file that validated, and what was wrong or suspicious.
struct ParseReport {
  std::vector<Unit> units;  // file order: sections as written, units in list order
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;
};

// Parses one units file (`units: {boots: [...], ...}`, optional `metadata`). `file` names it in messages.
[[nodiscard]] ParseReport parse_prescription_file(const std::string& yaml_text, const std::string& file);

// prescriptions/_prescription_metadata.yaml: `prescription: {name, release}`.
struct PrescriptionMetadata {
  std::string name;     // namespace: units are referred to as <name>.<UnitName>
  std::string release;  // "dev+git" or a tag
};
inline constexpr std::string_view kMetadataFileName = "_prescription_metadata.yaml";
[[nodiscard]] Result<PrescriptionMetadata> parse_prescription_metadata(const std::string& yaml_text,
                                                                       const std::string& file);

struct LoadOptions {
  unsigned threads = 2;  // files are parsed in parallel; results do not depend on this
};

struct LoadResult {
  std::vector<PrescriptionMetadata> metadata;  // one per directory that has a metadata file
  std::vector<Unit> units;                     // sorted by file path, then file order
  std::size_t files = 0;                       // YAML files read, metadata files included
  std::vector<Diagnostic> errors;              // sorted (diagnostic_less)
  std::vector<Diagnostic> warnings;            // sorted (diagnostic_less)
};

// The folder holding the units: `dir/prescriptions` when it exists (a repository checkout), else `dir`.
[[nodiscard]] std::filesystem::path prescriptions_root(const std::filesystem::path& dir);

// Loads every *.yaml below each directory (see prescriptions_root). Throws InputError when a
// directory does not exist or a file cannot be read.
[[nodiscard]] LoadResult load_prescriptions(const std::vector<std::filesystem::path>& dirs,
                                            const LoadOptions& options = {});

// The folder of a package inside a prescriptions root: `fl_/flask`, or `av` for names of 1-2 chars.
[[nodiscard]] std::filesystem::path package_folder(std::string_view package_name);

// Lazy, indexed access for advise: open() only lists the layout (`<prefix>_/<name>/`, `<name>/`,
// `_*`); units are parsed per package folder on first use and cached.
class PrescriptionStore {
 public:
  // Throws InputError when a directory does not exist.
  [[nodiscard]] static PrescriptionStore open(const std::vector<std::filesystem::path>& dirs);

  [[nodiscard]] bool has_package(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> package_names() const;  // sorted
  // Units of the package's folders (empty when it has none); loaded on first call.
  [[nodiscard]] const std::vector<Unit>& units_for_package(std::string_view name);
  // Units of every `_*` folder (package-agnostic); loaded on first call.
  [[nodiscard]] const std::vector<Unit>& generic_units();

  [[nodiscard]] const std::vector<PrescriptionMetadata>& metadata() const { return m_metadata; }
  // Errors and warnings of everything loaded so far (errors drop the offending units).
  [[nodiscard]] const std::vector<Diagnostic>& errors() const { return m_errors; }
  [[nodiscard]] const std::vector<Diagnostic>& warnings() const { return m_warnings; }

 private:
  std::vector<Unit> load_folders(const std::vector<std::filesystem::path>& folders);

  std::map<std::string, std::vector<std::filesystem::path>, std::less<>> m_package_folders;
  std::vector<std::filesystem::path> m_generic_folders;
  std::map<std::string, std::vector<Unit>, std::less<>> m_package_units;
  std::optional<std::vector<Unit>> m_generic_units;
  std::vector<PrescriptionMetadata> m_metadata;
  std::vector<Diagnostic> m_errors;
  std::vector<Diagnostic> m_warnings;
};

}  // namespace thoth::prescriptions
