#include "checker/hurl/body.hpp"

#include <utility>

#include "checker/hurl/bytes.hpp"
#include "checker/hurl/json_body.hpp"
#include "checker/hurl/strings.hpp"

namespace roadwork::hurl::detail {

Body read_body(Reader& reader) {
  Body body;
  body.location = reader.location();
  if (reader.looking_at("```")) {
    auto multiline = read_multiline_string(reader);
    body.kind = Body::Kind::Multiline;
    body.text = std::move(multiline.text);
    body.language = std::move(multiline.language);
  } else if (reader.peek() == '`') {
    body.kind = Body::Kind::Oneline;
    body.text = read_oneline_string(reader);
  } else if (reader.looking_at("base64,")) {
    body.kind = Body::Kind::Base64;
    body.bytes = read_base64_literal(reader);
  } else if (reader.looking_at("hex,")) {
    body.kind = Body::Kind::Hex;
    body.bytes = read_hex_literal(reader);
  } else if (reader.looking_at("file,")) {
    reader.fail("file bodies are not supported");
  } else if (reader.peek() == '<') {
    reader.fail("XML bodies are not supported");
  } else {
    body.kind = Body::Kind::Json;
    body.text = read_json_value(reader);
  }
  reader.expect_line_end();
  return body;
}

}  // namespace roadwork::hurl::detail
