// Small, valid, pure-Python wheels for `thoth index export`: a zip (libzip) holding only
// `<name>-<version>.dist-info/{METADATA,WHEEL,RECORD}`, so installers that download a wheel (pip's
// `--report`, `pip install`) can read and install what the exported index advertises.
// The bytes are deterministic: fixed timestamps and attributes, entries in a fixed order.
#pragma once

#include <string>

namespace thoth::remote {

struct WheelContents {
  std::string distribution;  // the file-name form of the project name ("oslo_i18n")
  std::string version;       // the file-name form of the version ("1.0", '-' replaced by '_')
  std::string metadata;      // the METADATA text, byte-identical to the PEP 658 file served beside it
};

// The `.dist-info` folder name of a wheel: "<distribution>-<version>.dist-info".
[[nodiscard]] std::string dist_info_folder(const WheelContents& wheel);

// The wheel's bytes (a `py3-none-any` purelib wheel with a RECORD of sha256 entries).
// Throws std::runtime_error (an internal error) when libzip fails, which only happens when memory runs out.
[[nodiscard]] std::string build_wheel(const WheelContents& wheel);

}  // namespace thoth::remote
