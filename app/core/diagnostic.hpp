#pragma once
// A problem at a place in a file, kept as data until it is shown: where roadwork reports bad input (a pack,
// a workspace file, a check file), each error names its file, line and column as a compiler does
// (CONTRIBUTING.md: "Bad input names its place"), and `pack validate` sorts its problems by that place.

#include <string>
#include <utility>
#include <vector>

namespace roadwork {

/// How bad a problem is: an error stops what it is found in (a command exits 2, a pack cannot be added);
/// a warning only says that something is unfinished.
enum class Severity { Error, Warning };

/// One problem. `line` and `column` are 1-based; line 0 means the file as a whole, and an empty `file` a
/// problem of no file.
struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
  /// Lines shown under the first, each ending in '\n': for a check file, the source line and a caret
  /// under the column. Usually empty.
  std::string excerpt;

  bool operator==(const Diagnostic&) const = default;
};

/// A problem of no file: a command's argument, the workspace, the machine (rendered `error: message`, and
/// by a command `roadwork: error: message`).
inline Diagnostic unplaced(std::string message) { return {"", 0, 0, std::move(message), ""}; }

/// `file:line:col: error: message` (`file: error: …` for line 0, `error: …` without a file), then the
/// excerpt; no final newline.
std::string render(const Diagnostic& diagnostic, Severity severity = Severity::Error);

/// Each diagnostic rendered, one after the other, without a final newline.
std::string render(const std::vector<Diagnostic>& diagnostics);

/// Orders by file, then line, then column, as a reader goes through them.
bool comes_before(const Diagnostic& a, const Diagnostic& b);

}  // namespace roadwork
