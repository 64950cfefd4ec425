#pragma once
// The packs a workspace learns from: the built-in pack, found without flags, and the packs added to the
// workspace with `roadwork pack add`, whose folders roadwork.toml lists (`packs = ["/abs/path", …]`).
// Exercise ids may repeat across packs, so an exercise is named `EXERCISE` or `PACK/EXERCISE`.

#include <optional>
#include <string>
#include <vector>

#include "app/core/expected.hpp"
#include "app/course/pack.hpp"
#include "app/workspace/workspace.hpp"

namespace roadwork::packs {

/// Loads the packs added to `workspace`, in the order added, with the mutants that checks run
/// (MutantLoading::ForCommandSteps); or the first problem: a pack's own, or, naming roadwork.toml, a listed
/// folder that is no pack any more, with the command that unregisters it.
Expected<std::vector<course::Pack>, std::vector<Diagnostic>> load_added_packs(
    const workspace::Workspace& workspace);

/// Registers `pack` (loaded from its folder, and valid) in `workspace` and saves roadwork.toml; or, changing
/// nothing, the problem when `installed` (the built-in and added packs) already has it or a pack with its id.
[[nodiscard]] std::optional<Diagnostic> add_pack(workspace::Workspace& workspace,
                                                 const std::vector<const course::Pack*>& installed,
                                                 const course::Pack& pack);

/// Unregisters the added pack `id_or_path` (its id, or its folder as roadwork.toml lists it, for a pack that
/// is gone) and saves roadwork.toml; returns the folder. Only each pack's id is read, so a pack broken since
/// it was added can be removed too. Progress stays in the store, so adding the pack again brings it back.
/// The problem, changing nothing, for the built-in pack (`builtin_id`) and for a pack that was not added.
Expected<std::string> remove_pack(workspace::Workspace& workspace, const std::string& builtin_id,
                                  const std::string& id_or_path);

/// An exercise and the pack it belongs to.
struct ExerciseMatch {
  const course::Pack* pack = nullptr;
  const course::Exercise* exercise = nullptr;
};

/// The written exercises `name` names among `packs`: `PACK/EXERCISE` names at most one, `EXERCISE` one per
/// pack that has it.
std::vector<ExerciseMatch> find_exercises(const std::vector<const course::Pack*>& packs,
                                          const std::string& name);

/// The one exercise `name` names; or the problem when it is ambiguous (listing `PACK/EXERCISE` for each
/// match), on the roadmap but not written yet (coming soon), or unknown (listing the exercises available).
Expected<ExerciseMatch> resolve_exercise(const std::vector<const course::Pack*>& packs,
                                         const std::string& name);

}  // namespace roadwork::packs
