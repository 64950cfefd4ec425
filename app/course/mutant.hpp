#pragma once
// Mutants as edits of the reference solution (exercises/README.md: Mutants): reading
// `mutants/<name>.toml`, and applying its edits to the exercise's materialised solution.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/course/file_tree.hpp"
#include "app/course/step.hpp"
#include "app/course/toml_fields.hpp"

namespace roadwork::course {

struct Exercise;

/// Reads every `mutants/<name>.toml` of the exercise folder `dir`, sorted by name. Each `fails` must name
/// one of `steps` and each `rule` the id of one of `rules`; each [[edit]] needs stack, file (a relative path
/// inside solution/<stack>/), find and replace. A problem is a Fatal at its key; with the error list of
/// `exercise` (see TomlFields) it is recorded there and that mutant left out. A whole-copy mutant folder
/// (`mutants/<name>/`, the old format) is an error at the start of exercise.toml.
std::vector<Mutant> load_mutants(const TomlFields& exercise, const std::filesystem::path& dir,
                                 const std::vector<Step>& steps, const std::vector<Rule>& rules);

/// The files of `solution` (an exercise's reference solution for `stack`, as exercise_code() gives it) that
/// `mutant` edits, keyed by their path in it, as they read after its edits for `stack`, applied in the order
/// written. The problem is at the edit's `find` value (`mutants/x.toml:LINE:COL: error: find occurs 0 times
/// in server.py`) when `find` does not occur exactly once in the file as the edits before it left it, or
/// when the solution has no such file.
Expected<std::map<std::string, std::string>> edited_files(const FileTree& solution, const Mutant& mutant,
                                                          const std::string& stack);

/// `solution` with edited_files(solution, mutant, stack) in place: the mutant, ready to write out and run.
/// The problem edited_files() returns, if any.
[[nodiscard]] std::optional<Diagnostic> apply_mutant(const Mutant& mutant, const std::string& stack,
                                                     FileTree& solution);

}  // namespace roadwork::course
