// Small helpers shared by the HTTP index client: SHA-256 (OpenSSL) and URL handling (libcurl's URL API).
#pragma once

#include <string>
#include <string_view>

namespace thoth::remote {

// Lower-case hex SHA-256 of `data`.
[[nodiscard]] std::string sha256_hex(std::string_view data);

// `reference` (absolute, or relative like "../../files/x.whl") resolved against `base`, with any
// fragment removed. Throws InputError naming `base` when either does not parse as a URL.
[[nodiscard]] std::string resolve_url(const std::string& base, const std::string& reference);

// The fragment of a URL ("sha256=ab12..." of "x.whl#sha256=ab12..."), empty when none.
[[nodiscard]] std::string url_fragment(std::string_view url);

// The URL with any user:password removed, for messages and cache records (credentials stay secret).
[[nodiscard]] std::string redact_url(std::string_view url);

// The URL with exactly one trailing slash (PEP 503 project pages end in '/').
[[nodiscard]] std::string with_trailing_slash(std::string url);

}  // namespace thoth::remote
