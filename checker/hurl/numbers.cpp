#include "checker/hurl/numbers.hpp"

#include <cctype>
#include <charconv>
#include <string_view>
#include <system_error>

namespace roadwork::hurl::detail {

namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::string_view read_digits(Reader& reader) {
  const auto digits = reader.peek_while(is_digit);
  reader.advance(digits.size());
  return digits;
}

// Converts the text read since `start`; std::from_chars is locale-independent and reports overflow.
template <typename Number>
Number convert_since(Reader& reader, const Mark& start) {
  const auto text = reader.text_since(start);
  Number value{};
  if (std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc{}) {
    reader.fail_at(start, "number out of range");
  }
  return value;
}

}  // namespace

bool at_number(const Reader& reader) {
  return is_digit(reader.peek()) || (reader.peek() == '-' && is_digit(reader.peek(1)));
}

std::int64_t read_integer(Reader& reader) {
  if (!at_number(reader)) reader.fail("expected an integer");
  const Mark start = reader.mark();
  reader.consume("-");
  read_digits(reader);
  return convert_since<std::int64_t>(reader, start);
}

std::variant<std::int64_t, double> read_number(Reader& reader) {
  const Mark start = reader.mark();
  reader.consume("-");
  read_digits(reader);
  if (!reader.consume(".")) return convert_since<std::int64_t>(reader, start);
  if (read_digits(reader).empty()) reader.fail("expected digits after '.'");
  return convert_since<double>(reader, start);
}

}  // namespace roadwork::hurl::detail
