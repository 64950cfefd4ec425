#pragma once
// Checks of an exercise's check files and of what a check run prepares before it starts a server.

#include "app/course/pack.hpp"
#include "app/packs/problems.hpp"

namespace roadwork::packs {

/// Parses every .hurl file in the exercise's folder (node_modules aside), whether a step names it or not,
/// and reports each parse error as the parser formats it: `file:line:col: error: …`, the source line and a
/// caret; so is a request whose URL does not start with `{{host}}` (the server under test).
void check_hurl_files(const course::Exercise& exercise, Problems& problems);

/// Plans each exercise's check run as `roadwork check` does before it starts a server (checking::plan_steps,
/// checking::undefined_variables), which also compiles the regular expressions of logs and sql steps and
/// finds `{{variables}}` used before anything sets them, and reports what it refuses. The plan
/// stops at its first problem and takes in the earlier exercises of the project, so run this only on a pack
/// whose files are otherwise free of errors; a problem found for several exercises is reported once.
void check_run_plans(const course::Pack& pack, Problems& problems);

}  // namespace roadwork::packs
