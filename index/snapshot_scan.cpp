// One SAX pass of nlohmann's parser over a snapshot: it validates the JSON and records, for every
// top-level key, the byte range of its value. Parsing a 13,000-release snapshot this way costs a
// fraction of building the DOM and every Release; the projects a request reaches are parsed later.
//
// nlohmann's SAX callbacks carry no positions, so the input is read through an iterator that publishes
// how many bytes the lexer has consumed. When start_object/end_object fire, the lexer has just
// consumed the brace (it reads ahead only inside numbers, which are never followed by an object).
// The scan also refuses what nlohmann would accept silently: a package named twice (the last would
// win and the first one's versions vanish) and nesting deeper than --max-nesting. Keys repeated
// further down are caught when the project is parsed (JsonGuard in snapshot.cpp).
#include "index/snapshot_scan.hpp"

#include <iterator>

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "base/limits.hpp"
#include "packaging/name.hpp"

namespace thoth::index {
namespace {

using nlohmann::json;

// A forward iterator over the text that stores its position in `*consumed` on every step.
struct CountingIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* position = nullptr;
  const char** consumed = nullptr;

  reference operator*() const { return *position; }
  CountingIterator& operator++() {
    *consumed = ++position;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const CountingIterator& other) const { return position == other.position; }
};

// Depth 0: before the document; 1: inside the top-level object; 2+: inside a project's value.
class ProjectSpans {
 public:
  ProjectSpans(const std::string& text, std::string_view origin, const char** consumed)
      : m_base(text.data()), m_origin(origin), m_consumed(consumed) {}

  std::map<std::string, PendingProject> spans;  // by name as written

  bool null() { return scalar(); }
  bool boolean(bool) { return scalar(); }
  bool number_integer(json::number_integer_t) { return scalar(); }
  bool number_unsigned(json::number_unsigned_t) { return scalar(); }
  bool number_float(json::number_float_t, const std::string&) { return scalar(); }
  bool string(std::string&) { return scalar(); }
  bool binary(json::binary_t&) { return scalar(); }
  bool key(std::string& name) {
    if (m_depth != 1) return true;
    if (spans.count(name) != 0)
      throw InputError("duplicate key `" + name + "` in one JSON object", at_byte(offset()),
                       "keep one entry per package: merge the two objects of versions");
    m_key = name;
    return true;
  }
  bool start_object(std::size_t) {
    if (m_depth == 1) m_begin = offset() - 1;
    enter();
    return true;
  }
  bool end_object() {
    if (--m_depth == 1) spans[m_key] = PendingProject{m_key, m_begin, offset()};
    return true;
  }
  bool start_array(std::size_t) {
    scalar();
    enter();
    return true;
  }
  bool end_array() {
    --m_depth;
    return true;
  }
  bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& error) {
    throw InputError(std::string("not valid JSON: ") + error.what(), at_byte(byte),
                     "check the snapshot file; it must be one JSON object");
  }

 private:
  std::size_t offset() const { return static_cast<std::size_t>(*m_consumed - m_base); }
  std::string at_byte(std::size_t byte) const { return std::string(m_origin) + ": byte " + std::to_string(byte); }

  // One level deeper, within --max-nesting (the projects are parsed recursively later).
  void enter() {
    if (++m_depth > input_limits().max_nesting)
      throw InputError("JSON " + nesting_limit_message(), at_byte(offset()), nesting_limit_hint());
  }

  // A value that is not an object where an object must be: the document, or a project's versions.
  bool scalar() {
    if (m_depth == 0)
      throw InputError("expected a JSON object mapping package names to versions", std::string(m_origin),
                       "an index snapshot looks like {\"name\": {\"1.0\": {\"requires_dist\": []}}}");
    if (m_depth == 1)
      throw InputError("expected an object mapping versions to releases",
                       std::string(m_origin) + ": package `" + m_key + "`");
    return true;
  }

  const char* m_base;
  std::string_view m_origin;
  const char** m_consumed;
  int m_depth = 0;
  std::string m_key;
  std::size_t m_begin = 0;
};

}  // namespace

PendingProjects scan_snapshot(const std::string& text, std::string_view origin) {
  const char* consumed = text.data();
  ProjectSpans handler(text, origin, &consumed);
  CountingIterator first{text.data(), &consumed};
  CountingIterator last{text.data() + text.size(), &consumed};
  json::sax_parse(first, last, &handler);
  PendingProjects pending;
  for (auto& [name, span] : handler.spans) {
    THOTH_ASSERT(text[span.begin] == '{' && text[span.end - 1] == '}', "a project's span is its object");
    pending[packaging::canonicalize_name(name)].push_back(std::move(span));
  }
  return pending;
}

}  // namespace thoth::index
