// Loading whole prescription directories (validate) and per-package folders on demand (advise).
//
// The repository layout (thoth.md §1.1) is `<2-char prefix>_/<package>/*.yaml`, `<package>/` for
// names of 1-2 characters, `_*` folders for package-agnostic units and one metadata file. Files are
// independent, so load_prescriptions parses them on `threads` workers into per-file slots and merges
// in path order: the result does not depend on the thread count.
#include "prescriptions/loader.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

namespace thoth::prescriptions {
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read the prescription file", path.generic_string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Diagnostic file_error(const fs::path& file, const Error& error) {
  Diagnostic diagnostic;
  diagnostic.file = file.generic_string();
  diagnostic.message = error.message;
  return diagnostic;
}

bool is_yaml(const fs::path& path) { return path.extension() == ".yaml" || path.extension() == ".yml"; }

// Every YAML file below `folder`, sorted by path.
std::vector<fs::path> yaml_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && is_yaml(entry.path())) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
  return files;
}

fs::path checked_root(const fs::path& dir) {
  fs::path root = prescriptions_root(dir);
  if (!fs::is_directory(root)) {
    throw InputError("expected a directory of prescriptions, found none", dir.generic_string(),
                     "pass the prescriptions repository or its prescriptions/ folder");
  }
  return root;
}

void append(std::vector<Diagnostic>& to, std::vector<Diagnostic>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// Parses `files` on `threads` workers; reports come back in the order of `files`.
std::vector<ParseReport> parse_files(const std::vector<fs::path>& files, unsigned threads) {
  std::vector<ParseReport> reports(files.size());
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&]() {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      try {
        reports[i] = parse_prescription_file(read_text(files[i]), files[i].generic_string());
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < std::max(1u, threads); ++t) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
  return reports;
}

}  // namespace

fs::path prescriptions_root(const fs::path& dir) {
  fs::path nested = dir / "prescriptions";
  if (fs::is_directory(nested)) return nested;
  return dir;
}

fs::path package_folder(std::string_view package_name) {
  std::string name(package_name);
  if (name.size() <= 2) return name;
  return fs::path(name.substr(0, 2) + "_") / name;
}

LoadResult load_prescriptions(const std::vector<fs::path>& dirs, const LoadOptions& options) {
  LoadResult result;
  std::vector<fs::path> unit_files;
  for (const auto& dir : dirs) {
    for (auto& file : yaml_files(checked_root(dir))) {
      ++result.files;
      if (file.filename() != kMetadataFileName) {
        unit_files.push_back(std::move(file));
        continue;
      }
      auto metadata = parse_prescription_metadata(read_text(file), file.generic_string());
      if (metadata) result.metadata.push_back(*metadata);
      else result.errors.push_back(file_error(file, metadata.error()));
    }
  }
  for (auto& report : parse_files(unit_files, options.threads)) {
    result.units.insert(result.units.end(), std::make_move_iterator(report.units.begin()),
                        std::make_move_iterator(report.units.end()));
    append(result.errors, report.errors);
    append(result.warnings, report.warnings);
  }
  std::stable_sort(result.errors.begin(), result.errors.end(), diagnostic_less);
  std::stable_sort(result.warnings.begin(), result.warnings.end(), diagnostic_less);
  return result;
}

PrescriptionStore PrescriptionStore::open(const std::vector<fs::path>& dirs) {
  PrescriptionStore store;
  for (const auto& dir : dirs) {
    fs::path root = checked_root(dir);
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(root)) entries.push_back(entry.path());
    std::sort(entries.begin(), entries.end());
    for (const auto& entry : entries) {
      std::string name = entry.filename().string();
      if (!fs::is_directory(entry)) {
        if (name == kMetadataFileName) {
          auto metadata = parse_prescription_metadata(read_text(entry), entry.generic_string());
          if (metadata) store.m_metadata.push_back(*metadata);
          else store.m_errors.push_back(file_error(entry, metadata.error()));
        }
        continue;
      }
      if (name.starts_with("_")) {
        store.m_generic_folders.push_back(entry);
      } else if (name.size() == 3 && name.ends_with("_")) {
        for (const auto& package : fs::directory_iterator(entry)) {
          if (package.is_directory()) store.m_package_folders[package.path().filename().string()].push_back(package.path());
        }
      } else {
        store.m_package_folders[name].push_back(entry);
      }
    }
  }
  for (auto& [name, folders] : store.m_package_folders) std::sort(folders.begin(), folders.end());
  return store;
}

bool PrescriptionStore::has_package(std::string_view name) const {
  return m_package_folders.find(name) != m_package_folders.end();
}

std::vector<std::string> PrescriptionStore::package_names() const {
  std::vector<std::string> names;
  names.reserve(m_package_folders.size());
  for (const auto& [name, folders] : m_package_folders) names.push_back(name);
  return names;
}

std::vector<Unit> PrescriptionStore::load_folders(const std::vector<fs::path>& folders) {
  std::vector<fs::path> files;
  for (const auto& folder : folders) {
    for (auto& file : yaml_files(folder)) files.push_back(std::move(file));
  }
  std::vector<Unit> units;
  // The `_containers` folder alone is 4.5 MB of YAML: large folders are parsed on two threads.
  for (auto& report : parse_files(files, files.size() >= 8 ? 2 : 1)) {
    units.insert(units.end(), std::make_move_iterator(report.units.begin()), std::make_move_iterator(report.units.end()));
    append(m_errors, report.errors);
    append(m_warnings, report.warnings);
  }
  return units;
}

const std::vector<Unit>& PrescriptionStore::units_for_package(std::string_view name) {
  static const std::vector<Unit> kNone;
  if (auto loaded = m_package_units.find(name); loaded != m_package_units.end()) return loaded->second;
  auto folders = m_package_folders.find(name);
  if (folders == m_package_folders.end()) return kNone;
  return m_package_units.emplace(std::string(name), load_folders(folders->second)).first->second;
}

const std::vector<Unit>& PrescriptionStore::generic_units() {
  if (!m_generic_units) m_generic_units = load_folders(m_generic_folders);
  return *m_generic_units;
}

}  // namespace thoth::prescriptions
