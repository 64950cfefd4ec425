#pragma once
// What most subcommands need: the built-in pack, the workspace around the current folder, its progress
// store, and what the learner has passed. The packs added to the workspace come along, so that a command
// taking an exercise finds it, and its pack, in any of them.

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/course/pack.hpp"
#include "app/progress/store.hpp"
#include "app/workspace/workspace.hpp"

namespace roadwork::cli {

/// The workspace, the pack it learns from and the progress store, opened together.
struct Session {
  workspace::Workspace workspace;
  course::Pack pack;  ///< the built-in pack: what roadmap, status and progress show
  std::unique_ptr<progress::Store> store;
  std::vector<course::Pack> added;  ///< the packs added with `roadwork pack add`, in the order added
  /// False outside a workspace (open_reading_session): the store is an empty one in memory, so the course
  /// can be read but nothing is kept.
  bool in_workspace = true;

  /// Ids of the exercises of `of` with at least one passing attempt.
  std::set<std::string> passed_exercises(const course::Pack& of) const;
  /// The exercise last started with `roadwork start`, or nullptr.
  const course::Exercise* current_exercise() const;
  /// The exercise named `id`, or `PACK/ID` (ids may repeat across packs); a Fatal (exit 2) when it is
  /// ambiguous, listing the known ones, or saying it is coming soon.
  const course::Exercise& exercise(const std::string& id) const;
  /// The pack `exercise` (one of this session's) belongs to.
  const course::Pack& pack_of(const course::Exercise& exercise) const;
  /// How `start` records `exercise` as the current one: its id, as `PACK/ID` for an added pack's exercise.
  std::string exercise_name(const course::Exercise& exercise) const;
  /// The built-in pack, then the added ones.
  std::vector<const course::Pack*> packs() const;
};

/// Opens the session around the current folder (Fatal when there is no workspace).
Session open_session();

/// open_session() for a command about one exercise (check, watch): `exercise` as the command was given it,
/// "" for the current one. The built-in pack is read only up to that exercise (course::load_pack's `last`),
/// so its exercises after it are missing from the session.
Session open_exercise_session(const std::string& exercise);

/// The built-in pack, loaded with `mutants` up to `last` (course::load_pack); a Fatal when it cannot be
/// found or read.
course::Pack load_builtin_pack(course::MutantLoading mutants = course::MutantLoading::All,
                               std::string_view last = {});

/// For commands that only read the course (roadmap, lesson, quiz, demo): open_session() in a workspace;
/// elsewhere the built-in pack with an empty progress store in memory, `in_workspace` false.
Session open_reading_session();

/// The line a reading command prints outside a workspace: nothing was recorded, and how to start one.
std::string not_recorded_note();

/// A lesson or stage named on the command line, split into its pack and its name in that pack:
/// "web-101/intro" is the lesson "intro" of the added pack web-101; a name without the id of one of the
/// session's packs before its first '/' is the built-in pack's.
struct InPack {
  const course::Pack* pack;
  std::string name;
};
InPack split_pack_prefix(const Session& session, const std::string& name);

/// The state key under which `start` records the current exercise.
inline constexpr const char* kCurrentExerciseKey = "current_exercise";

}  // namespace roadwork::cli
