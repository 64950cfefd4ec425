#pragma once
// The first half of `roadwork pack validate`: every file of a pack, checked without running anything.

#include <filesystem>

#include "app/core/expected.hpp"
#include "app/course/pack.hpp"
#include "app/packs/problems.hpp"

namespace roadwork::packs {

/// A pack read for validation, and what is wrong with its files.
struct FileValidation {
  course::Pack pack;  ///< what could be read; an exercise whose exercise.toml cannot be read is left out
  Problems problems;  ///< sorted by place
};

/// Reads the pack at `root` and checks all of its files, going on past every problem: roadmap.toml, each
/// exercise.toml and each mutant's .toml against their schema (course::load_pack), the roadmap's ids and
/// stages (roadmap_checks.hpp), lessons and quizzes (content_checks.hpp), each exercise's stage, requires,
/// steps and folders (exercise_checks.hpp, requires_cycles.hpp), its rules and mutants (rule_checks.hpp),
/// and its check files (check_file_checks.hpp). Returns a problem instead only when `root` is not a pack.
Expected<FileValidation, std::vector<Diagnostic>> validate_files(const std::filesystem::path& root);

}  // namespace roadwork::packs
