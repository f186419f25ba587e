// `thoth index export SNAPSHOT DIR`: writes a static simple-API tree (PEP 503 HTML and PEP 691 JSON
// side by side, PEP 658 core-metadata files, PEP 700 fields) from an index snapshot, so any web
// server can serve the snapshot as a real index (tests and bench/ do so on loopback).
//
//   DIR/simple/index.{html,json}              the project list
//   DIR/simple/<name>/index.{html,json}       one project page per package
//   DIR/files/<name>/<file>                    a small valid wheel (when the snapshot lists no files):
//                                              only <name>-<version>.dist-info/{METADATA,WHEEL,RECORD}
//   DIR/files/<name>/<file>.metadata           its core metadata (Requires-Dist, Requires-Python, ...),
//                                              byte-identical to the wheel's METADATA
//
// Hashes are real: the sha256 of each wheel and metadata file as written; files the snapshot lists keep
// the hashes it records. The metadata `Name:` is the spelling the snapshot's requirers use most.
#pragma once

#include <cstddef>
#include <filesystem>

namespace thoth::remote {

struct ExportSummary {
  std::size_t projects = 0;
  std::size_t releases = 0;
  std::size_t files = 0;             // distribution files listed
  std::size_t skipped_versions = 0;  // not PEP 440: not exported
};

// Throws InputError naming the snapshot (bad JSON or shape) or the file that cannot be written.
ExportSummary export_static_index(const std::filesystem::path& snapshot, const std::filesystem::path& out_dir);

}  // namespace thoth::remote
