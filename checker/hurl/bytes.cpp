#include "checker/hurl/bytes.hpp"

#include <cctype>
#include <cstdint>
#include <string_view>

namespace roadwork::hurl::detail {

namespace {

// The value of a base64 digit (RFC 4648 section 4), or -1.
int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool is_base64_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Decodes digits with their padding already removed; false when the count cannot come from whole bytes.
bool decode_base64(std::string_view digits, std::string& out) {
  if (digits.size() % 4 == 1) return false;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : digits) {
    buffer = (buffer << 6) | static_cast<std::uint32_t>(base64_value(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
}

}  // namespace

std::string read_base64_literal(Reader& reader) {
  reader.advance(std::string_view("base64,").size());
  const Mark data = reader.mark();
  std::string digits;
  std::size_t padding = 0;
  for (; !reader.at_end(); reader.advance()) {
    const char c = reader.peek();
    if (is_base64_whitespace(c)) continue;
    if (c == '=') {
      ++padding;
    } else if (base64_value(c) >= 0 && padding == 0) {
      digits += c;
    } else {
      break;
    }
  }
  if (!reader.consume(";")) reader.fail("expected ';' after the base64 data");
  std::string bytes;
  if (padding > 2 || !decode_base64(digits, bytes)) reader.fail_at(data, "invalid base64");
  return bytes;
}

std::string read_hex_literal(Reader& reader) {
  reader.advance(std::string_view("hex,").size());
  const Mark data = reader.mark();
  const auto digits = reader.peek_while([](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  reader.advance(digits.size());
  if (!reader.consume(";")) reader.fail("expected ';' after the hex data");
  if (digits.size() % 2 != 0) reader.fail_at(data, "invalid hex: odd number of digits");
  std::string bytes;
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    bytes += static_cast<char>(hex_value(digits[i]) * 16 + hex_value(digits[i + 1]));
  }
  return bytes;
}

}  // namespace roadwork::hurl::detail
