// roadwork (no subcommand): the current stage, what is done in it, a progress bar and the exact next command.

#include <fmt/core.h>
#include <unistd.h>

#include "app/cli/commands.hpp"
#include "app/cli/guide.hpp"
#include "app/term/markdown_text.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"
#include "app/workspace/workspace.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {

namespace {

constexpr int kBarWidth = 30;

std::string bar(int done, int total, int width) {
  const int filled = total == 0 ? 0 : done * width / total;
  std::string text = "[";
  for (int i = 0; i < width; ++i) text += i < filled ? "#" : "-";
  return text + "]";
}

void print_stage(const Guide& guide, const StageProgress& stage) {
  const auto number = &stage - guide.stages.data() + 1;
  fmt::print("Stage {} of {}: {}\n", number, guide.stages.size(), text::escape_controls(stage.stage->title));
  if (!stage.stage->goal.empty())
    fmt::print("{}", term::markdown::wrap_paragraph(text::escape_controls(stage.stage->goal), "  ",
                                                    term::terminal_width(STDOUT_FILENO)));
  if (stage.lessons > 0)
    fmt::print("  lessons    {} of {} read\n", stage.lessons - static_cast<int>(stage.unread.size()),
               stage.lessons);
  if (stage.quiz) fmt::print("  quiz       {}\n", stage.quiz->describe());
  if (stage.exercises_written > 0)
    fmt::print("  exercises  {} of {} passed\n",
               stage.exercises_written - static_cast<int>(stage.exercises_to_do.size()),
               stage.exercises_written);
}

}  // namespace

int run_status() {
  if (!workspace::find_root(std::filesystem::current_path())) {
    fmt::print(
        "Welcome to roadwork: learn backend development by building servers that get graded.\n\n"
        "Next: roadwork init my-backend --stack python   (or --stack node)\n");
    return 0;
  }
  const auto session = open_session();
  const auto guide = make_guide(session);
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  fmt::print("{}\n", style.bold(text::escape_controls(session.pack.title)));
  if (const auto* current = guide.current())
    print_stage(guide, *current);
  else
    fmt::print("You have done everything the roadmap holds so far.\n");
  fmt::print("Progress: {} {} of {} steps (lessons, quizzes and exercises)\n\n",
             bar(guide.steps_done, guide.steps_total, kBarWidth), guide.steps_done, guide.steps_total);
  fmt::print("Next: {}\n", style.code(guide.next_command));
  return 0;
}

}  // namespace roadwork::cli
