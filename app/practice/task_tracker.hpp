#pragma once
// Follows a practice exercise's tasks while requests arrive, so the server can say at once that a request
// finished a task, or what the attempt still lacks.

#include <set>
#include <string>
#include <vector>

#include "app/practice/exercise.hpp"

namespace roadwork::practice {

class TaskTracker {
 public:
  /// How one task stands after a request.
  struct Update {
    const Task* task;
    TaskResult result;
    bool newly_done;  ///< this request finished the task
  };

  /// Grades every task on the requests recorded before this session (`history`).
  TaskTracker(const PracticeExercise& exercise, Secrets secrets, const History& history);

  /// Whether `task` is done.
  bool done(const Task& task) const { return done_.count(task.id) > 0; }

  /// After `history.back()` arrived: the grade of each task that request concerns and that was not done
  /// before it, in task order. Tasks done earlier stay quiet.
  std::vector<Update> update(const History& history);

 private:
  const PracticeExercise& exercise_;
  Secrets secrets_;
  std::set<std::string> done_;
};

}  // namespace roadwork::practice
