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

}  // namespace roadwork::report
