#pragma once
// Checks of one exercise folder beyond the fields the course loader reads (it reports those itself).

#include "app/course/pack.hpp"
#include "app/packs/problems.hpp"
#include "app/packs/toml_doc.hpp"

namespace roadwork::packs {

/// Checks that `exercise` (of `pack`, read from `doc`, its exercise.toml):
/// - names as its `stage` the stage that lists it in roadmap.toml;
/// - `requires` only exercises of the pack that are written (have a folder);
/// - gives each step its own name (a mutant's `fails` names one);
/// - has a README.md that is not empty, and, unless every step is a practice step (which needs no learner
///   server), a python solution (a folder, or a patch on the code of `builds_on`), whose code materialises in
///   every stack (each patch applies, each starter region is well formed, the starter differs from the
///   solution), no starter/<stack>/ without a solution; a stack roadwork cannot run is a warning;
/// - holds no symbolic link anywhere in its folder (node_modules aside), each an error at the link (its code
///   is then not materialised).
void check_exercise(const course::Pack& pack, const course::Exercise& exercise, const TomlDoc& doc,
                    Problems& problems);

}  // namespace roadwork::packs
