#pragma once
// Source positions and error messages for check files, printed the way a compiler prints them.

#include <string>
#include <string_view>

namespace roadwork::hurl {

/// A position in a source file: `line` and `column` are 1-based; column counts Unicode code points.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// One error found in a check file.
struct Diagnostic {
  SourceLocation location;
  std::string message;
};

/// `file:line:col`, or `file` alone when the line is unknown (0), as compilers print positions.
std::string format_location(const SourceLocation& location);

/// The line of `source` that `at` points into, then a caret under its column, each ending in '\n'; "" when
/// there is no such line. `source` is the whole text of the file.
std::string source_excerpt(const SourceLocation& at, std::string_view source);

/// Formats `file:line:col: error: message`, then the source line and a caret under the column.
/// `source` is the whole text of the file the diagnostic points into; each line ends in '\n'.
std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view source);

}  // namespace roadwork::hurl
