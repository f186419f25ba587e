// Python-compatible JSON serialisation (json.dumps with sort_keys and ensure_ascii).
//
// Why not nlohmann's dump() alone: its string escaping already matches Python's ensure_ascii output
// (lowercase \uXXXX, surrogate pairs, "/" unescaped, DEL escaped), so strings are delegated to it, but
// its float printing differs: Grisu2 is not always the shortest round-trip form, and it switches to
// exponent notation one decade earlier than Python (1e15 -> "1e+15"; Python writes
// "1000000000000000.0"). Floats are therefore printed with std::to_chars (shortest, exact) and laid
// out with Python's repr rules; the structure (separators, indent) is written here.
#include "project/python_json.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace thoth::project {
namespace {

// Splits to_chars' shortest scientific form "d.ddde+XX" into its digits and decimal exponent.
void shortest_digits(double value, std::string& out_digits, int& out_exponent) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  std::string text(buffer, end);
  std::size_t e = text.find('e');
  out_exponent = std::atoi(text.c_str() + e + 1);
  out_digits.clear();
  for (std::size_t i = 0; i < e; ++i) {
    if (text[i] >= '0' && text[i] <= '9') out_digits += text[i];
  }
}

std::string fixed_notation(const std::string& digits, int exponent) {
  std::string out;
  if (exponent < 0) {
    out = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    return out;
  }
  auto integral_length = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() <= integral_length) {
    return digits + std::string(integral_length - digits.size(), '0') + ".0";
  }
  return digits.substr(0, integral_length) + "." + digits.substr(integral_length);
}

std::string scientific_notation(const std::string& digits, int exponent) {
  std::string out = digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  std::string magnitude = std::to_string(std::abs(exponent));
  if (magnitude.size() < 2) magnitude = "0" + magnitude;
  return out + (exponent < 0 ? "e-" : "e+") + magnitude;
}

std::string escaped_string(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

class Writer {
 public:
  explicit Writer(std::optional<int> indent) : m_indent(indent) {}

  void write(const nlohmann::json& value, int depth) {
    switch (value.type()) {
      case nlohmann::json::value_t::object: write_object(value, depth); return;
      case nlohmann::json::value_t::array: write_array(value, depth); return;
      case nlohmann::json::value_t::string: m_out += escaped_string(value.get_ref<const std::string&>()); return;
      case nlohmann::json::value_t::number_float: m_out += python_float_repr(value.get<double>()); return;
      default: m_out += value.dump(); return;  // null, booleans, integers print as in Python
    }
  }

  [[nodiscard]] std::string take() { return std::move(m_out); }

 private:
  void write_object(const nlohmann::json& object, int depth) {
    if (object.empty()) { m_out += "{}"; return; }
    m_out += '{';
    bool first = true;
    for (const auto& [key, item] : object.items()) {  // std::map: keys in code point order
      separate_item(first, depth + 1);
      m_out += escaped_string(key);
      m_out += m_indent ? ": " : ":";
      write(item, depth + 1);
    }
    close_container(depth);
    m_out += '}';
  }

  void write_array(const nlohmann::json& array, int depth) {
    if (array.empty()) { m_out += "[]"; return; }
    m_out += '[';
    bool first = true;
    for (const auto& item : array) {
      separate_item(first, depth + 1);
      write(item, depth + 1);
    }
    close_container(depth);
    m_out += ']';
  }

  // Python writes "," between items, then a newline and indentation in indented mode.
  void separate_item(bool& first, int depth) {
    if (!first) m_out += ',';
    first = false;
    new_line(depth);
  }

  void close_container(int depth) { new_line(depth); }

  void new_line(int depth) {
    if (!m_indent) return;
    m_out += '\n';
    m_out.append(static_cast<std::size_t>(*m_indent * depth), ' ');
  }

  std::optional<int> m_indent;
  std::string m_out;
};

}  // namespace

std::string python_float_repr(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0.0) return std::signbit(value) ? "-0.0" : "0.0";
  std::string digits;
  int exponent = 0;
  shortest_digits(std::fabs(value), digits, exponent);
  std::string sign = value < 0 ? "-" : "";
  if (exponent >= -4 && exponent < 16) return sign + fixed_notation(digits, exponent);
  return sign + scientific_notation(digits, exponent);
}

std::string python_json_dumps(const nlohmann::json& value, std::optional<int> indent) {
  Writer writer(indent);
  writer.write(value, 0);
  return writer.take();
}

}  // namespace thoth::project
