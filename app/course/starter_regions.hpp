#pragma once
// Starters derived from the solution by marked regions (exercises/README.md: Starters): the solution's
// source marks the code the learner writes, and gives the TODO text the starter has in its place.

#include <string>
#include <string_view>
#include <vector>

#include "app/core/expected.hpp"
#include "app/course/file_tree.hpp"

namespace roadwork::course {

/// What to make of a marked source tree.
enum class CodeVariant {
  Marked,    ///< as stored: the solution with its starter regions and markers
  Solution,  ///< markers and starter text dropped: the reference solution
  Starter,   ///< each region's solution lines replaced by its starter text: what `roadwork start` hands out
};

/// `marked` as `variant`. In a marked file, a region is
///
///     <indent># roadwork: starter
///     <indent>#| starter line       (any number; the line without its "#| " or "#|")
///     <indent># roadwork: solution
///     solution lines
///     <indent># roadwork: end
///
/// with `//` in place of `#` in languages that comment that way. A first line `# roadwork: solution only`
/// (or `starter only`) keeps that file out of the starter (or the solution). A marker out of place, an
/// unknown `roadwork:` marker or a region left open is the returned problem at its line (file `ORIGIN PATH`,
/// where `origin` names where the file came from, "exercises/x/solution/python.patch: ", or is empty).
Expected<FileTree> code_variant(const FileTree& marked, CodeVariant variant, const std::string& origin);

/// The files of `marked` with a starter region whose starter text opens a task ("TODO:" or "TODO 3:"), or a
/// `starter only` file with such a line: where a learner who starts from the starter finds it, sorted.
std::vector<std::string> todo_files(const FileTree& marked);

/// Tells, for the lines of marked files given in order, which ones the solution leaves out: markers, a
/// region's starter lines, and every line of a `starter only` file. A new `path` starts a new file.
class StarterLines {
 public:
  bool operator()(const std::string& path, std::string_view line);

 private:
  std::string path_;
  bool in_starter_part_ = false;
  bool starter_only_file_ = false;
};

}  // namespace roadwork::course
