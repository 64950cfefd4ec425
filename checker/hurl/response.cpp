#include "checker/hurl/response.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <utility>

#include "checker/hurl/body.hpp"
#include "checker/hurl/lines.hpp"
#include "checker/hurl/predicate.hpp"
#include "checker/hurl/query.hpp"
#include "checker/hurl/sections.hpp"
#include "checker/hurl/template_text.hpp"

namespace roadwork::hurl::detail {

namespace {

constexpr std::array<std::string_view, 5> kVersions = {"HTTP", "HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/3"};

// Hurl grammar: version sp status, where status is `[0-9]+` or `*` for any.
void read_status_line(Reader& reader, Response& response) {
  const auto line = reader.rest_of_line();
  const auto version = line.substr(0, line.find_first_of(" \t#"));
  if (std::ranges::find(kVersions, version) == kVersions.end()) {
    reader.fail("expected HTTP, HTTP/1.0, HTTP/1.1, HTTP/2 or HTTP/3");
  }
  response.version = version;
  reader.advance(version.size());
  reader.expect_space();
  if (!reader.consume("*")) {  // `*` leaves the status unset: any status passes
    const auto digits =
        reader.peek_while([](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
    if (digits.empty() || digits.size() > 3) reader.fail("expected HTTP status code");
    int status = 0;
    for (const char digit : digits) status = status * 10 + (digit - '0');
    response.status = status;
    reader.advance(digits.size());
  }
  reader.expect_line_end();
}

// Hurl grammar: capture, `key-string : query (sp filter)*`; the name must be usable as {{name}} later.
Capture read_capture(Reader& reader) {
  Capture capture;
  capture.location = reader.location();
  capture.name = read_variable_name(reader);
  reader.skip_spaces();
  if (!reader.consume(":")) reader.fail("expected ':'");
  reader.skip_spaces();
  capture.query = read_query(reader);
  for (;;) {
    reader.expect_space();
    if (reader.at_line_end()) break;
    if (reader.looking_at_word("redact")) reader.fail("capture redact is not supported");
    auto filter = try_read_filter(reader);
    if (!filter) reader.fail("expected a filter");
    capture.filters.push_back(std::move(*filter));
  }
  reader.expect_line_end();
  return capture;
}

// Hurl grammar: assert, `query (sp filter)* sp predicate`.
Assert read_assert(Reader& reader) {
  Assert assert_line;
  assert_line.location = reader.location();
  const Mark start = reader.mark();
  assert_line.query = read_query(reader);
  for (;;) {
    reader.expect_space();
    if (reader.at_line_end()) reader.fail("expected a predicate");
    auto filter = try_read_filter(reader);
    if (!filter) break;
    assert_line.filters.push_back(std::move(*filter));
  }
  assert_line.predicate = read_predicate(reader);
  assert_line.source_text = reader.text_since(start);
  reader.expect_line_end();
  return assert_line;
}

bool at_section_end(const Reader& reader) {
  return reader.at_end() || at_section_header(reader) || at_method_line(reader) || at_body_start(reader);
}

void read_captures(Reader& reader, Response& response) {
  for (reader.skip_empty_lines(); at_key_value(reader); reader.skip_empty_lines()) {
    response.captures.push_back(read_capture(reader));
  }
}

void read_asserts(Reader& reader, Response& response) {
  for (reader.skip_empty_lines(); !at_section_end(reader); reader.skip_empty_lines()) {
    response.asserts.push_back(read_assert(reader));
  }
}

}  // namespace

Response read_response(Reader& reader) {
  Response response;
  response.location = reader.location();
  read_status_line(reader, response);
  bool in_sections = false;
  for (;;) {
    reader.skip_empty_lines();
    if (!in_sections && at_key_value(reader)) {
      response.headers.push_back(read_key_value(reader));
    } else if (reader.at_end() || at_method_line(reader)) {
      return response;
    } else if (at_section_header(reader)) {
      if (read_section_header(reader, false) == Section::Captures) {
        read_captures(reader, response);
      } else {
        read_asserts(reader, response);
      }
      in_sections = true;
    } else if (at_body_start(reader)) {
      response.body = read_body(reader);
      return response;
    } else {
      reader.fail(in_sections ? "expected name: query" : "expected a header, a section or a body");
    }
  }
}

}  // namespace roadwork::hurl::detail
