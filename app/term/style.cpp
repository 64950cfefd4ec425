#include "app/term/style.hpp"

#include <cstdlib>

#include "app/term/terminal.hpp"

namespace roadwork::term {

Style Style::for_fd(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  return Style(understands_escapes(fd) && (no_color == nullptr || no_color[0] == '\0'));
}

std::string Style::paint(std::string_view on, std::string_view off, std::string_view text) const {
  if (!colour_) return std::string(text);
  std::string out;
  out.reserve(on.size() + text.size() + off.size());
  return out.append(on).append(text).append(off);
}

std::string Style::pass(std::string_view text) const { return paint("\x1b[32m", "\x1b[39m", text); }
std::string Style::fail(std::string_view text) const { return paint("\x1b[31m", "\x1b[39m", text); }
std::string Style::warn(std::string_view text) const { return paint("\x1b[33m", "\x1b[39m", text); }
std::string Style::dim(std::string_view text) const { return paint("\x1b[2m", "\x1b[22m", text); }
std::string Style::bold(std::string_view text) const { return paint("\x1b[1m", "\x1b[22m", text); }
std::string Style::italic(std::string_view text) const { return paint("\x1b[3m", "\x1b[23m", text); }
std::string Style::code(std::string_view text) const { return paint("\x1b[36m", "\x1b[39m", text); }

}  // namespace roadwork::term
