// PEP 503 name normalisation and the PEP 508 name grammar (packaging.utils.canonicalize_name and
// its NAME pattern): runs of "-", "_" and "." become one "-", letters are lower-cased (ASCII only:
// PEP 508 names are ASCII, so nothing else can reach a valid name).
#include "packaging/name.hpp"

#include "packaging/text.hpp"

namespace thoth::packaging {

std::string canonicalize_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool in_separator_run = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_separator_run) out += '-';
      in_separator_run = true;
      continue;
    }
    in_separator_run = false;
    out += detail::ascii_lower(c);
  }
  return out;
}

bool is_valid_name(std::string_view name) {
  if (name.empty() || !detail::is_ascii_alnum(name.front()) || !detail::is_ascii_alnum(name.back())) return false;
  for (char c : name) {
    if (!detail::is_ascii_alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

}  // namespace thoth::packaging
