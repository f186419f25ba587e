// `thoth index export SNAPSHOT DIR`: writes a snapshot as a static simple-API tree (PEP 503 HTML,
// PEP 691 JSON, PEP 658 metadata files) that any static web server can serve (docs/indexes.md).
#include <iostream>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "remote/static_export.hpp"

namespace thoth::cli {
namespace {

constexpr const char* kUsage = R"(usage: thoth index export SNAPSHOT DIR

Writes the index snapshot SNAPSHOT (JSON: name -> version -> release) as a static simple-API tree in DIR:
  DIR/simple/index.{html,json}          the project list
  DIR/simple/<name>/index.{html,json}   PEP 503 HTML and PEP 691 JSON project pages (PEP 700 fields)
  DIR/files/<name>/<file>[.metadata]    small valid wheels (only .dist-info) and their PEP 658 core metadata
Every hash in the pages is the sha256 of the file as written. Serve DIR with any static server whose
directory index is index.html (or index.json for clients that ask for JSON), then:
  thoth advise --index-url http://127.0.0.1:8000/simple ...

exit codes: 0 written, 2 bad input or usage
)";

}  // namespace

int index_command(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (args.size() != 3 || args[0] != "export")
    throw InputError("expected `thoth index export SNAPSHOT DIR`", "thoth index", "run `thoth index --help`");
  remote::ExportSummary summary = remote::export_static_index(args[1], args[2]);
  std::cout << "Exported " << summary.projects << " projects, " << summary.releases << " releases, " << summary.files
            << " files to " << args[2];
  if (summary.skipped_versions > 0) std::cout << " (" << summary.skipped_versions << " non-PEP 440 versions skipped)";
  std::cout << "\n";
  return 0;
}

}  // namespace thoth::cli
