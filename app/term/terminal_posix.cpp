#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include "app/term/terminal.hpp"

namespace roadwork::term {

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

bool understands_escapes(int fd) {
  const char* term = std::getenv("TERM");
  return is_terminal(fd) && !(term != nullptr && std::strcmp(term, "dumb") == 0);
}

int terminal_width(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    int value = 0;
    const auto end = columns + std::strlen(columns);
    const auto [last, error] = std::from_chars(columns, end, value);
    if (error == std::errc() && last == end && value > 0) return value;
  }
  return 80;
}

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const auto written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace roadwork::term
