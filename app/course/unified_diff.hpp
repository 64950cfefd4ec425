#pragma once
// Applying a unified diff to a project's files: how an exercise's solution is written as the change it
// makes to the solution of the exercise it builds on (exercises/README.md: Exercise code).

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/core/expected.hpp"
#include "app/course/file_tree.hpp"

namespace roadwork::course {

/// Applies `patch`, a unified diff as `diff -ruN a b` or `git diff` writes it (POSIX diff: unified format),
/// to `tree`, strictly: each hunk's old lines must be in the file exactly, at the line its `@@` header names
/// (shifted by what earlier hunks of that file added or removed) — no fuzz, no search. A file's path is the
/// `+++` path (the `---` one for a deletion) without its first folder, as `patch -p1` reads it. `---
/// /dev/null`, or a first hunk `-0,0` for a file the tree lacks, creates the file; `+++ /dev/null`, or a last
/// hunk
/// `+0,0` that leaves it empty, deletes it. Lines outside file sections (`diff …`, `index …`) are ignored.
/// A hunk that does not apply, or a malformed one, is the returned problem at its line of `patch_file`
/// (`PATCH:LINE:1: error: this hunk does not apply to server.py: …`); `tree` may then be partly changed.
[[nodiscard]] std::optional<Diagnostic> apply_unified_diff(const std::string& patch,
                                                           const std::string& patch_file, FileTree& tree);

/// `patch` (as apply_unified_diff reads it) written again without the added lines for which `drop(path,
/// line)` is true (called for each added line in order, `line` without its "+" and newline), each hunk's
/// counts and new start recomputed; a hunk left without a change, and a file left without a hunk, are left
/// out. Headers become `--- a/PATH` and `+++ b/PATH` (or /dev/null). A malformed patch is the problem
/// apply_unified_diff would return.
Expected<std::string> drop_added_lines(
    const std::string& patch, const std::string& patch_file,
    const std::function<bool(const std::string& path, std::string_view line)>& drop);

}  // namespace roadwork::course
