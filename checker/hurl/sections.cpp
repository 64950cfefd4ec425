#include "checker/hurl/sections.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "checker/hurl/lines.hpp"
#include "checker/hurl/strings.hpp"

namespace roadwork::hurl::detail {

namespace {

struct SectionName {
  std::string_view name;
  Section section;
};

constexpr std::array<SectionName, 9> kSections = {{
    {"Query", Section::Query},
    {"QueryStringParams", Section::Query},
    {"Form", Section::Form},
    {"FormParams", Section::Form},
    {"Cookies", Section::Cookies},
    {"BasicAuth", Section::BasicAuth},
    {"Options", Section::Options},
    {"Captures", Section::Captures},
    {"Asserts", Section::Asserts},
}};

bool is_response_section(Section section) {
  return section == Section::Captures || section == Section::Asserts;
}

}  // namespace

Section read_section_header(Reader& reader, bool in_request) {
  const Mark open = reader.mark();
  reader.advance();
  const std::string name(
      reader.peek_while([](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }));
  reader.advance(name.size());
  if (!reader.consume("]")) reader.fail("expected ']'");
  const std::string written = "[" + name + "]";
  if (name == "MultipartFormData" || name == "Multipart") reader.fail_at(open, written + " is not supported");
  const auto found = std::ranges::find(kSections, name, &SectionName::name);
  if (found == kSections.end()) reader.fail_at(open, "unknown section " + written);
  if (in_request && is_response_section(found->section)) {
    reader.fail_at(open, written + " belongs to the response, after HTTP <status>");
  }
  if (!in_request && !is_response_section(found->section)) {
    reader.fail_at(open, written + " belongs to the request, before HTTP <status>");
  }
  reader.expect_line_end();
  return found->section;
}

KeyValue read_key_value(Reader& reader) {
  KeyValue key_value;
  key_value.location = reader.location();
  key_value.key = read_key_string(reader);
  reader.skip_spaces();
  if (!reader.consume(":")) reader.fail("expected ':'");
  reader.skip_spaces();
  key_value.value = read_value_string(reader, false);
  reader.expect_line_end();
  return key_value;
}

std::vector<KeyValue> read_key_values(Reader& reader) {
  std::vector<KeyValue> key_values;
  for (reader.skip_empty_lines(); at_key_value(reader); reader.skip_empty_lines()) {
    key_values.push_back(read_key_value(reader));
  }
  return key_values;
}

}  // namespace roadwork::hurl::detail
