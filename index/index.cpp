// Lookups shared by every PackageSource user (lock output, graphs, exports).
#include "index/index.hpp"

namespace thoth::index {

const Release* find_release(PackageSource& source, std::string_view canonical_name, std::string_view version_text) {
  const Project* project = source.find(canonical_name);
  if (project == nullptr) return nullptr;
  for (const Release& release : project->releases)
    if (release.version_text == version_text) return &release;
  return nullptr;
}

}  // namespace thoth::index
