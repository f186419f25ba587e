// The Pipfile (TOML): sources, package categories, [requires], [pipenv]. Parsed with toml++;
// errors name the file, line and column. The raw TOML is kept as JSON for the pipenv hash.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "packaging/requirement.hpp"

namespace thoth::project {

struct Source {
  std::string name;
  std::string url;  // as written: ${VAR} is expanded at use, never in the hash
  bool verify_ssl = true;
};

// One `name = ...` line of a package category.
struct PipfileEntry {
  std::string name;                 // as written in the Pipfile
  std::string version = "*";        // "*" or a specifier set
  std::vector<std::string> extras;  // as written
  std::string markers;              // PEP 508 marker text, per-key markers folded in; empty when none
  std::string index;                // source name, empty when unset
  std::optional<std::string> vcs_or_path;  // git/path/file entries: kept, resolved later (unsupported now)
  std::size_t line = 0;             // 1-based line in the Pipfile, for messages

  // The entry as a PEP 508 requirement (name, extras, specifier, marker).
  [[nodiscard]] packaging::Requirement to_requirement() const;
};

struct Pipfile {
  std::filesystem::path path;                 // where it was read from (for messages)
  std::vector<Source> sources;                // with the default PyPI source when none is given
  // Category as written ("packages", "dev-packages", custom) -> entries in file order.
  std::map<std::string, std::vector<PipfileEntry>> categories;
  std::map<std::string, std::string> requires_;  // [requires]: python_version / python_full_version
  bool allow_prereleases = false;                // [pipenv] allow_prereleases
  nlohmann::json document;                       // the whole TOML as JSON (table order sorted)

  [[nodiscard]] const std::vector<PipfileEntry>& packages() const;      // [packages]
  [[nodiscard]] const std::vector<PipfileEntry>& dev_packages() const;  // [dev-packages]
};

// The URL of a [[source]] with `${VAR}` and `$VAR` replaced from the environment (done at use, so the
// Pipfile hash and the lock keep the text as written). Throws InputError naming the source when a
// variable is not set.
[[nodiscard]] std::string expand_source_url(const Source& source);

// pipenv's default name for a source: the URL's host, lower-cased (urllib3's parse_url(url).host).
[[nodiscard]] std::string default_source_name(std::string_view url);

// Lock-file section name for a Pipfile category: packages -> default, dev-packages -> develop.
[[nodiscard]] std::string lock_section_for(std::string_view category);

// Throw InputError naming `path` (and line:column) for unreadable files, bad TOML or bad entries.
[[nodiscard]] Pipfile load_pipfile(const std::filesystem::path& path);
[[nodiscard]] Pipfile parse_pipfile(std::string_view text, const std::filesystem::path& path);

// pipenv's `_meta.hash.sha256` of a Pipfile (docs/specs: plette Pipfile.get_hash).
enum class HashVariant { Canonical /* pipenv >= 2026.x, PEP 503 keys */, Legacy /* raw keys */ };
[[nodiscard]] std::string pipfile_hash(const Pipfile& pipfile, HashVariant variant = HashVariant::Canonical);

}  // namespace thoth::project
