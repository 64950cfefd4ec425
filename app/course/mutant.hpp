#pragma once
// Mutants as edits of the reference solution (exercises/README.md: Mutants): reading
// `mutants/<name>.toml`, and turning one into a runnable folder by applying its edits to a copy of
// solution/<stack>/.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

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

/// The files of solution/<stack>/ that `mutant` edits, keyed by their path relative to that folder, as
/// they read after its edits for `stack`, applied in the order written. A Fatal at the edit's `find` value
/// (`mutants/x.toml:LINE:COL: error: find occurs 0 times in server.py`) when `find` does not occur exactly
/// once in the file as the edits before it left it, or at its `file` when the file cannot be read.
std::map<std::string, std::string> edited_files(const Exercise& exercise, const Mutant& mutant,
                                                const std::string& stack);

/// Writes edited_files(exercise, mutant, stack) into `code`, a copy of solution/<stack>/: the mutant, ready
/// to run. A Fatal as edited_files(), or when a file cannot be written.
void apply_mutant(const Exercise& exercise, const Mutant& mutant, const std::string& stack,
                  const std::filesystem::path& code);

}  // namespace roadwork::course
