#include "checker/hurl/json_body.hpp"

#include <cctype>
#include <string>
#include <string_view>
#include <utility>

#include "checker/hurl/template_text.hpp"

namespace roadwork::hurl::detail {

namespace {

constexpr int kMaxDepth = 256;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Walks the JSON grammar over the source; the text it passes over is copied verbatim, segment by segment
// between placeholders, so the runner sends exactly what the author wrote.
class JsonScanner {
 public:
  explicit JsonScanner(Reader& reader) : reader_(reader), builder_(reader), segment_(reader.mark()) {}

  Template scan() && {
    value(0);
    flush();
    return std::move(builder_).finish();
  }

 private:
  [[noreturn]] void fail(std::string_view what) const { fail_at(reader_.mark(), what); }
  [[noreturn]] void fail_at(const Mark& where, std::string_view what) const {
    reader_.fail_at(where, "invalid JSON body: " + std::string(what));
  }

  void flush() { builder_.add_text(reader_.text_since(segment_), segment_); }

  void placeholder(bool in_string) {
    flush();
    TemplatePart part = read_placeholder(reader_);
    part.in_json_string = in_string;
    builder_.add_placeholder(std::move(part));
    segment_ = reader_.mark();
  }

  void skip_whitespace() {
    while (reader_.peek() == ' ' || reader_.peek() == '\t' || reader_.peek() == '\n' ||
           reader_.peek() == '\r') {
      reader_.advance();
    }
  }

  void value(int depth) {
    if (depth > kMaxDepth) fail("nested too deeply");
    skip_whitespace();
    if (reader_.looking_at("{{")) return placeholder(false);
    for (const std::string_view word : {"true", "false", "null"}) {
      if (reader_.looking_at_word(word)) return reader_.advance(word.size());
    }
    switch (reader_.peek()) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      default:
        if (reader_.peek() == '-' || is_digit(reader_.peek())) return number();
        fail("expected a value");
    }
  }

  void object(int depth) {
    reader_.advance();
    skip_whitespace();
    if (reader_.consume("}")) return;
    for (;;) {
      skip_whitespace();
      if (reader_.peek() != '"') fail("expected a quoted key");
      string();
      skip_whitespace();
      if (!reader_.consume(":")) fail("expected ':'");
      value(depth + 1);
      skip_whitespace();
      if (reader_.consume("}")) return;
      if (!reader_.consume(",")) fail("expected ',' or '}'");
    }
  }

  void array(int depth) {
    reader_.advance();
    skip_whitespace();
    if (reader_.consume("]")) return;
    for (;;) {
      value(depth + 1);
      skip_whitespace();
      if (reader_.consume("]")) return;
      if (!reader_.consume(",")) fail("expected ',' or ']'");
    }
  }

  void string() {
    const Mark open = reader_.mark();
    reader_.advance();
    for (;;) {
      if (reader_.at_end() || reader_.at_newline()) {
        fail_at(open, "unterminated string");
      }
      if (reader_.consume("\"")) return;
      if (reader_.looking_at("{{")) {
        placeholder(true);
      } else if (reader_.peek() == '\\') {
        escape();
      } else {
        reader_.advance();
      }
    }
  }

  void escape() {
    const Mark backslash = reader_.mark();
    reader_.advance();
    const char c = reader_.peek();
    if (std::string_view("\"\\/bfnrt").find(c) != std::string_view::npos) return reader_.advance();
    const auto hex = [&](std::size_t i) {
      return std::isxdigit(static_cast<unsigned char>(reader_.peek(i)));
    };
    if (c == 'u' && hex(1) && hex(2) && hex(3) && hex(4)) return reader_.advance(5);
    fail_at(backslash, "invalid escape sequence");
  }

  void digits() {
    if (!is_digit(reader_.peek())) fail("invalid number");
    while (is_digit(reader_.peek())) reader_.advance();
  }

  // Hurl grammar: json-number, `-? (0 | [1-9] digit*) fraction? exponent?`.
  void number() {
    reader_.consume("-");
    if (!reader_.consume("0")) digits();
    if (reader_.consume(".")) digits();
    if (reader_.consume("e") || reader_.consume("E")) {
      if (!reader_.consume("+")) reader_.consume("-");
      digits();
    }
  }

  Reader& reader_;
  TemplateBuilder builder_;
  Mark segment_;  // start of the source text not yet copied into the template
};

}  // namespace

Template read_json_value(Reader& reader) { return JsonScanner(reader).scan(); }

}  // namespace roadwork::hurl::detail
