#pragma once
// What `roadwork pack validate` finds wrong in a pack's files, as a compiler reports it: errors (the pack
// cannot be used as it is) and warnings (it can, but something is unfinished), each starting with
// `file:line:col: error: ` or `file:line:col: warning: `, in the order found.

#include <string>
#include <vector>

namespace roadwork::packs {

enum class Severity { Error, Warning };

/// One problem. `text` is its first line, `file:line:col: error: message`; a check-file error goes on with
/// the source line and a caret under the column, as the check-file parser formats it.
struct Problem {
  Severity severity = Severity::Error;
  std::string text;
};

/// A place in a file: `line` and `column` are 1-based.
struct Place {
  std::string file;
  int line = 1;
  int column = 1;
};

/// The problems of one pack, in the order found, each once: the same problem found again (a patch that every
/// later exercise of its project applies) is not added twice.
class Problems {
 public:
  void error(const Place& place, const std::string& message) { add(Severity::Error, place, message); }
  void warning(const Place& place, const std::string& message) { add(Severity::Warning, place, message); }
  /// An error its finder already wrote as `file:line:col: error: …` (the course loaders, the hurl parser).
  void located_error(std::string text) { push({Severity::Error, std::move(text)}); }

  /// Orders the problems by file, then line, then column, as a reader goes through them; problems at the
  /// same place keep the order they were found in.
  void sort_by_place();

  const std::vector<Problem>& all() const { return problems_; }
  int count(Severity severity) const;

 private:
  void add(Severity severity, const Place& place, const std::string& message);
  void push(Problem problem);

  std::vector<Problem> problems_;
};

}  // namespace roadwork::packs
