#include "checker/hurl/reader.hpp"

#include <cctype>
#include <utility>

namespace roadwork::hurl::detail {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence at `at` (RFC 3629, table 3-7 of Unicode: no overlongs, no
// surrogates, nothing past U+10FFFF), or 0 if it is malformed.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) {
    return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0;
  };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  std::size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (!is_continuation(byte(i))) return 0;
  }
  return length;
}

}  // namespace

Reader::Reader(std::string_view source, std::string file) : source_(source), file_(std::move(file)) {
  if (source_.starts_with("\xEF\xBB\xBF")) position_.offset = 3;
}

void Reader::check_utf8() {
  const Mark start = position_;
  std::size_t at = start.offset;
  while (at < source_.size()) {
    const std::size_t length = utf8_sequence_length(source_, at);
    if (length == 0) {
      advance(at - start.offset);
      fail("invalid UTF-8");
    }
    at += length;
  }
}

char Reader::peek(std::size_t ahead) const {
  const std::size_t at = position_.offset + ahead;
  return at < source_.size() ? source_[at] : '\0';
}

bool Reader::looking_at(std::string_view text) const {
  return source_.substr(position_.offset).starts_with(text);
}

std::string_view Reader::peek_word() const {
  return peek_while([](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

bool Reader::looking_at_word(std::string_view word, std::size_t ahead) const {
  const std::size_t at = position_.offset + ahead;
  return at <= source_.size() && source_.substr(at).starts_with(word) &&
         !std::isalnum(static_cast<unsigned char>(peek(ahead + word.size())));
}

void Reader::advance(std::size_t count) {
  for (; count > 0 && !at_end(); --count) {
    const auto byte = static_cast<unsigned char>(source_[position_.offset++]);
    if (byte == '\n') {
      ++position_.line;
      position_.column = 1;
    } else if (!is_continuation(byte)) {
      ++position_.column;
    }
  }
}

bool Reader::consume(std::string_view text) {
  if (!looking_at(text)) return false;
  advance(text.size());
  return true;
}

SourceLocation Reader::location_of(const Mark& mark) const { return {file_, mark.line, mark.column}; }

std::string_view Reader::rest_of_line() const {
  auto line = source_.substr(position_.offset);
  line = line.substr(0, line.find('\n'));
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

std::string_view Reader::text_since(const Mark& from) const {
  return source_.substr(from.offset, position_.offset - from.offset);
}

void Reader::fail(std::string message) const { fail_at(position_, std::move(message)); }

void Reader::fail_at(const Mark& where, std::string message) const {
  throw SyntaxError{{location_of(where), std::move(message)}};
}

bool Reader::skip_spaces() {
  const std::size_t start = position_.offset;
  while (peek() == ' ' || peek() == '\t') advance();
  return position_.offset != start;
}

void Reader::expect_space() {
  if (!skip_spaces() && !at_line_end()) fail("expected a space");
}

bool Reader::at_newline() const { return peek() == '\n' || looking_at("\r\n"); }

bool Reader::at_line_end() const { return at_end() || at_newline() || peek() == '#'; }

void Reader::expect_line_end() {
  skip_spaces();
  if (peek() == '#') {
    while (!at_end() && !at_newline()) advance();
  }
  if (consume("\r\n") || consume("\n") || at_end()) return;
  fail("expected end of line");
}

void Reader::skip_empty_lines() {
  for (;;) {
    const Mark line_start = position_;
    skip_spaces();
    if (!at_line_end()) return;
    expect_line_end();
    if (position_.offset == line_start.offset) return;  // at the end of the source
  }
}

}  // namespace roadwork::hurl::detail
