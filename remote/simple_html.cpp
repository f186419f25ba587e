// PEP 503 HTML project pages: every <a> element is a file; its href (resolved against the page,
// `#sha256=` fragment read as the hash), data-requires-python, data-yanked (PEP 592) and
// data-core-metadata / data-dist-info-metadata (PEP 658/714). A reader for just that subset of
// HTML: tags, quoted or bare attribute values, and the character references indexes emit.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "remote/digest.hpp"
#include "remote/simple_api.hpp"

namespace thoth::remote {
namespace {

void append_utf8(std::string& out, unsigned long code) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    auto semicolon = text.find(';', i);
    if (semicolon == std::string_view::npos || semicolon - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string name(text.substr(i + 1, semicolon - i - 1));
    if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "amp") out += '&';
    else if (name == "quot") out += '"';
    else if (name == "apos") out += '\'';
    else if (!name.empty() && name[0] == '#') {
      bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      append_utf8(out, std::strtoul(name.c_str() + (hex ? 2 : 1), nullptr, hex ? 16 : 10));
    } else {
      out += text.substr(i, semicolon - i + 1);
    }
    i = semicolon;
  }
  return out;
}

struct Anchor {
  std::map<std::string, std::string> attributes;  // lower-case name -> unescaped value
  std::string text;
};

bool starts_tag(std::string_view html, std::size_t at, std::string_view tag) {
  if (at + 1 + tag.size() > html.size() || html[at] != '<') return false;
  for (std::size_t k = 0; k < tag.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(html[at + 1 + k])) != tag[k]) return false;
  char after = at + 1 + tag.size() < html.size() ? html[at + 1 + tag.size()] : '>';
  return std::isspace(static_cast<unsigned char>(after)) || after == '>' || after == '/';
}

// Parses the attributes from `pos` (just after "<a") to the closing '>'; leaves `pos` after it.
std::map<std::string, std::string> read_attributes(std::string_view html, std::size_t& pos) {
  std::map<std::string, std::string> attributes;
  while (pos < html.size() && html[pos] != '>') {
    if (std::isspace(static_cast<unsigned char>(html[pos])) || html[pos] == '/') {
      ++pos;
      continue;
    }
    std::size_t name_start = pos;
    while (pos < html.size() && !std::isspace(static_cast<unsigned char>(html[pos])) && html[pos] != '=' && html[pos] != '>')
      ++pos;
    std::string name(html.substr(name_start, pos - name_start));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (pos < html.size() && std::isspace(static_cast<unsigned char>(html[pos]))) ++pos;
    std::string value;
    if (pos < html.size() && html[pos] == '=') {
      ++pos;
      while (pos < html.size() && std::isspace(static_cast<unsigned char>(html[pos]))) ++pos;
      if (pos < html.size() && (html[pos] == '"' || html[pos] == '\'')) {
        char quote = html[pos++];
        auto end = html.find(quote, pos);
        if (end == std::string_view::npos) end = html.size();
        value = unescape(html.substr(pos, end - pos));
        pos = std::min(end + 1, html.size());  // an unterminated quote ends the page (found by fuzzing)
      } else {
        std::size_t start = pos;
        while (pos < html.size() && !std::isspace(static_cast<unsigned char>(html[pos])) && html[pos] != '>') ++pos;
        value = unescape(html.substr(start, pos - start));
      }
    }
    attributes[name] = value;
  }
  if (pos < html.size()) ++pos;  // past the '>', when there is one
  return attributes;
}

std::vector<Anchor> read_anchors(std::string_view html) {
  std::vector<Anchor> anchors;
  for (std::size_t pos = html.find('<'); pos != std::string_view::npos; pos = html.find('<', pos)) {
    if (!starts_tag(html, pos, "a")) {
      ++pos;
      continue;
    }
    pos += 2;
    Anchor anchor;
    anchor.attributes = read_attributes(html, pos);
    auto close = html.find('<', pos);
    if (close == std::string_view::npos) close = html.size();
    anchor.text = unescape(html.substr(pos, close - pos));
    pos = close;
    anchors.push_back(std::move(anchor));
  }
  return anchors;
}

void read_metadata_attribute(const std::string& value, IndexFile& file) {
  if (value == "false") return;
  file.has_metadata = true;
  if (value.rfind("sha256=", 0) == 0) file.metadata_sha256 = value.substr(7);
}

std::string trimmed(std::string text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string api_version_meta(std::string_view html) {
  static constexpr std::string_view kMarker = "pypi:repository-version";
  auto at = html.find(kMarker);
  if (at == std::string_view::npos) return {};
  auto content = html.find("content=", at);
  if (content == std::string_view::npos) return {};
  auto quote = content + 8;
  if (quote >= html.size()) return {};
  auto end = html.find(html[quote], quote + 1);
  return end == std::string_view::npos ? "" : std::string(html.substr(quote + 1, end - quote - 1));
}

}  // namespace

ProjectPage parse_html_page(std::string_view body, const std::string& page_url) {
  ProjectPage page;
  page.api_version = api_version_meta(body);
  for (Anchor& anchor : read_anchors(body)) {
    auto href = anchor.attributes.find("href");
    if (href == anchor.attributes.end() || href->second.empty()) continue;
    IndexFile file;
    file.filename = trimmed(anchor.text);
    file.url = resolve_url(page_url, href->second);
    std::string fragment = url_fragment(href->second);
    if (auto equals = fragment.find('='); equals != std::string::npos)
      file.hashes[fragment.substr(0, equals)] = fragment.substr(equals + 1);
    if (auto it = anchor.attributes.find("data-requires-python"); it != anchor.attributes.end())
      file.requires_python = it->second;
    if (auto it = anchor.attributes.find("data-yanked"); it != anchor.attributes.end()) {
      file.yanked = true;
      file.yanked_reason = it->second;
    }
    if (auto it = anchor.attributes.find("data-core-metadata"); it != anchor.attributes.end())
      read_metadata_attribute(it->second, file);
    else if (auto legacy = anchor.attributes.find("data-dist-info-metadata"); legacy != anchor.attributes.end())
      read_metadata_attribute(legacy->second, file);
    if (file.filename.empty()) continue;
    page.files.push_back(std::move(file));
  }
  return page;
}

}  // namespace thoth::remote
