// pipenv's `_meta.hash.sha256` of a Pipfile (plette Pipfile.get_hash; pipenv utils/pipfile.py
// calculate_hash). The data hashed is
//   {"_meta": {"sources": [[source]] or the default PyPI source, "requires": [requires] or {}},
//    "default": [packages] or {}, "develop": [dev-packages] or {}, <every other top-level key>}
// leaving out source, packages, dev-packages, requires, scripts, pipfile, pipenv, default, develop;
// serialised as json.dumps(data, sort_keys=True, separators=(",", ":")) and hashed with SHA-256.
// Canonical (pipenv >= 2026.x, PR #6609) first applies PEP 503 canonicalize_name to every package
// key of default, develop and the custom categories; Legacy hashes the keys as written.
#include <openssl/evp.h>

#include <array>
#include <set>

#include "packaging/name.hpp"
#include "project/pipfile.hpp"
#include "project/python_json.hpp"

namespace thoth::project {
namespace {

const std::set<std::string, std::less<>> kNotHashed = {"source", "packages", "dev-packages", "requires", "scripts",
                                                       "pipfile", "pipenv", "default", "develop"};

nlohmann::json default_source_json() {
  return {{"name", "pypi"}, {"url", "https://pypi.org/simple"}, {"verify_ssl", true}};
}

nlohmann::json member_or_empty_object(const nlohmann::json& document, const char* key) {
  if (document.is_object() && document.contains(key)) return document.at(key);
  return nlohmann::json::object();
}

// Package keys in PEP 503 form. Two spellings of one name collapse; the last in key order wins
// (pipenv keeps the last in file order; a Pipfile with both is rejected by the reader anyway).
nlohmann::json with_canonical_keys(const nlohmann::json& category) {
  if (!category.is_object()) return category;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : category.items()) out[packaging::canonicalize_name(name)] = value;
  return out;
}

nlohmann::json hashed_data(const Pipfile& pipfile, HashVariant variant) {
  const nlohmann::json& document = pipfile.document;
  nlohmann::json data = nlohmann::json::object();
  data["_meta"]["sources"] = document.is_object() && document.contains("source")
                                 ? document.at("source")
                                 : nlohmann::json::array({default_source_json()});
  data["_meta"]["requires"] = member_or_empty_object(document, "requires");
  data["default"] = member_or_empty_object(document, "packages");
  data["develop"] = member_or_empty_object(document, "dev-packages");
  if (document.is_object()) {
    for (const auto& [key, value] : document.items()) {
      if (kNotHashed.count(key) == 0) data[key] = value;
    }
  }
  if (variant == HashVariant::Canonical) {
    for (auto& [key, value] : data.items()) {
      if (key != "_meta") value = with_canonical_keys(value);
    }
  }
  return data;
}

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return hex;
}

}  // namespace

std::string pipfile_hash(const Pipfile& pipfile, HashVariant variant) {
  return sha256_hex(python_json_dumps(hashed_data(pipfile, variant), std::nullopt));
}

}  // namespace thoth::project
