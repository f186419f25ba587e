// `${VAR}` / `$VAR` expansion of [[source]] URLs at use (pipenv expands with os.path.expandvars when
// it fetches, while the Pipfile hash and the lock keep the URL as written, so credentials in
// environment variables never reach a file).
#include <cctype>
#include <cstdlib>

#include "base/error.hpp"
#include "project/pipfile.hpp"

namespace thoth::project {
namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

std::string expand_source_url(const Source& source) {
  const std::string& url = source.url;
  std::string out;
  for (std::size_t i = 0; i < url.size(); ++i) {
    if (url[i] != '$' || i + 1 >= url.size()) {
      out.push_back(url[i]);
      continue;
    }
    std::size_t start = i + 1;
    std::size_t end = start;
    bool braced = url[start] == '{';
    if (braced) {
      end = url.find('}', start);
      if (end == std::string::npos)
        throw InputError("unclosed `${` in the url `" + url + "`", "[[source]] `" + source.name + "`");
      ++start;
    } else {
      while (end < url.size() && is_name_char(url[end])) ++end;
      if (end == start) {
        out.push_back('$');
        continue;
      }
    }
    std::string name = url.substr(start, end - start);
    const char* value = std::getenv(name.c_str());
    if (value == nullptr)
      throw InputError("the url uses the environment variable `" + name + "`, which is not set",
                       "[[source]] `" + source.name + "`", "export " + name + " before running thoth");
    out += value;
    i = braced ? end : end - 1;
  }
  return out;
}

}  // namespace thoth::project
