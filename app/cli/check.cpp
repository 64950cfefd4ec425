// roadwork check [EXERCISE]: starts the learner's server in the sandbox (or uses --url), runs the checks,
// prints each step as it finishes, records the attempt, and exits 0 (all passed) or 1.

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/core/fatal.hpp"
#include "app/grading/check_run.hpp"
#include "app/term/report_style.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"
#include "checker/report/json_writer.hpp"
#include "checker/report/text_writer.hpp"

namespace roadwork::cli {

namespace {

struct CheckCommandOptions {
  std::string exercise;
  std::string url;
  bool keep_going = false;
  bool keep = false;
  bool json = false;
};

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The next hint: one more for each failed attempt so far, so hints go from a nudge to nearly the answer.
std::string next_hint(const Session& session, const course::Exercise& exercise) {
  if (exercise.hints.empty()) return "";
  const auto attempts = session.store->attempts(session.pack.id, exercise.id);
  const auto failed = std::count_if(attempts.begin(), attempts.end(), [](const auto& a) { return a.verdict != "pass"; });
  return exercise.hints[std::min<std::size_t>(static_cast<std::size_t>(failed), exercise.hints.size() - 1)];
}

const course::Exercise& choose_exercise(const Session& session, const std::string& id) {
  if (!id.empty()) return session.exercise(id);
  if (const auto* current = session.current_exercise()) return *current;
  throw Fatal("which exercise? Start one first, e.g. `roadwork start hello-server`, or name it: roadwork check ID");
}

grading::ServerSource server_source(const Session& session, const course::Exercise& exercise,
                                    const CheckCommandOptions& options) {
  if (!options.url.empty()) return {"", {}, options.url};
  const auto found = session.workspace.projects.find(exercise.project);
  if (found == session.workspace.projects.end())
    throw Fatal("project \"" + exercise.project + "\" is not set up yet; run `roadwork start " + exercise.id + "` first");
  return {found->second.run, session.workspace.root / found->second.dir, std::nullopt};
}

int run_check(const CheckCommandOptions& options) {
  auto session = open_session();
  const auto& exercise = choose_exercise(session, options.exercise);
  const auto source = server_source(session, exercise, options);
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  const auto text_style = term::text_style(style, std::min(term::terminal_width(STDOUT_FILENO), 80));

  grading::Progress progress;
  if (!options.json) {
    const auto target = options.url.empty() ? fmt::format("`{}` in {}/", source.run,
                                                          session.workspace.projects.at(exercise.project).dir)
                                            : options.url;
    fmt::print("{}\n", style.bold(fmt::format("Checking {} with {}", exercise.id, target)));
    progress.status = [&](const std::string& line) { fmt::print("  {}\n", style.dim(line)); std::fflush(stdout); };
    progress.step_finished = [&](const report::StepResult& step) {
      fmt::print("{}", report::render_step(step, text_style));
      std::fflush(stdout);
    };
  }
  grading::CheckOptions check_options;
  check_options.keep_going = options.keep_going;
  check_options.keep_data = options.keep;
  check_options.runs_dir = session.workspace.state_dir() / "runs";
  const auto started_at = now_ms();
  auto report = grading::check_exercise(session.pack, exercise, source, check_options, progress);
  if (report.verdict() != report::Verdict::Pass) report.hint = next_hint(session, exercise);

  const auto json = report::to_json(report);
  int passed = 0, failed = 0;
  for (const auto& step : report.steps) (step.verdict == report::Verdict::Pass ? passed : failed)++;
  session.store->record_attempt({session.pack.id, session.pack.version, exercise.id, started_at,
                                 static_cast<std::int64_t>(report.time_ms), report::to_string(report.verdict()),
                                 passed, failed, json.dump()});
  if (options.json) fmt::print("{}\n", json.dump(2));
  else fmt::print("{}", report::render_summary(report, text_style));
  return report.verdict() == report::Verdict::Pass ? kExitPass : kExitFail;
}

}  // namespace

void setup_check(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckCommandOptions>();
  auto* command = app.add_subcommand("check", "Start your server, send it the exercise's checks, and grade it");
  command->add_option("EXERCISE", options->exercise, "Exercise id (default: the one you started last)");
  command->add_flag("--keep-going", options->keep_going, "Run every step even after one fails");
  command->add_flag("--json", options->json, "Print the report as JSON (Exercism's results.json shape)");
  command->add_option("--url", options->url, "Check a server you started yourself, e.g. http://127.0.0.1:3000");
  command->add_flag("--keep", options->keep, "Keep the run's data folder (DATA_DIR) for a look afterwards");
  command->callback([options, &exit_code] { exit_code = run_check(*options); });
}

}  // namespace roadwork::cli
