// Writing a lock in the formats other installers read: pip's requirements.txt with `--hash` lines
// (for `pip install --require-hashes`) and PEP 751 pylock.toml. Both take the same neutral list of
// packages, so the caller decides where file names and URLs come from (an index, the lock).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace thoth::project {

struct ExportFile {
  std::string name;                           // "idna-3.6-py3-none-any.whl"
  std::string url;                            // where an installer downloads it
  std::map<std::string, std::string> hashes;  // algorithm -> hex digest
};

struct ExportPackage {
  std::string name;     // canonical
  std::string version;  // as published
  std::string marker;   // PEP 508 marker text, empty when none
  std::string index;    // index URL, empty when unknown
  std::vector<std::string> hashes;  // "sha256:<hex>" as in Pipfile.lock
  std::vector<ExportFile> wheels;   // pylock only
  std::optional<ExportFile> sdist;  // pylock only
};

struct ExportHeader {
  std::string created_by = "thoth";
  std::string source;           // what was exported, e.g. "Pipfile.lock (default)"
  std::string requires_python;  // specifier, e.g. ">=3.12"; empty when unknown
};

// pip requirements format: "name==version ; marker \" then one "--hash=algo:hex" line per hash,
// sorted by name. Packages without hashes are written without --hash lines.
[[nodiscard]] std::string render_requirements_txt(const std::vector<ExportPackage>& packages, const ExportHeader& header);

// PEP 751 pylock.toml (lock-version 1.0), rendered with toml++. Requires every package to have at
// least one wheel or an sdist with a URL and hashes; throws InputError naming the package otherwise.
[[nodiscard]] std::string render_pylock(const std::vector<ExportPackage>& packages, const ExportHeader& header);

}  // namespace thoth::project
