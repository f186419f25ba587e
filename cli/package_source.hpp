// Choosing and opening the package index of `thoth advise`: a snapshot file (--index, $THOTH_INDEX)
// or the simple-API indexes over HTTP (the Pipfile's [[source]] list, --index-url, --extra-index-url).
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "cli/advise_options.hpp"
#include "env/environment.hpp"
#include "index/index.hpp"
#include "project/pipfile.hpp"

namespace thoth::index {
class InMemoryIndex;
}
namespace thoth::remote {
class HttpIndex;
}

namespace thoth::cli {

class OpenedSource {
 public:
  OpenedSource(std::unique_ptr<index::InMemoryIndex> snapshot, std::unique_ptr<remote::HttpIndex> http);
  OpenedSource(OpenedSource&&) noexcept;
  ~OpenedSource();

  [[nodiscard]] index::PackageSource& source();
  [[nodiscard]] index::LoadStatistics statistics() const;  // for HTTP: what the resolution fetched
  [[nodiscard]] nlohmann::json fetch_statistics() const;    // null for snapshots
  [[nodiscard]] bool is_http() const { return m_http != nullptr; }

 private:
  std::unique_ptr<index::InMemoryIndex> m_snapshot;
  std::unique_ptr<remote::HttpIndex> m_http;
};

// Throws InputError for conflicting options, unset ${VAR} in a source URL, or an unreadable snapshot.
[[nodiscard]] OpenedSource open_package_source(const AdviseOptions& options, const project::Pipfile* pipfile,
                                               const env::TargetEnvironment& environment);

}  // namespace thoth::cli
