#include "checker/hurl/template_text.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <utility>

#include "checker/text/utf8.hpp"

namespace roadwork::hurl::detail {

namespace {

bool is_variable_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// Hurl's built-in functions look like variables inside braces; naming them beats "undefined variable" later.
constexpr std::array<std::string_view, 3> kHurlFunctions = {"newUuid", "newDate", "getEnv"};

// After `\u` at `backslash`: `{` 1-8 hex digits `}` naming a Unicode scalar value.
std::string read_unicode_escape(Reader& reader, const Mark& backslash) {
  if (!reader.consume("{")) reader.fail_at(backslash, "invalid unicode escape");
  const auto digits = reader.peek_while([](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  if (digits.empty() || digits.size() > 8) reader.fail_at(backslash, "invalid unicode escape");
  std::uint32_t code_point = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), code_point, 16);
  reader.advance(digits.size());
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (!reader.consume("}") || surrogate || code_point > 0x10FFFF) {
    reader.fail_at(backslash, "invalid unicode escape");
  }
  return text::encode_utf8(code_point);
}

}  // namespace

TemplateBuilder::TemplateBuilder(const Reader& reader) : reader_(reader) {
  template_.location = reader.location();
}

void TemplateBuilder::add_text(std::string_view text, const Mark& where) {
  if (text.empty()) return;
  if (template_.parts.empty() || template_.parts.back().is_variable) {
    TemplatePart part;
    part.text = std::string(text);
    part.location = reader_.location_of(where);
    template_.parts.push_back(std::move(part));
  } else {
    template_.parts.back().text += text;
  }
}

void TemplateBuilder::add_placeholder(TemplatePart placeholder) {
  template_.parts.push_back(std::move(placeholder));
}

bool is_variable_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

std::string read_variable_name(Reader& reader) {
  if (!is_variable_name_start(reader.peek())) reader.fail("expected a variable name");
  std::string name(reader.peek_while(is_variable_name_char));
  reader.advance(name.size());
  return name;
}

TemplatePart read_placeholder(Reader& reader) {
  TemplatePart part;
  part.is_variable = true;
  part.location = reader.location();
  reader.advance(2);  // {{
  reader.skip_spaces();
  const Mark name_start = reader.mark();
  part.text = read_variable_name(reader);
  for (const auto function : kHurlFunctions) {
    if (part.text == function) reader.fail_at(name_start, "function " + part.text + " is not supported");
  }
  reader.skip_spaces();
  if (reader.consume("}}")) return part;
  if (is_variable_name_start(reader.peek())) reader.fail("filters in templates are not supported");
  reader.fail("expected '}}'");
}

std::string read_escape(Reader& reader) {
  const Mark backslash = reader.mark();
  reader.advance();  // the backslash
  const char c = reader.peek();
  reader.advance();
  switch (c) {
    case '"':
    case '`':
    case '\\':
    case '/':
    case '#':
    case ':':
    case '{':
    case '}':
      return std::string(1, c);
    case 'b':
      return "\b";
    case 'f':
      return "\f";
    case 'n':
      return "\n";
    case 'r':
      return "\r";
    case 't':
      return "\t";
    case 'u':
      return read_unicode_escape(reader, backslash);
    default:
      reader.fail_at(backslash, "invalid escape sequence");
  }
}

}  // namespace roadwork::hurl::detail
