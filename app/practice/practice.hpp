#pragma once
// Stage 1's practice servers: roadwork's own HTTP server that records what a learner sends with curl, and
// the grading of those recordings task by task.

#include <filesystem>
#include <string>

#include "app/core/expected.hpp"

namespace roadwork::practice {

/// How the learner did on one task of a practice exercise.
struct TaskResult {
  bool done = false;
  /// Done: what was seen (e.g. "GET /search?q=shoes arrived"). Not done: what is missing and why, e.g.
  /// "your POST arrived without Content-Type: application/json".
  std::string message;
};

/// Grades task `task_id` of practice exercise `exercise_id` from the requests recorded in `log_path`
/// (one JSON object per line, written by the practice server). A missing log means nothing was sent yet.
/// The problem instead for an unknown exercise or task id.
Expected<TaskResult> grade_task(const std::filesystem::path& log_path, const std::string& exercise_id,
                                const std::string& task_id);

/// Where the practice server of `exercise_id` records requests inside a workspace's `.roadwork/` folder.
std::filesystem::path log_path(const std::filesystem::path& state_dir, const std::string& exercise_id);

}  // namespace roadwork::practice
