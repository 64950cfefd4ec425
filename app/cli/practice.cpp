// roadwork practice EXERCISE: starts roadwork's own practice server for a stage 1 exercise on 127.0.0.1,
// prints its base URL, the workspace's token and the tasks, then one line per request as it arrives with
// how the tasks it concerns stand. Every request is recorded in the workspace for `roadwork check`.
// It runs until Ctrl-C, which is its normal end: the server stops cleanly and roadwork exits 130, the
// status of every interrupted roadwork command (143 for SIGTERM, 129 for SIGHUP).

#include "app/practice/practice.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>

#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/cli/need.hpp"
#include "app/core/fatal.hpp"
#include "app/practice/practice_server.hpp"
#include "app/practice/request_log.hpp"
#include "app/practice/stop_signals_posix.hpp"
#include "app/practice/task_tracker.hpp"
#include "app/term/style.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {

namespace {

using namespace std::chrono_literals;

struct PracticeOptions {
  std::string exercise;
  int port = 0;
};

const practice::PracticeExercise& practice_server_of(const course::Exercise& exercise) {
  if (const auto* found = practice::find_practice_exercise(exercise.id)) return *found;
  throw Fatal(
      fmt::format("{} has no practice server: it grades a server you write (roadwork start {}); "
                  "practice exercises: {}",
                  exercise.id, exercise.id, practice::practice_exercise_ids()));
}

std::size_t count_done(const practice::PracticeExercise& exercise, const practice::TaskTracker& tracker) {
  return static_cast<std::size_t>(std::count_if(exercise.tasks.begin(), exercise.tasks.end(),
                                                [&](const auto& task) { return tracker.done(task); }));
}

// The task list with a mark on those done in earlier sessions.
std::string task_list(const practice::PracticeExercise& exercise, const practice::TaskTracker& tracker,
                      const term::Style& style) {
  std::string text;
  for (const auto& task : exercise.tasks) {
    const auto mark = tracker.done(task) ? style.pass(term::kPassMark) : std::string(term::kBullet);
    text += fmt::format("  {} {:<16} {}\n", mark, task.id, task.summary);
  }
  return text;
}

void print_banner(const std::string& exercise_id, const std::string& tasks, const practice::Secrets& secrets,
                  const std::string& log, int port, const term::Style& style) {
  const auto base_url = fmt::format("http://127.0.0.1:{}", port);
  fmt::print("{}  (port {})\n", style.bold("Practice server for " + exercise_id + ": " + base_url), port);
  fmt::print("  {}\n", style.code("export BASE_URL=" + base_url));
  fmt::print("Your token: {}   (the custom-header task asks for it)\n", style.code(secrets.token));
  fmt::print("Requests are recorded in {}\n\nTasks:\n{}", log, tasks);
  fmt::print("\nSend requests from another terminal, starting with: curl -i \"$BASE_URL/\"\n");
  fmt::print("{}\n\n",
             style.dim(fmt::format("Ctrl-C stops the server; then `roadwork check {}` grades the tasks.",
                                   exercise_id)));
  std::fflush(stdout);
}

// Runs on the server's threads, one request at a time.
void print_request(const practice::PracticeExercise& exercise, practice::TaskTracker& tracker,
                   const practice::History& history, const term::Style& style) {
  const auto& request = history.back();
  fmt::print("{} {} {}\n", text::escape_controls(request.request_line()), style.dim("→"),
             request.response.status);
  bool finished_one = false;
  for (const auto& update : tracker.update(history)) {
    if (update.newly_done) {
      fmt::print("  {} task {} done\n", style.pass(term::kPassMark), update.task->id);
      finished_one = true;
    } else {
      fmt::print("    {}\n",
                 style.dim(update.task->id + ": " + text::escape_controls(update.result.message)));
    }
  }
  if (finished_one && count_done(exercise, tracker) == exercise.tasks.size())
    fmt::print("{}\n", style.bold(fmt::format("All {} tasks done: run `roadwork check {}` to record it.",
                                              exercise.tasks.size(), exercise.id)));
  std::fflush(stdout);
}

int run_practice(const PracticeOptions& options) {
  auto session = open_session();
  const auto& chosen = session.exercise(options.exercise);
  const auto& exercise = practice_server_of(chosen);
  const auto state_dir = session.workspace.state_dir();
  const auto log = practice::log_path(state_dir, exercise.id);
  const auto secrets = need(practice::load_or_create_secrets(log));
  auto history = practice::read_log(log);
  practice::TaskTracker tracker(exercise, secrets, history);
  session.store->set_state(kCurrentExerciseKey, session.exercise_name(chosen));
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  // Taken now: once the server runs, the tracker belongs to its threads.
  const auto tasks = task_list(exercise, tracker, style);

  // Before the server's threads start, so that they inherit the blocked signals and Ctrl-C reaches wait().
  const practice::StopSignals stop_signals;
  const auto server = need(practice::PracticeServer::start(
      exercise, secrets, std::move(history), log, options.port,
      [&](const practice::History& recorded) { print_request(exercise, tracker, recorded, style); }));
  print_banner(exercise.id, tasks, secrets, std::filesystem::relative(log, session.workspace.root).string(),
               server->port(), style);
  const auto signo = stop_signals.wait(200ms, [&] { return server->running(); });
  server->stop();
  fmt::print("\nStopped the practice server: {} of {} tasks done. `roadwork check {}` grades them.\n",
             count_done(exercise, tracker), exercise.tasks.size(), exercise.id);
  if (!signo) throw Fatal("the practice server stopped by itself", kExitFail);
  return practice::exit_code_for_signal(*signo);
}

}  // namespace

void setup_practice(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PracticeOptions>();
  auto* command = app.add_subcommand(
      "practice",
      "Start a practice server for a stage 1 exercise and record what you send it (Ctrl-C stops it)");
  command->add_option("EXERCISE", options->exercise, "Exercise id, e.g. http-explorer")->required();
  command->add_option("--port", options->port, "Listen on this port of 127.0.0.1 (default: a free one)")
      ->check(CLI::Range(1, 65535));
  command->callback([options, &exit_code] { exit_code = run_practice(*options); });
}

}  // namespace roadwork::cli
