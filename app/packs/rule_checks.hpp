#pragma once
// Checks of an exercise's rules and mutants beyond what the course loader reads (exercises/README.md:
// Rules, Mutants): that every rule has a mutant proving a step checks it, and that every mutant's edits
// apply to the reference solution.

#include "app/course/pack.hpp"
#include "app/packs/problems.hpp"

namespace roadwork::packs {

/// Checks that `exercise`:
/// - has [[rules]] when it has a learner server (a warning for now: the built-in pack is being given its
///   rules);
/// - has, for each rule and each stack with a solution folder, a mutant with edits for that stack that
///   breaks the rule (an error for python, which every exercise has; a warning for other stacks until the
///   built-in pack's mutants have edits for them);
/// - gives each mutant edits only for stacks that have a solution folder, each `find` occurring exactly
///   once in its file as the edits before it left it (course::edited_files).
void check_rules(const course::Exercise& exercise, Problems& problems);

}  // namespace roadwork::packs
