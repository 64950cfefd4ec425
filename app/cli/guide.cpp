#include "app/cli/guide.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "app/cli/stage_content.hpp"
#include "app/practice/practice.hpp"

namespace roadwork::cli {

namespace {

// Whether every task of practice exercise `exercise` is done in the requests its practice server recorded.
bool practice_tasks_done(const Session& session, const course::Exercise& exercise) {
  const auto log = practice::log_path(session.workspace.state_dir(), exercise.id);
  return std::all_of(exercise.steps.begin(), exercise.steps.end(), [&](const course::Step& step) {
    const auto* task = std::get_if<course::PracticeStep>(&step.spec);
    if (!task) return false;
    const auto result = practice::grade_task(log, exercise.id, task->task);
    return result && result->done;
  });
}

// The command that moves `exercise` (not passed) on: a practice exercise (stage 1) is practised until every
// task is done, then checked; any other is started, then checked once `started` (or tried).
std::string exercise_command(const Session& session, const course::Exercise& exercise, bool started) {
  if (!exercise.needs_server())
    return (practice_tasks_done(session, exercise) ? "roadwork check " : "roadwork practice ") + exercise.id;
  return (started ? "roadwork check " : "roadwork start ") + exercise.id;
}

// The next step inside the current stage: its first unread lesson, then its quiz, then the first exercise
// not passed.
std::string next_in_stage(const Session& session, const StageProgress& stage,
                          const std::map<std::string, Status>& statuses) {
  if (!stage.unread.empty()) return "roadwork lesson " + short_lesson_id(session.pack, stage.unread.front());
  if (stage.quiz && !stage.quiz->passed()) return "roadwork quiz " + stage.stage->id;
  const auto& next = stage.exercises_to_do.front();
  return exercise_command(session, *session.pack.find_exercise(next), statuses.at(next) == Status::Attempted);
}

}  // namespace

QuizScore score_quiz(const course::Quiz& quiz, const std::string& stage_id,
                     const std::vector<progress::QuizAnswer>& latest_answers) {
  QuizScore score;
  score.total = static_cast<int>(quiz.questions.size());
  for (const auto& answer : latest_answers) {
    if (answer.stage_id != stage_id || !quiz.find(answer.question)) continue;
    ++score.answered;
    score.right += answer.correct;
  }
  return score;
}

std::string QuizScore::describe() const {
  if (answered == 0) return fmt::format("not taken yet ({} questions)", total);
  return fmt::format("{} of {} right{}", right, total,
                     passed() ? " (passed)" : fmt::format(" ({}% needed to pass)", kQuizPassPercent));
}

const char* StageProgress::describe() const {
  if (empty()) return "coming soon";
  if (complete()) return "done";
  return started ? "in progress" : "not started";
}

const StageProgress* Guide::current() const {
  const auto it =
      std::find_if(stages.begin(), stages.end(), [](const auto& stage) { return !stage.complete(); });
  return it == stages.end() ? nullptr : &*it;
}

Guide make_guide(const Session& session) {
  const auto& pack = session.pack;
  const auto statuses = exercise_statuses(session);
  const auto read = session.store->lessons_read(pack.id);
  const auto answers = session.store->latest_quiz_answers(pack.id);
  Guide guide;
  for (const auto& stage : pack.stages) {
    StageProgress& progress = guide.stages.emplace_back();
    progress.stage = &stage;
    progress.lessons = static_cast<int>(stage.lessons.size());
    for (const auto& path : stage.lessons)
      if (!read.count(lesson_id(path))) progress.unread.push_back(lesson_id(path));
    if (stage.quiz) progress.quiz = score_quiz(load_stage_quiz(pack, stage), stage.id, answers);
    for (const auto& id : stage.exercises) {
      const auto status = statuses.at(id);
      if (status == Status::ComingSoon) continue;
      ++progress.exercises_written;
      if (status != Status::Passed) progress.exercises_to_do.push_back(id);
      progress.started = progress.started || status != Status::NotStarted;
    }
    progress.started = progress.started || progress.unread.size() < stage.lessons.size() ||
                       (progress.quiz && progress.quiz->answered > 0);
    guide.steps_total += progress.lessons + (progress.quiz ? 1 : 0) + progress.exercises_written;
    guide.steps_done += progress.lessons - static_cast<int>(progress.unread.size()) +
                        (progress.quiz && progress.quiz->passed() ? 1 : 0) + progress.exercises_written -
                        static_cast<int>(progress.exercises_to_do.size());
  }
  // An exercise the learner started and has not passed comes first, even ahead of its stage: they are
  // in the middle of it.
  const auto* in_hand = session.current_exercise();
  const auto in_hand_status = in_hand ? statuses.find(in_hand->id) : statuses.end();  // end: another pack's
  const auto* current = guide.current();
  if (in_hand_status != statuses.end() && &session.pack_of(*in_hand) == &pack &&
      in_hand_status->second != Status::Passed)
    guide.next_command = exercise_command(session, *in_hand, true);
  else
    guide.next_command = current ? next_in_stage(session, *current, statuses) : "roadwork progress";
  return guide;
}

}  // namespace roadwork::cli
