#pragma once
// Markdown (CommonMark with tables, parsed by md4c) rendered for a terminal: lessons and exercise READMEs.
//
// - Headings: level 1 underlined with ═, level 2 numbered ("2. Status codes") and underlined with ─,
//   deeper levels numbered ("2.1 Success"); all in bold. The levels stay visible without colour. A heading
//   that starts with its own number ("1. DNS…") keeps it and gets none added.
// - No line is wider than the width. Paragraphs, list items, quotes and table cells are wrapped to it.
//   Code blocks keep their text verbatim (never reflowed) inside a ┏━ frame that names their language; a
//   line wider than the frame is cut and continues on lines marked ┆ instead of ┃.
// - Lists: bullets •, ◦, ▪ by depth; ordered lists keep their numbers. Quotes: a │ bar.
// - Inline: strong in bold, emphasis in italic, code in the code colour, links as `text (URL)`.
// - Tables: columns aligned as the Markdown says, measured in terminal columns (UTF-8 aware), cells wrapped
//   between words; a table whose words cannot stand side by side becomes one "header: value" record per row.
// Colour comes only from `style`, so with colour off the output holds no escape codes at all.

#include <string>
#include <string_view>

#include "app/term/style.hpp"

namespace roadwork::term {

/// Renders `markdown` for a terminal `width` columns wide (callers pass e.g. min(terminal width, 100)).
/// The result ends with a newline unless it is empty.
std::string render_markdown(std::string_view markdown, const Style& style, int width);

}  // namespace roadwork::term
