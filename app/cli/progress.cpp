// roadwork progress: a table of exercises with status, attempts and the last result; --json for scripts.

#include <CLI/CLI.hpp>
#include <fmt/chrono.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <memory>

#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/cli/exercise_status.hpp"

namespace roadwork::cli {

namespace {

std::string local_time(std::int64_t epoch_ms) {
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  localtime_r(&seconds, &tm);
  return fmt::format("{:%Y-%m-%d %H:%M}", tm);
}

int run_progress(bool json) {
  const auto session = open_session();
  const auto statuses = exercise_statuses(session);
  std::map<std::string, progress::ExerciseSummary> summaries;
  for (auto& summary : session.store->summaries(session.pack.id)) summaries[summary.exercise_id] = summary;

  nlohmann::json rows = nlohmann::json::array();
  if (!json) fmt::print("{:<18} {:<24} {:<12} {:>8}  {}\n", "stage", "exercise", "status", "attempts", "last result");
  for (const auto& stage : session.pack.stages) {
    for (const auto& id : stage.exercises) {
      const auto found = summaries.find(id);
      const auto* summary = found == summaries.end() ? nullptr : &found->second;
      const auto status = describe(statuses.at(id));
      if (json) {
        rows.push_back({{"stage", stage.id}, {"exercise", id}, {"status", status},
                        {"attempts", summary ? summary->attempts : 0},
                        {"last_verdict", summary ? summary->last_verdict : ""},
                        {"last_at_ms", summary ? summary->last_at_ms : 0}});
        continue;
      }
      std::string last;
      if (summary)
        last = fmt::format("{} ({}/{} steps) at {}", summary->last_verdict, summary->last_steps_passed,
                           summary->last_steps_passed + summary->last_steps_failed, local_time(summary->last_at_ms));
      fmt::print("{:<18} {:<24} {:<12} {:>8}  {}\n", stage.id, id, status, summary ? summary->attempts : 0, last);
    }
  }
  if (json) fmt::print("{}\n", nlohmann::json{{"pack", session.pack.id}, {"exercises", rows}}.dump(2));
  return 0;
}

}  // namespace

void setup_progress(CLI::App& app, int& exit_code) {
  auto json = std::make_shared<bool>(false);
  auto* command = app.add_subcommand("progress", "Show every exercise with its status, attempts and last result");
  command->add_flag("--json", *json, "Print the table as JSON");
  command->callback([json, &exit_code] { exit_code = run_progress(*json); });
}

}  // namespace roadwork::cli
