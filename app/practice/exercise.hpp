#pragma once
// What a practice exercise is made of: tasks, each graded from the recorded requests, and the way its
// server answers. Everything here is a plain function of the requests, so it is tested on hand-written logs.

#include <string>
#include <string_view>
#include <vector>

#include "app/practice/practice.hpp"
#include "app/practice/recorded_request.hpp"
#include "app/practice/secrets.hpp"

namespace roadwork::practice {

/// The requests recorded so far, oldest first.
using History = std::vector<RecordedRequest>;

/// What a practice server sends back.
struct Reply {
  int status = 200;
  std::vector<NameValue> headers;  ///< Content-Type included whenever there is a body
  std::string body;
};

/// One task: something to send with curl, and how to tell that it was sent.
struct Task {
  std::string id;       ///< kebab-case, named by `practice = "<id>"` steps in exercise.toml
  std::string summary;  ///< one line for the server's banner: what to send
  /// Whether `request` is an attempt at this task, so the server can say how it went as it arrives.
  bool (*concerns)(const RecordedRequest& request);
  /// Done, or the one thing still wrong, judged from everything recorded.
  TaskResult (*grade)(const History& history, const Secrets& secrets);
};

struct PracticeExercise {
  std::string id;
  std::vector<Task> tasks;
  /// Answers `request`, the latest; `history` holds the requests before it.
  Reply (*answer)(const RecordedRequest& request, const History& history, const Secrets& secrets);

  /// The task called `id`, or nullptr.
  const Task* find_task(std::string_view id) const;
  /// "query-string, json-post, …": every task's id, for messages.
  std::string task_ids() const;
};

/// The practice exercise called `id`, or nullptr.
const PracticeExercise* find_practice_exercise(std::string_view id);

/// "http-explorer, …": every practice exercise's id, for messages.
std::string practice_exercise_ids();

}  // namespace roadwork::practice
