#include "app/practice/practice.hpp"

#include "app/practice/exercise.hpp"
#include "app/practice/http_explorer.hpp"
#include "app/practice/request_log.hpp"

namespace roadwork::practice {

namespace {

const std::vector<PracticeExercise>& catalog() {
  static const std::vector<PracticeExercise> exercises{
      {"http-explorer", http_explorer::tasks(), http_explorer::answer},
  };
  return exercises;
}

}  // namespace

const Task* PracticeExercise::find_task(std::string_view id) const {
  for (const auto& task : tasks)
    if (task.id == id) return &task;
  return nullptr;
}

std::string PracticeExercise::task_ids() const {
  std::string ids;
  for (const auto& task : tasks) ids += (ids.empty() ? "" : ", ") + task.id;
  return ids;
}

const PracticeExercise* find_practice_exercise(std::string_view id) {
  for (const auto& exercise : catalog())
    if (exercise.id == id) return &exercise;
  return nullptr;
}

std::string practice_exercise_ids() {
  std::string ids;
  for (const auto& exercise : catalog()) ids += (ids.empty() ? "" : ", ") + exercise.id;
  return ids;
}

Expected<TaskResult> grade_task(const std::filesystem::path& log_path, const std::string& exercise_id,
                                const std::string& task_id) {
  const auto* exercise = find_practice_exercise(exercise_id);
  if (!exercise)
    return unplaced("no practice server for \"" + exercise_id +
                    "\"; practice exercises: " + practice_exercise_ids());
  const auto* task = exercise->find_task(task_id);
  if (!task)
    return unplaced("practice exercise " + exercise_id + " has no task \"" + task_id +
                    "\"; its tasks: " + exercise->task_ids());
  return task->grade(read_log(log_path), read_secrets(log_path));
}

std::filesystem::path log_path(const std::filesystem::path& state_dir, const std::string& exercise_id) {
  return state_dir / "practice" / exercise_id / "requests.jsonl";
}

}  // namespace roadwork::practice
