#include "checker/hurl/lines.hpp"

#include <cctype>
#include <string_view>

#include "checker/hurl/strings.hpp"

namespace roadwork::hurl::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

// The JSON literals true, false and null, as whole words.
bool at_json_literal(const Reader& reader, std::size_t ahead) {
  return reader.looking_at_word("true", ahead) || reader.looking_at_word("false", ahead) ||
         reader.looking_at_word("null", ahead);
}

}  // namespace

bool at_section_header(const Reader& reader) {
  const auto line = reader.rest_of_line();
  return line.size() > 1 && line[0] == '[' && std::isalpha(static_cast<unsigned char>(line[1])) &&
         !at_json_literal(reader, 1);
}

bool at_status_line(const Reader& reader) {
  const auto line = reader.rest_of_line();
  const auto word = line.substr(0, line.find_first_of(" \t#"));
  return word == "HTTP" || word.starts_with("HTTP/");
}

bool at_method_line(const Reader& reader) {
  const auto line = reader.rest_of_line();
  std::size_t length = 0;
  while (length < line.size() && line[length] >= 'A' && line[length] <= 'Z') ++length;
  return length > 0 && (length == line.size() || is_space(line[length]) || line[length] == '#');
}

bool at_key_value(const Reader& reader) {
  const auto line = reader.rest_of_line();
  std::size_t i = 0;
  while (i < line.size()) {
    if (line.substr(i).starts_with("\\u{") && line.find('}', i) != std::string_view::npos) {
      i = line.find('}', i) + 1;
    } else if (line[i] == '\\' && i + 1 < line.size()) {
      i += 2;
    } else if (line.substr(i).starts_with("{{")) {
      const auto close = line.find("}}", i + 2);
      if (close == std::string_view::npos) return false;
      i = close + 2;
    } else if (is_key_char(line[i])) {
      ++i;
    } else {
      break;
    }
  }
  if (i == 0 || line[0] == '[') return false;
  while (i < line.size() && is_space(line[i])) ++i;
  return i < line.size() && line[i] == ':';
}

bool at_body_start(const Reader& reader) {
  const auto line = reader.rest_of_line();
  if (line.empty()) return false;
  return std::string_view("{[\"`<-").find(line[0]) != std::string_view::npos ||
         std::isdigit(static_cast<unsigned char>(line[0])) || line.starts_with("base64,") ||
         line.starts_with("hex,") || line.starts_with("file,") || at_json_literal(reader, 0);
}

}  // namespace roadwork::hurl::detail
