// Helpers of the remote/ tests: a scratch folder, a small snapshot exported as a static simple-API
// tree, and HttpIndex options with short timeouts so fault-injection tests stay fast.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include "remote/http_index.hpp"
#include "remote/static_export.hpp"

namespace thoth::testing {

class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag) {
    static std::atomic<int> counter{0};
    m_path = std::filesystem::temp_directory_path() /
             ("thoth-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

// foo 1.0 (needs bar>=1), 2.0 (yanked, extra `all`), 3.0 (Python >= 4 only); bar 1.0, 2.0; Baz_Pkg 0.1.
inline constexpr const char* kSmallSnapshot = R"({
  "foo": {
    "1.0": {"requires_dist": ["bar>=1"], "requires_python": ">=3.8"},
    "2.0": {"requires_dist": ["bar>=2", "Baz_Pkg; extra == 'all'"], "provides_extra": ["all"], "yanked": "broken build"},
    "3.0": {"requires_dist": ["bar"], "requires_python": ">=4"}
  },
  "bar": {"1.0": {}, "2.0": {"requires_dist": []}},
  "Baz_Pkg": {"0.1": {"requires_dist": ["bar<2"]}}
})";

// Writes `snapshot` to dir/snapshot.json and exports it to dir/tree; returns the tree.
inline std::filesystem::path export_tree(const std::filesystem::path& dir, const std::string& snapshot = kSmallSnapshot) {
  std::ofstream(dir / "snapshot.json") << snapshot;
  remote::export_static_index(dir / "snapshot.json", dir / "tree");
  return dir / "tree";
}

inline remote::HttpIndexOptions fast_options(const std::string& simple_url, const std::filesystem::path& cache) {
  remote::HttpIndexOptions options;
  options.sources = {{"local", simple_url, true}};
  options.cache_dir = cache;
  options.http.max_attempts = 3;
  options.http.first_backoff = std::chrono::milliseconds(5);
  options.http.attempt_timeout = std::chrono::milliseconds(1500);
  options.http.connect_timeout = std::chrono::milliseconds(1000);
  return options;
}

}  // namespace thoth::testing
