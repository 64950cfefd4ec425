#include "checker/run/encoding.hpp"

#include <array>
#include <cstdint>
#include <utility>

#include "checker/text/utf8.hpp"

namespace roadwork::run {

namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kHexDigits = "0123456789abcdef";
constexpr std::string_view kUpperHexDigits = "0123456789ABCDEF";  // RFC 3986 §2.1 prefers upper case

int base64_index(char c) {
  const auto at = kBase64Alphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// The named references a JSON API or a small HTML page is likely to use; the full HTML5 table has over
// two thousand names, which roadwork's checks do not need.
constexpr std::array<std::pair<std::string_view, char32_t>, 24> kNamedReferences{{
    {"amp", U'&'},     {"lt", U'<'},      {"gt", U'>'},      {"quot", U'"'},    {"apos", U'\''},
    {"nbsp", 0xA0},    {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"laquo", 0xAB},   {"raquo", 0xBB},   {"euro", 0x20AC},  {"pound", 0xA3},
    {"yen", 0xA5},     {"cent", 0xA2},    {"sect", 0xA7},    {"deg", 0xB0},
}};

// Decodes the reference that starts at text[0] == '&'; returns the characters and the length consumed.
std::optional<std::pair<std::string, std::size_t>> decode_reference(std::string_view text) {
  const auto semicolon = text.find(';');
  if (semicolon == std::string_view::npos || semicolon < 2) return std::nullopt;
  const auto name = text.substr(1, semicolon - 1);
  std::string out;
  if (name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const auto digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return std::nullopt;
    char32_t code_point = 0;
    for (const char c : digits) {
      const int digit = hex ? hex_value(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
      if (digit < 0) return std::nullopt;
      code_point = code_point * (hex ? 16 : 10) + static_cast<char32_t>(digit);
    }
    // Like HTML parsers, turn NUL, surrogates and out-of-range values into U+FFFD.
    if (code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      code_point = 0xFFFD;
    }
    text::append_utf8(out, code_point);
    return std::pair{out, semicolon + 1};
  }
  for (const auto& [entity, code_point] : kNamedReferences) {
    if (entity == name) {
      text::append_utf8(out, code_point);
      return std::pair{out, semicolon + 1};
    }
  }
  return std::nullopt;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const auto remaining = bytes.size() - i;
    std::uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
    if (remaining > 1) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (remaining > 2) group |= static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64Alphabet[(group >> 18) & 0x3F];
    out += kBase64Alphabet[(group >> 12) & 0x3F];
    out += remaining > 1 ? kBase64Alphabet[(group >> 6) & 0x3F] : '=';
    out += remaining > 2 ? kBase64Alphabet[group & 0x3F] : '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    std::uint32_t group = 0;
    int padding = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const char c = text[i + j];
      if (c == '=' && last && j >= 2) {
        ++padding;
        group <<= 6;
        continue;
      }
      const int index = base64_index(c);
      if (index < 0 || padding > 0) return std::nullopt;  // a data character after '=' is not canonical
      group = (group << 6) | static_cast<std::uint32_t>(index);
    }
    out += static_cast<char>((group >> 16) & 0xFF);
    if (padding < 2) out += static_cast<char>((group >> 8) & 0xFF);
    if (padding < 1) out += static_cast<char>(group & 0xFF);
  }
  return out;
}

std::string hex_encode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += kHexDigits[byte >> 4];
    out += kHexDigits[byte & 0x0F];
  }
  return out;
}

std::string percent_encode(std::string_view text, std::string_view also_keep) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_unreserved(byte) || also_keep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kUpperHexDigits[byte >> 4];
      out += kUpperHexDigits[byte & 0x0F];
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#x27;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string html_unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      if (const auto decoded = decode_reference(text.substr(i))) {
        out += decoded->first;
        i += decoded->second;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace roadwork::run
