// A parser callback for nlohmann::json (a template, so base/ needs no JSON library) that rejects what
// the library would accept silently: nesting deeper than base/limits.hpp allows (printing and
// walking a document recurse once per level) and a key twice in one object (nlohmann keeps the
// last, so a snapshot with two entries for one package would lose one without a word).
// Use: nlohmann::json::parse(text, JsonGuard<nlohmann::json>("index.json")).
// parse_json() is the plain parse every small JSON reader shares, with every library error mapped.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.hpp"
#include "base/limits.hpp"

namespace thoth {

template <class Json>
class JsonGuard {
 public:
  explicit JsonGuard(std::string origin) : m_origin(std::move(origin)) {}

  bool operator()(int depth, typename Json::parse_event_t event, Json& parsed) {
    using Event = typename Json::parse_event_t;
    if ((event == Event::object_start || event == Event::array_start) && depth >= input_limits().max_nesting)
      throw InputError("JSON " + nesting_limit_message(), m_origin, nesting_limit_hint());
    if (event == Event::object_start) m_keys.emplace_back();
    if (event == Event::object_end && !m_keys.empty()) m_keys.pop_back();
    if (event == Event::key && !m_keys.empty() && !m_keys.back().insert(parsed.template get<std::string>()).second)
      throw InputError("duplicate key `" + parsed.template get<std::string>() + "` in one JSON object", m_origin,
                       "keep one of the two entries");
    return true;
  }

 private:
  std::string m_origin;
  std::vector<std::set<std::string>> m_keys;  // the keys seen in each open object
};

// `text` as JSON, or Error{"expected <expected>, found: <the library's message>", origin}. Every
// exception of the library becomes the error, not only a syntax error: a number too big for a double
// is out_of_range.406, which readers catching parse_error alone let escape as an internal error
// (docs/robustness.md bugs 2 and 17).
template <class Json>
Result<Json> parse_json(std::string_view text, const std::string& origin, const std::string& expected) {
  try {
    return Json::parse(text);
  } catch (const typename Json::exception& error) {
    return Error{"expected " + expected + ", found: " + error.what(), origin, ""};
  }
}

}  // namespace thoth
