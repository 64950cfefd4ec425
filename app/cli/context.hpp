#pragma once
// What most subcommands need: the built-in pack, the workspace around the current folder, its progress
// store, and what the learner has passed.

#include <memory>
#include <set>
#include <string>

#include "app/course/pack.hpp"
#include "app/progress/store.hpp"
#include "app/workspace/workspace.hpp"

namespace roadwork::cli {

/// The workspace, the pack it learns from and the progress store, opened together.
struct Session {
  workspace::Workspace workspace;
  course::Pack pack;
  std::unique_ptr<progress::Store> store;

  /// Ids of the exercises with at least one passing attempt.
  std::set<std::string> passed_exercises() const;
  /// The exercise last started with `roadwork start`, or nullptr.
  const course::Exercise* current_exercise() const;
  /// The exercise named `id`; a Fatal (exit 2) listing the known ones, or saying it is coming soon.
  const course::Exercise& exercise(const std::string& id) const;
};

/// Opens the session around the current folder (Fatal when there is no workspace).
Session open_session();

/// The state key under which `start` records the current exercise.
inline constexpr const char* kCurrentExerciseKey = "current_exercise";

}  // namespace roadwork::cli
