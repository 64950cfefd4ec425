#pragma once
// Inline text for the Markdown renderer: runs of text with one look each, their width in terminal columns,
// and word wrapping to a width. Widths are measured on the plain text, before any escape code is added.

#include <string>
#include <string_view>
#include <vector>

#include "app/term/style.hpp"

namespace roadwork::term::markdown {

/// How a run looks; flags combine when spans nest (a link inside strong text is kStrong | kUrl).
enum Look : unsigned {
  kPlain = 0,
  kStrong = 1u << 0,
  kEmphasis = 1u << 1,
  kCode = 1u << 2,   ///< inline code: its spaces are kept as written
  kUrl = 1u << 3,    ///< the target shown after a link's text
  kBreak = 1u << 4,  ///< a hard line break; the run's text is ignored
};

/// A piece of inline text with one look.
struct Run {
  std::string text;
  unsigned look = kPlain;
};

/// One wrapped line: its runs and its width in columns.
struct Line {
  std::vector<Run> runs;
  int width = 0;
};

/// Columns `text` (UTF-8) takes in a terminal: 2 for East Asian wide characters and most emoji, 0 for
/// combining marks, zero-width and control characters, 1 otherwise (also for each byte of invalid UTF-8).
int display_width(std::string_view text);

/// Breaks `runs` into lines of at most `width` columns at spaces and hard breaks. Spaces at the ends of lines
/// are dropped; a word wider than `width` (a long URL) is cut across lines, so no line is ever wider.
std::vector<Line> wrap(const std::vector<Run>& runs, int width);

/// `line` (UTF-8) with each tab replaced by the spaces that reach the next multiple of `stop` columns
/// (CommonMark's tab stop is 4): a terminal would jump to its own stops, which the frame's margin shifts.
std::string expand_tabs(std::string_view line, int stop);

/// One line of code (UTF-8) cut into pieces of at most `width` columns, each as long as it can be: after the
/// last space that leaves a piece at least half full, else at the width. Nothing is dropped or added: the
/// pieces joined are `line`. A line that fits is one piece.
std::vector<std::string> cut_code_line(std::string_view line, int width);

/// `text` (plain, one paragraph) wrapped to `width` columns, each line prefixed with `indent` (counted in
/// the width) and ended with '\n': for prose outside Markdown, such as a stage's goal.
std::string wrap_paragraph(std::string_view text, std::string_view indent, int width);

/// The width of `runs`' widest line when nothing but hard breaks ends a line: a table cell's natural width.
int natural_width(const std::vector<Run>& runs);

/// The width of `runs`' longest word: the narrowest a column can be without cutting words.
int longest_word(const std::vector<Run>& runs);

/// `line` with each run painted by `style` according to its look.
std::string paint(const Line& line, const Style& style);

/// The character an HTML entity stands for ("&amp;" → "&", "&#233;" → "é"); md4c passes entities on as
/// written. Unknown named entities stay as written.
std::string decode_entity(std::string_view entity);

/// `look` added to every run of `runs` (e.g. table headers in strong).
std::vector<Run> with_look(std::vector<Run> runs, unsigned look);

}  // namespace roadwork::term::markdown
