#include "app/cli/context.hpp"

#include "app/core/fatal.hpp"

namespace roadwork::cli {

Session open_session() {
  Session session{workspace::load_current(), course::load_pack(course::builtin_pack_dir()), nullptr};
  session.store = std::make_unique<progress::Store>(session.workspace.progress_db());
  return session;
}

std::set<std::string> Session::passed_exercises() const {
  std::set<std::string> passed;
  for (const auto& summary : store->summaries(pack.id))
    if (summary.passed) passed.insert(summary.exercise_id);
  return passed;
}

const course::Exercise* Session::current_exercise() const {
  const auto id = store->get_state(kCurrentExerciseKey);
  return id ? pack.find_exercise(*id) : nullptr;
}

const course::Exercise& Session::exercise(const std::string& id) const {
  if (const auto* found = pack.find_exercise(id)) return *found;
  for (const auto& stage : pack.stages)
    for (const auto& listed : stage.exercises)
      if (listed == id) throw Fatal("exercise \"" + id + "\" is on the roadmap but not written yet (coming soon)");
  std::string known;
  for (const auto& exercise : pack.exercises) known += (known.empty() ? "" : ", ") + exercise.id;
  throw Fatal("no exercise \"" + id + "\" in pack " + pack.id + "; available: " + known);
}

}  // namespace roadwork::cli
