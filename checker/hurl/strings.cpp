#include "checker/hurl/strings.hpp"

#include <cctype>
#include <string_view>
#include <utility>

#include "checker/hurl/template_text.hpp"

namespace roadwork::hurl::detail {

namespace {

// The step shared by every string that decodes escapes: one escape, one placeholder or one raw byte.
void read_string_piece(Reader& reader, TemplateBuilder& builder) {
  const Mark at = reader.mark();
  if (reader.peek() == '\\') {
    builder.add_text(read_escape(reader), at);
  } else if (reader.looking_at("{{")) {
    builder.add_placeholder(read_placeholder(reader));
  } else {
    const char c = reader.peek();
    reader.advance();
    builder.add_text(std::string_view(&c, 1), at);
  }
}

Template read_delimited(Reader& reader, char delimiter) {
  const Mark open = reader.mark();
  TemplateBuilder builder(reader);
  reader.advance();
  for (;;) {
    if (reader.at_end() || reader.at_newline()) reader.fail_at(open, "unterminated string");
    if (reader.peek() == delimiter) break;
    read_string_piece(reader, builder);
  }
  reader.advance();
  return std::move(builder).finish();
}

// Reads raw text and placeholders up to and over the closing ```.
Template read_until_fence(Reader& reader, const Mark& open) {
  TemplateBuilder builder(reader);
  for (;;) {
    if (reader.at_end()) reader.fail_at(open, "unterminated multiline string");
    if (reader.consume("```")) return std::move(builder).finish();
    if (reader.looking_at("{{")) {
      builder.add_placeholder(read_placeholder(reader));
      continue;
    }
    const Mark at = reader.mark();
    const char c = reader.peek();
    reader.advance();
    builder.add_text(std::string_view(&c, 1), at);
  }
}

bool fence_closes_on_this_line(const Reader& reader) {
  return reader.rest_of_line().find("```") != std::string_view::npos;
}

}  // namespace

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '[' ||
         c == ']' || c == '@' || c == '$';
}

Template read_key_string(Reader& reader) {
  TemplateBuilder builder(reader);
  while (is_key_char(reader.peek()) || reader.peek() == '\\' || reader.looking_at("{{")) {
    read_string_piece(reader, builder);
  }
  return std::move(builder).finish();
}

Template read_value_string(Reader& reader, bool stop_at_space) {
  TemplateBuilder builder(reader);
  std::string spaces;  // held back until something follows them, so trailing spaces are dropped
  Mark spaces_start;
  while (!reader.at_line_end()) {
    const char c = reader.peek();
    if (c == ' ' || c == '\t') {
      if (stop_at_space) break;
      if (spaces.empty()) spaces_start = reader.mark();
      spaces += c;
      reader.advance();
      continue;
    }
    builder.add_text(spaces, spaces_start);
    spaces.clear();
    read_string_piece(reader, builder);
  }
  return std::move(builder).finish();
}

Template read_quoted_string(Reader& reader) { return read_delimited(reader, '"'); }

Template read_oneline_string(Reader& reader) { return read_delimited(reader, '`'); }

Template read_regex_literal(Reader& reader) {
  const Mark open = reader.mark();
  TemplateBuilder builder(reader);
  reader.advance();
  const Mark content = reader.mark();
  std::string pattern;
  for (;;) {
    if (reader.at_end() || reader.at_newline()) reader.fail_at(open, "unterminated regex");
    const char c = reader.peek();
    reader.advance();
    if (c == '/') break;
    if (c == '\\' && reader.consume("/")) {
      pattern += '/';
    } else {
      pattern += c;
    }
  }
  builder.add_text(pattern, content);
  return std::move(builder).finish();
}

MultilineString read_multiline_string(Reader& reader) {
  const Mark open = reader.mark();
  reader.advance(3);
  MultilineString result;
  if (fence_closes_on_this_line(reader)) {
    result.text = read_until_fence(reader, open);
    return result;
  }
  const Mark tag = reader.mark();
  result.language = reader.peek_word();
  reader.advance(result.language.size());
  const auto& language = result.language;
  if (language == "graphql" || language == "base64" || language == "hex") {
    reader.fail_at(tag, "multiline " + language + " is not supported");
  }
  if (!language.empty() && language != "json" && language != "xml") {
    reader.fail_at(tag, "unknown multiline string type \"" + language + "\"");
  }
  if (reader.peek() == ',') {
    const Mark comma = reader.mark();
    reader.advance();
    const auto attribute = reader.peek_word();
    if (!attribute.empty()) {
      reader.fail("multiline attribute " + std::string(attribute) + " is not supported");
    }
    reader.fail_at(comma, "expected end of line");
  }
  reader.skip_spaces();
  if (reader.at_end()) reader.fail_at(open, "unterminated multiline string");
  if (!reader.consume("\r\n") && !reader.consume("\n")) reader.fail("expected end of line");
  result.text = read_until_fence(reader, open);
  return result;
}

}  // namespace roadwork::hurl::detail
