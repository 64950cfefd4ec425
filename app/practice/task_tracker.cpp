#include "app/practice/task_tracker.hpp"

namespace roadwork::practice {

TaskTracker::TaskTracker(const PracticeExercise& exercise, Secrets secrets, const History& history)
    : exercise_(exercise), secrets_(std::move(secrets)) {
  for (const auto& task : exercise_.tasks)
    if (task.grade(history, secrets_).done) done_.insert(task.id);
}

std::vector<TaskTracker::Update> TaskTracker::update(const History& history) {
  std::vector<Update> updates;
  if (history.empty()) return updates;
  for (const auto& task : exercise_.tasks) {
    if (done(task) || !task.concerns(history.back())) continue;
    auto result = task.grade(history, secrets_);
    const bool finished = result.done;
    if (finished) done_.insert(task.id);
    updates.push_back({&task, std::move(result), finished});
  }
  return updates;
}

}  // namespace roadwork::practice
