// roadwork (no subcommand): the current stage, what is done, a progress bar and the exact next command.

#include <fmt/core.h>

#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/cli/exercise_status.hpp"
#include "app/workspace/workspace.hpp"

namespace roadwork::cli {

namespace {

std::string bar(int done, int total, int width) {
  const int filled = total == 0 ? 0 : done * width / total;
  std::string text = "[";
  for (int i = 0; i < width; ++i) text += i < filled ? "#" : "-";
  return text + "]";
}

// The next command: finish the exercise in hand, else start the first written one not yet passed.
std::string next_command(const Session& session, const std::map<std::string, Status>& statuses) {
  if (const auto* current = session.current_exercise(); current && statuses.at(current->id) != Status::Passed)
    return "roadwork check " + current->id;
  for (const auto& exercise : session.pack.exercises)
    if (statuses.at(exercise.id) != Status::Passed) return "roadwork start " + exercise.id;
  return "roadwork roadmap";
}

}  // namespace

int run_status() {
  if (!workspace::find_root(std::filesystem::current_path())) {
    fmt::print("Welcome to roadwork: learn backend development by building servers that get graded.\n\n"
               "Next: roadwork init my-backend --stack python   (or --stack node)\n");
    return 0;
  }
  const auto session = open_session();
  const auto statuses = exercise_statuses(session);
  int done = 0, written = 0;
  for (const auto& exercise : session.pack.exercises) {
    ++written;
    done += statuses.at(exercise.id) == Status::Passed;
  }
  const course::Stage* current_stage = nullptr;
  for (const auto& stage : session.pack.stages) {
    const auto status = stage_status(stage, statuses);
    if (status != Status::Passed && status != Status::ComingSoon) {
      current_stage = &stage;
      break;
    }
  }
  fmt::print("{}\n", session.pack.title);
  if (current_stage) fmt::print("Stage: {} — {}\n", current_stage->title, current_stage->goal);
  fmt::print("Progress: {} {} of {} exercises passed\n\n", bar(done, written, 30), done, written);
  fmt::print("Next: {}\n", next_command(session, statuses));
  return 0;
}

}  // namespace roadwork::cli
