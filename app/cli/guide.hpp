#pragma once
// The guided flow: where the learner stands in every stage (lessons read, quiz score, exercises) and the
// one command to run next, in the order: the current stage's unread lessons, then its quiz, then its
// exercises (start, then check), then the next stage.

#include <optional>
#include <string>
#include <vector>

#include "app/cli/context.hpp"
#include "app/cli/exercise_status.hpp"
#include "app/course/quiz.hpp"
#include "app/progress/store.hpp"

namespace roadwork::cli {

/// The share of a quiz's questions, in percent, a learner must have right to pass it.
inline constexpr int kQuizPassPercent = 80;

/// A quiz's score, from the latest answer to each of its questions.
struct QuizScore {
  int right = 0;
  int answered = 0;
  int total = 0;

  bool passed() const { return total > 0 && right * 100 >= total * kQuizPassPercent; }
  /// E.g. "12 of 16 right (passed)" or "not taken yet (16 questions)".
  std::string describe() const;
};

/// The score of `quiz` (the quiz of `stage_id`) from the store's latest answers; answers to questions the
/// quiz no longer has are ignored.
QuizScore score_quiz(const course::Quiz& quiz, const std::string& stage_id,
                     const std::vector<progress::QuizAnswer>& latest_answers);

/// Where the learner stands in one stage.
struct StageProgress {
  const course::Stage* stage = nullptr;
  int lessons = 0;                           ///< lessons the stage lists
  std::vector<std::string> unread;           ///< ids of the lessons not read yet, in order
  std::optional<QuizScore> quiz;             ///< nullopt when the stage has no quiz
  int exercises_written = 0;                 ///< exercises with a folder (the others are coming soon)
  std::vector<std::string> exercises_to_do;  ///< written exercises not passed yet, in order
  bool started = false;                      ///< a lesson read, a question answered or an exercise checked

  bool complete() const { return unread.empty() && (!quiz || quiz->passed()) && exercises_to_do.empty(); }
  /// Nothing to do in it yet: no lessons, no quiz, no written exercise.
  bool empty() const { return lessons == 0 && !quiz && exercises_written == 0; }
  /// "done", "in progress", "not started" or "coming soon".
  const char* describe() const;
};

/// Every stage's progress and what to do next.
struct Guide {
  std::vector<StageProgress> stages;
  int steps_done = 0;        ///< lessons read, quizzes passed and exercises passed
  int steps_total = 0;       ///< lessons, quizzes and written exercises
  std::string next_command;  ///< the exact command, e.g. "roadwork lesson status-codes"

  /// The first stage that is not complete, or nullptr when every stage is.
  const StageProgress* current() const;
};

/// Works out the guide from the pack and the progress store (loading every stage's quiz to count its
/// questions; a malformed quiz is a Fatal naming its file:line:col).
Guide make_guide(const Session& session);

}  // namespace roadwork::cli
