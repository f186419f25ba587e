// Download URLs of PyPI files, for the locks that name each file (pylock.toml): PyPI's stable
// redirect URLs, /packages/<python tag>/<initial>/<project>/<file> for wheels and
// /packages/source/<initial>/<project>/<file> for sdists (served by its conveyor).
#pragma once

#include <string>

#include "env/wheel.hpp"

namespace thoth::cli {

inline bool is_pypi(const std::string& index_url) {
  return index_url.find("://pypi.org/") != std::string::npos || index_url.find("://pypi.python.org/") != std::string::npos;
}

inline std::string pypi_file_url(const std::string& project, const std::string& file_name) {
  std::string folder = "source";
  if (auto wheel = env::parse_wheel_name(file_name); wheel && !wheel->python_tags.empty()) {
    folder.clear();
    for (const std::string& tag : wheel->python_tags) folder += (folder.empty() ? "" : ".") + tag;
  }
  return "https://files.pythonhosted.org/packages/" + folder + "/" + project.substr(0, 1) + "/" + project + "/" + file_name;
}

}  // namespace thoth::cli
