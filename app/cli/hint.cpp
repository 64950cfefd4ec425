// roadwork hint [EXERCISE]: shows the exercise's next hint, one at a time, from a nudge to nearly the answer,
// and records how many the learner has seen (`roadwork check` continues from the same count).

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

#include "app/cli/check.hpp"
#include "app/cli/commands.hpp"
#include "app/term/markdown.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"

namespace roadwork::cli {

namespace {

constexpr int kMaxWidth = 100;

int run_hint(const std::string& id) {
  const auto session = open_session();
  const auto& exercise = choose_exercise(session, id, "hint");
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  const auto width = std::min(term::terminal_width(STDOUT_FILENO), kMaxWidth);
  const auto count = static_cast<int>(exercise.hints.size());
  if (count == 0) {
    fmt::print("{} has no hints: its task (roadwork start {}) is all there is.\n", exercise.id, exercise.id);
    return 0;
  }
  const auto taken = session.store->take_hint(session.pack_of(exercise).id, exercise.id, count);
  if (!taken) {
    fmt::print("No more hints for {}: you have seen all {}.\n\n", exercise.id, count);
    std::string all;
    for (const auto& hint : exercise.hints) all += "1. " + hint + "\n";
    fmt::print("{}", term::render_markdown(all, style, width));
    return 0;
  }
  fmt::print("{}\n{}", style.bold(fmt::format("Hint {} of {} for {}:", *taken, count, exercise.id)),
             term::render_markdown(exercise.hints[static_cast<std::size_t>(*taken - 1)], style, width));
  if (*taken < count)
    fmt::print("{}\n", style.dim("Stuck still? `roadwork hint` again shows the next one."));
  else
    fmt::print("{}\n", style.dim("That was the last hint."));
  return 0;
}

}  // namespace

void setup_hint(CLI::App& app, int& exit_code) {
  auto exercise = std::make_shared<std::string>();
  auto* command = app.add_subcommand("hint", "Show the next hint for an exercise, one at a time");
  command->add_option("EXERCISE", *exercise, "Exercise id (default: the one you started last)");
  command->callback([exercise, &exit_code] { exit_code = run_hint(*exercise); });
}

}  // namespace roadwork::cli
