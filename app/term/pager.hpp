#pragma once
// Long output through a pager, as git does: only when stdout is a terminal and the text is taller than it.
// POSIX implementation in pager_posix.cpp.

#include <string_view>

namespace roadwork::term {

/// Writes `text` to stdout. When stdout is a terminal and `text` has more lines than the terminal has rows,
/// pipes it to $PAGER (run through /bin/sh -c), else to `less -R`, with LESS=FRX when LESS is unset so
/// colours show and the text stays on screen after quitting. Piped output, a pager that cannot be started
/// and one that is not installed all get the text written directly. Ctrl-C is left to the pager meanwhile.
void show_paged(std::string_view text);

}  // namespace roadwork::term
