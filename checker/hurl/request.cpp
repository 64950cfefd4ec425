#include "checker/hurl/request.hpp"

#include <string>
#include <utility>

#include "checker/hurl/body.hpp"
#include "checker/hurl/lines.hpp"
#include "checker/hurl/options.hpp"
#include "checker/hurl/sections.hpp"
#include "checker/hurl/strings.hpp"

namespace roadwork::hurl::detail {

namespace {

void append(std::vector<KeyValue>& to, std::vector<KeyValue> from) {
  for (auto& key_value : from) to.push_back(std::move(key_value));
}

void read_basic_auth(Reader& reader, Request& request) {
  reader.skip_empty_lines();
  if (!at_key_value(reader)) reader.fail("expected user: password");
  if (request.basic_auth) reader.fail("[BasicAuth] takes one user: password line");
  request.basic_auth = read_key_value(reader);
  reader.skip_empty_lines();
  if (at_key_value(reader)) reader.fail("[BasicAuth] takes one user: password line");
}

void read_options(Reader& reader, Options& options, const SourceLocation& section) {
  if (options.location_in_source.line == 0) options.location_in_source = section;
  for (reader.skip_empty_lines(); at_key_value(reader); reader.skip_empty_lines()) {
    read_option(reader, options);
  }
}

void read_request_section(Reader& reader, Request& request) {
  const SourceLocation location = reader.location();
  switch (read_section_header(reader, true)) {
    case Section::Query:
      return append(request.query_params, read_key_values(reader));
    case Section::Form:
      return append(request.form_params, read_key_values(reader));
    case Section::Cookies:
      return append(request.cookies, read_key_values(reader));
    case Section::BasicAuth:
      return read_basic_auth(reader, request);
    case Section::Options:
      return read_options(reader, request.options, location);
    case Section::Captures:
    case Section::Asserts:
      break;  // read_section_header refuses them in a request
  }
}

bool at_request_end(const Reader& reader) {
  return reader.at_end() || at_status_line(reader) || at_method_line(reader);
}

}  // namespace

Request read_request(Reader& reader) {
  Request request;
  request.location = reader.location();
  request.method = reader.peek_while([](char c) { return c >= 'A' && c <= 'Z'; });
  reader.advance(request.method.size());
  reader.expect_space();
  if (reader.at_line_end()) reader.fail("expected a URL");
  request.url = read_value_string(reader, true);
  reader.expect_line_end();
  bool in_sections = false;
  for (;;) {
    reader.skip_empty_lines();
    if (!in_sections && at_key_value(reader)) {
      request.headers.push_back(read_key_value(reader));
    } else if (at_request_end(reader)) {
      return request;
    } else if (at_section_header(reader)) {
      read_request_section(reader, request);
      in_sections = true;
    } else if (at_body_start(reader)) {
      request.body = read_body(reader);
      reader.skip_empty_lines();
      if (!at_request_end(reader)) reader.fail("expected HTTP <status> or a new request");
      return request;
    } else {
      reader.fail(in_sections ? "expected name: value"
                              : "expected a header, a section, a body or HTTP <status>");
    }
  }
}

}  // namespace roadwork::hurl::detail
