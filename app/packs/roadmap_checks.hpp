#pragma once
// Checks of lessons/roadmap.toml beyond the fields the course loader reads (it reports those itself).

#include <filesystem>

#include "app/packs/problems.hpp"
#include "app/packs/toml_doc.hpp"

namespace roadwork::packs {

/// Checks that the pack id is kebab-case and its version semantic; that stage and exercise ids are
/// kebab-case, each stage id is used once and each stage lists exercises; that each listed exercise has a
/// folder (a warning when not: learners see it as coming soon); and that each exercise folder is listed by a
/// stage (a warning when not: no learner can reach it). `root` is the pack's folder.
void check_roadmap(const std::filesystem::path& root, const TomlDoc& roadmap, Problems& problems);

}  // namespace roadwork::packs
