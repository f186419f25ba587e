// Pipfile.lock JSON -> ReadLock. Strict about shapes pipenv always writes (version "==X", string
// hashes), lenient about keys it may add (they are ignored), so locks from any pipenv version read.
#include "project/lock_reading.hpp"

#include "base/error.hpp"

namespace thoth::project {
namespace {

using nlohmann::json;

[[noreturn]] void bad_shape(const std::filesystem::path& path, const std::string& where, const std::string& what) {
  throw InputError(what, path.string() + ": " + where, "regenerate the lock with `thoth advise` or `pipenv lock`");
}

std::string string_at(const json& object, const char* key, const std::filesystem::path& path, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end()) return "";
  if (!it->is_string()) bad_shape(path, where + "." + key, "expected a string");
  return it->get<std::string>();
}

LockedPackage read_package(const json& body, const std::filesystem::path& path, const std::string& where) {
  if (!body.is_object()) bad_shape(path, where, "expected an object with \"version\" and \"hashes\"");
  LockedPackage package;
  std::string version = string_at(body, "version", path, where);
  if (version.rfind("==", 0) != 0)
    bad_shape(path, where + ".version", "expected an exact pin \"==X\", found \"" + version + "\"");
  package.version = version.substr(version.rfind("===", 0) == 0 ? 3 : 2);
  package.markers = string_at(body, "markers", path, where);
  package.index = string_at(body, "index", path, where);
  for (const char* key : {"hashes", "extras"}) {
    auto it = body.find(key);
    if (it == body.end()) continue;
    if (!it->is_array()) bad_shape(path, where + "." + key, "expected a list of strings");
    for (const json& item : *it) {
      if (!item.is_string()) bad_shape(path, where + "." + key, "expected a list of strings");
      (std::string(key) == "hashes" ? package.hashes : package.extras).push_back(item.get<std::string>());
    }
  }
  return package;
}

void read_meta(const json& meta, const std::filesystem::path& path, ReadLock& lock) {
  if (!meta.is_object()) bad_shape(path, "_meta", "expected an object");
  if (auto hash = meta.find("hash"); hash != meta.end() && hash->is_object())
    lock.pipfile_hash = string_at(*hash, "sha256", path, "_meta.hash");
  if (auto requires_ = meta.find("requires"); requires_ != meta.end() && requires_->is_object())
    for (const auto& [key, value] : requires_->items())
      if (value.is_string()) lock.requires_[key] = value.get<std::string>();
  if (auto sources = meta.find("sources"); sources != meta.end()) {
    if (!sources->is_array()) bad_shape(path, "_meta.sources", "expected a list of sources");
    for (std::size_t i = 0; i < sources->size(); ++i) {
      const json& source = (*sources)[i];
      std::string where = "_meta.sources[" + std::to_string(i) + "]";
      if (!source.is_object()) bad_shape(path, where, "expected an object with name and url");
      Source parsed{string_at(source, "name", path, where), string_at(source, "url", path, where), true};
      if (auto verify = source.find("verify_ssl"); verify != source.end() && verify->is_boolean())
        parsed.verify_ssl = verify->get<bool>();
      lock.sources.push_back(std::move(parsed));
    }
  }
}

}  // namespace

ReadLock read_lock(const json& document, const std::filesystem::path& path) {
  if (!document.is_object()) bad_shape(path, "top level", "expected an object with _meta, default and develop");
  ReadLock lock;
  lock.path = path;
  for (const auto& [key, value] : document.items()) {
    if (key == "_meta") {
      read_meta(value, path, lock);
      continue;
    }
    if (!value.is_object()) bad_shape(path, key, "expected an object mapping package names to pins");
    auto& section = lock.sections[key];
    for (const auto& [name, body] : value.items()) section[name] = read_package(body, path, key + "." + name);
  }
  lock.sections["default"];
  lock.sections["develop"];
  return lock;
}

ReadLock load_lock(const std::filesystem::path& path) {
  return read_lock(load_lockfile(path), path);
}

}  // namespace thoth::project
