#pragma once
// Checks of what each stage of lessons/roadmap.toml gives the learner to read and answer.

#include <filesystem>

#include "app/packs/problems.hpp"
#include "app/packs/toml_doc.hpp"

namespace roadwork::packs {

/// Checks every stage's lessons (the file exists, is valid UTF-8 and renders to some text: what `roadwork
/// lesson` shows) and quiz (the file exists and course::load_quiz, what `roadwork quiz` asks, accepts it).
/// `root` is the pack's folder; lesson and quiz paths are relative to its lessons/ folder.
void check_stage_content(const std::filesystem::path& root, const TomlDoc& roadmap, Problems& problems);

}  // namespace roadwork::packs
