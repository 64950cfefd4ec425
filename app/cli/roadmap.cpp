// roadwork roadmap: every stage of the pack with its lessons read, quiz score and exercises' status.

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/cli/exercise_status.hpp"
#include "app/cli/guide.hpp"
#include "app/term/markdown_text.hpp"
#include "app/term/terminal.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {

namespace {

int run_roadmap() {
  const auto session = open_reading_session();
  const auto statuses = exercise_statuses(session);
  const auto guide = make_guide(session);
  fmt::print("{} ({} {})\n\n", text::escape_controls(session.pack.title), session.pack.id,
             text::escape_controls(session.pack.version));
  int number = 0;
  for (const auto& stage : guide.stages) {
    fmt::print("{:>2}. {} [{}]\n", ++number, text::escape_controls(stage.stage->title), stage.describe());
    if (!stage.stage->goal.empty())
      fmt::print("{}", term::markdown::wrap_paragraph(text::escape_controls(stage.stage->goal), "    ",
                                                      term::terminal_width(STDOUT_FILENO)));
    if (stage.lessons > 0)
      fmt::print("      {:<24} {} of {} read\n", "lessons",
                 stage.lessons - static_cast<int>(stage.unread.size()), stage.lessons);
    if (stage.quiz) fmt::print("      {:<24} {}\n", "quiz", stage.quiz->describe());
    for (const auto& id : stage.stage->exercises)
      fmt::print("      {:<24} {}\n", id, describe(statuses.at(id)));
  }
  if (session.in_workspace)
    fmt::print("\nNext: {}\n", guide.next_command);
  else
    fmt::print("\n{}\n", not_recorded_note());
  return 0;
}

}  // namespace

void setup_roadmap(CLI::App& app, int& exit_code) {
  auto* command =
      app.add_subcommand("roadmap", "Show every stage: lessons read, quiz score, exercises' status");
  command->callback([&exit_code] { exit_code = run_roadmap(); });
}

}  // namespace roadwork::cli
