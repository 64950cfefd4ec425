#pragma once
// Tables for the Markdown renderer: columns sized to their content and aligned as the Markdown says, cells
// wrapped when the table would be wider than the terminal.

#include <string>
#include <vector>

#include "app/term/markdown_text.hpp"
#include "app/term/style.hpp"

namespace roadwork::term::markdown {

enum class Align { Left, Center, Right };

/// A table as parsed: the first `header_rows` rows are the header.
struct Table {
  std::vector<Align> aligns;                        ///< one per column
  std::vector<std::vector<std::vector<Run>>> rows;  ///< rows of cells of inline runs
  int header_rows = 0;
};

/// The table's lines, none wider than `width` columns: cells separated by " │ ", the header in strong text
/// and underlined by a ─┼─ rule. Columns get their natural width when it fits; otherwise the spare width
/// goes to the columns in proportion to how much they would need, and their cells wrap between words. When
/// even the longest words of the columns do not fit side by side, each body row is shown as a record, one
/// "header: value" per cell.
std::vector<std::string> render_table(const Table& table, const Style& style, int width);

}  // namespace roadwork::term::markdown
