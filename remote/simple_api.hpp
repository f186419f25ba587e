// The simple repository API (PEP 503 HTML, PEP 691 JSON) as plain data: one project page parsed
// into its files, with PEP 592 yanking, PEP 658/714 core-metadata advertisement and PEP 700
// fields; plus the core-metadata (METADATA) format and the file-name -> version rules.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace thoth::remote {

inline constexpr const char* kJsonMediaType = "application/vnd.pypi.simple.v1+json";
inline constexpr const char* kHtmlMediaType = "application/vnd.pypi.simple.v1+html";
// PEP 691 content negotiation: JSON preferred, then the versioned HTML, then legacy text/html.
inline constexpr const char* kAcceptHeader =
    "Accept: application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";

struct IndexFile {
  std::string filename;
  std::string url;                           // absolute, fragment removed
  std::map<std::string, std::string> hashes; // algorithm -> hex digest
  std::string requires_python;               // empty when not given
  bool yanked = false;
  std::string yanked_reason;
  bool has_metadata = false;                 // PEP 658/714: <url>.metadata exists
  std::string metadata_sha256;               // its advertised sha256, empty when none was given
  std::optional<std::uint64_t> size;         // PEP 700
  std::string upload_time;                   // PEP 700, ISO 8601
};

struct ProjectPage {
  std::string name;
  std::string api_version;            // "1.0", "1.1"; empty for HTML without the meta tag
  std::vector<std::string> versions;  // PEP 700 `versions` (JSON api 1.1); empty otherwise
  std::vector<IndexFile> files;
};

// Throw InputError naming `page_url` when the body is not a project page.
[[nodiscard]] ProjectPage parse_json_page(std::string_view body, const std::string& page_url);
[[nodiscard]] ProjectPage parse_html_page(std::string_view body, const std::string& page_url);

// The version a distribution file name carries, when it is a wheel or an sdist of `canonical_name`
// (".whl", ".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tar"); nullopt for other files.
[[nodiscard]] std::optional<std::string> version_from_filename(std::string_view filename,
                                                               std::string_view canonical_name);

// The fields of a core-metadata file (RFC 822 headers, continuation lines folded) that resolving needs.
struct CoreMetadata {
  std::string name;
  std::string version;
  std::string requires_python;
  std::vector<std::string> requires_dist;
  std::vector<std::string> provides_extra;
};
[[nodiscard]] CoreMetadata parse_core_metadata(std::string_view text);

}  // namespace thoth::remote
