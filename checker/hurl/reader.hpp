#pragma once
// The character reader under the .hurl parser (internal to checker/hurl): a cursor over the source that
// tracks line and column, with the line-level helpers every rule of the grammar uses.

#include <cstddef>
#include <string>
#include <string_view>

#include "checker/hurl/diagnostic.hpp"

namespace roadwork::hurl::detail {

/// Thrown by Reader::fail. The parser stops at the first error, as Hurl does; parse() catches this and
/// returns it as a Diagnostic, so it never leaves the library. An exception keeps the recursive descent free
/// of error plumbing on every call.
struct SyntaxError {
  Diagnostic diagnostic;
};

/// A saved position: byte offset, 1-based line, 1-based column in code points.
struct Mark {
  std::size_t offset = 0;
  int line = 1;
  int column = 1;
};

/// Reads a .hurl source byte by byte. Past the end, peek() returns '\0' and advance() does nothing, so no
/// read can run off the buffer; loops must still test at_end(), since the source may itself hold '\0'.
class Reader {
 public:
  /// `file` is the path written into every SourceLocation. A leading UTF-8 byte order mark is skipped, as
  /// Hurl ignores it.
  Reader(std::string_view source, std::string file);

  /// Fails with `invalid UTF-8` at the first byte that is not well-formed UTF-8 (Hurl files are UTF-8);
  /// leaves the position unchanged otherwise.
  void check_utf8();

  bool at_end() const { return position_.offset >= source_.size(); }
  /// The byte `ahead` bytes after the cursor, or '\0' past the end.
  char peek(std::size_t ahead = 0) const;
  bool looking_at(std::string_view text) const;
  /// True when `word` starts `ahead` bytes after the cursor and is not followed by a letter or digit (so
  /// `true` does not match `trueish`).
  bool looking_at_word(std::string_view word, std::size_t ahead = 0) const;
  /// Moves over `count` bytes, counting lines and code points.
  void advance(std::size_t count = 1);
  /// Advances over `text` if it is next.
  bool consume(std::string_view text);

  Mark mark() const { return position_; }
  void reset(const Mark& mark) { position_ = mark; }
  SourceLocation location() const { return location_of(position_); }
  SourceLocation location_of(const Mark& mark) const;
  /// The rest of the current line from the cursor, without its LF or CRLF.
  std::string_view rest_of_line() const;
  /// The source between `from` and the cursor.
  std::string_view text_since(const Mark& from) const;
  /// The run of ASCII letters and digits at the cursor, without moving: a keyword or a name.
  std::string_view peek_word() const;
  /// The run of bytes from the cursor for which `keep(byte)` holds, without moving.
  template <typename Predicate>
  std::string_view peek_while(Predicate keep) const {
    std::size_t end = position_.offset;
    while (end < source_.size() && keep(source_[end])) ++end;
    return source_.substr(position_.offset, end - position_.offset);
  }

  /// Stops parsing with `message` at the cursor / at `where`.
  [[noreturn]] void fail(std::string message) const;
  [[noreturn]] void fail_at(const Mark& where, std::string message) const;

  /// Skips spaces and tabs (Hurl grammar: sp*); returns whether there were any.
  bool skip_spaces();
  /// Skips the spaces a rule requires (Hurl grammar: sp sp*), or fails with `expected a space`; at the end of
  /// the line it returns quietly, so the caller can say what it expected there.
  void expect_space();
  /// True at a newline (LF or CRLF), a comment or the end of the source.
  bool at_line_end() const;
  /// True at LF or CRLF.
  bool at_newline() const;
  /// Skips `sp* comment? newline-or-end` (Hurl grammar: lt) or fails with `expected end of line`.
  void expect_line_end();
  /// Skips blank and comment-only lines (Hurl grammar: lt*) and the next line's indentation, so the cursor
  /// rests on the first character of the next line that holds something, or at the end.
  void skip_empty_lines();

 private:
  std::string_view source_;
  std::string file_;
  Mark position_;
};

}  // namespace roadwork::hurl::detail
