#pragma once
// What roadwork asks of the terminal it writes to. POSIX implementation in terminal_posix.cpp.

#include <string_view>

namespace roadwork::term {

/// True when `fd` is a terminal (isatty).
bool is_terminal(int fd);

/// True when `fd` is a terminal that understands escape codes and '\r' redraws: isatty(fd) and TERM is not
/// "dumb" (the value set by editors' shell buffers and other terminals without cursor control).
bool understands_escapes(int fd);

/// Columns of the terminal on `fd` (TIOCGWINSZ); when `fd` is not a terminal or reports 0, the COLUMNS
/// environment variable if it is a positive number; else 80.
int terminal_width(int fd);

/// Writes all of `text` to `fd`, retrying short writes and EINTR; other errors are ignored, because a
/// closed or full terminal must not stop a check run.
void write_all(int fd, std::string_view text);

}  // namespace roadwork::term
