#pragma once
// An exercise's code in one stack, materialised from the pack (exercises/README.md: Exercise code): the
// solution folder of the project's first exercise, then each later exercise's change as a patch, and the
// starter derived from the solution's marked regions.

#include <optional>
#include <string>
#include <vector>

#include "app/course/file_tree.hpp"
#include "app/course/starter_regions.hpp"

namespace roadwork::course {

struct Exercise;

/// Whether `exercise` has code for `stack`: solution/<stack>/ in its folder, or solution/<stack>.patch on top
/// of code for `stack` of the exercise it builds on (`builds_on`, and so on back).
bool has_code(const Exercise& exercise, const std::string& stack);

/// The stacks `exercise` has code for, sorted: each name of a solution/<name>/ folder or
/// solution/<name>.patch file in its folder for which has_code() holds (also stacks roadwork cannot run).
std::vector<std::string> code_stacks(const Exercise& exercise);

/// `exercise`'s code for `stack` as `variant`: the marked source is solution/<stack>/ of the newest exercise
/// of its lineage that has that folder, with the solution/<stack>.patch of each later one applied in turn,
/// each to the solution (not the marked source) the one before gives. A Starter is starter/<stack>/ when the
/// exercise has that folder (a pack may keep a whole starter), else derived from the regions. The problem
/// when !has_code(exercise, stack), a patch does not apply, a region is malformed (each at its line), or a
/// file cannot be read.
Expected<FileTree> exercise_code(const Exercise& exercise, const std::string& stack, CodeVariant variant);

/// Whether `exercise`'s code for `stack` is its solution/<stack>.patch applied to the solution of
/// `builds_on`, which solution_change() shows. Only looks at the folders, so it is cheap.
bool solution_is_a_change(const Exercise& exercise, const std::string& stack);

/// What `exercise`'s reference solution changes in the solution of `builds_on`, in `stack`, as a unified
/// diff: its solution/<stack>.patch without the markers and starter text of its regions (teaching material:
/// `roadwork demo EXERCISE --diff`). nullopt when its code for `stack` does not come from a patch. The
/// problem of a patch that cannot be read or is malformed.
Expected<std::optional<std::string>> solution_change(const Exercise& exercise, const std::string& stack);

}  // namespace roadwork::course
