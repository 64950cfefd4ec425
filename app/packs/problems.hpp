#pragma once
// What `roadwork pack validate` finds wrong in a pack's files, as a compiler reports it: errors and
// warnings, each at its place in a file, in the order found until sorted by place.

#include <string>
#include <vector>

#include "app/core/diagnostic.hpp"

namespace roadwork::packs {

/// One problem: an error (the pack cannot be used as it is) or a warning (it can, but something is
/// unfinished).
struct Problem {
  Severity severity = Severity::Error;
  Diagnostic diagnostic;
  /// `file:line:col: error: message`, then the excerpt (a check file's line and caret) when there is one.
  std::string text() const { return render(diagnostic, severity); }
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
  /// An error its finder already placed (the course loaders, the check-file parser).
  void located_error(Diagnostic diagnostic) { push({Severity::Error, std::move(diagnostic)}); }

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
