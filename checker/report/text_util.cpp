#include "checker/report/text_util.hpp"

#include <fmt/format.h>

#include "checker/text/controls.hpp"

namespace roadwork::report {

std::string format_duration(double ms) {
  if (ms < 1) return "<1 ms";
  // 999.5 ms and above would print as "1000 ms"; seconds read better from there on.
  if (ms < 999.5) return fmt::format("{:.0f} ms", ms);
  return fmt::format("{:.1f} s", ms / 1000);
}

std::string format_location(const hurl::SourceLocation& location) {
  if (location.line <= 0) return location.file;
  return fmt::format("{}:{}:{}", location.file, location.line, location.column);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    lines.push_back(text.substr(0, newline));
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return lines;
}

std::string indent_lines(std::string_view text, std::string_view prefix) {
  std::string out;
  for (const auto line : split_lines(text)) out.append(prefix).append(line).push_back('\n');
  return out;
}

std::string labelled(std::string_view label, std::string_view value, const Paint& paint) {
  const std::string continuation(static_cast<std::size_t>(display_width(label)), ' ');
  std::string out;
  std::string_view prefix = label;
  const auto visible = text::escape_controls(value);
  for (const auto line : split_lines(visible)) {
    out.append(prefix).append(styled(paint, line)).push_back('\n');
    prefix = continuation;
  }
  return out;
}

int display_width(std::string_view text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      // A CSI sequence ends at its final byte, 0x40–0x7E (ECMA-48 5.4).
      i += 2;
      while (i < text.size() && (text[i] < 0x40 || text[i] > 0x7E)) ++i;
      continue;
    }
    width += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  }
  return width;
}

namespace {

// The length of the valid UTF-8 sequence starting at text[0], or 0 when it is not one (RFC 3629, table 3-7
// of the Unicode standard: the second byte's range depends on the first to exclude overlongs and surrogates).
std::size_t valid_sequence_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto b0 = byte(0);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;
    if (b0 == 0xED) high = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (text.size() < length || byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const auto length = valid_sequence_length(text);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER, one per bad byte
      text.remove_prefix(1);
    } else {
      out.append(text.substr(0, length));
      text.remove_prefix(length);
    }
  }
  return out;
}

}  // namespace roadwork::report
