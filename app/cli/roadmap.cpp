// roadwork roadmap: every stage of the pack with its exercises and their status.

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/cli/exercise_status.hpp"

namespace roadwork::cli {

namespace {

int run_roadmap() {
  const auto session = open_session();
  const auto statuses = exercise_statuses(session);
  fmt::print("{} ({} {})\n\n", session.pack.title, session.pack.id, session.pack.version);
  int number = 0;
  for (const auto& stage : session.pack.stages) {
    fmt::print("{:>2}. {} [{}]\n", ++number, stage.title, describe(stage_status(stage, statuses)));
    if (!stage.goal.empty()) fmt::print("    {}\n", stage.goal);
    for (const auto& id : stage.exercises) fmt::print("      {:<24} {}\n", id, describe(statuses.at(id)));
  }
  return 0;
}

}  // namespace

void setup_roadmap(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("roadmap", "Show every stage of the roadmap and its status");
  command->callback([&exit_code] { exit_code = run_roadmap(); });
}

}  // namespace roadwork::cli
