#pragma once
// The bridge from terminal styles to the checker's text report, which cannot include app/.

#include "app/term/style.hpp"
#include "checker/report/text_style.hpp"

namespace roadwork::term {

/// A report::TextStyle that paints with `style` (plain when its colour is off) and lays step lines out in
/// `width` columns; callers pass e.g. std::min(terminal_width(STDOUT_FILENO), 100).
report::TextStyle text_style(const Style& style, int width);

}  // namespace roadwork::term
