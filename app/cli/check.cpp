// roadwork check [EXERCISE]: starts the learner's server in the sandbox (or uses --url), runs the checks,
// prints each step as it finishes, records the attempt, and exits 0 (all passed) or 1.

#include "app/cli/check.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>

#include "app/checking/check_run.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/cli/need.hpp"
#include "app/cli/report_file.hpp"
#include "app/cli/sandbox_flags.hpp"
#include "app/core/clock.hpp"
#include "app/core/fatal.hpp"
#include "app/course/exercise_code.hpp"
#include "app/report/json_writer.hpp"
#include "app/report/junit_writer.hpp"
#include "app/report/text_writer.hpp"
#include "app/sandbox/server.hpp"
#include "app/term/report_style.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"
#include "app/workspace/workspace.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {

namespace {

struct CheckCommandOptions {
  std::string exercise;
  std::string url;
  bool keep_going = false;
  bool keep = false;
  bool json = false;
  std::string junit;
  SandboxFlags sandbox{"default"};
};

// What a failed check shows as its hint below the summary: nothing when the first failing step has hints of
// its own or of its rules (they stand under that step), else the numbered hint the learner saw last with
// `roadwork hint`, else a pointer to that command. It never takes the next numbered hint: the learner asks
// for those, one at a time.
std::string failure_hint(const Session& session, const course::Exercise& exercise,
                         const report::Report& report) {
  const auto failed = std::find_if(report.steps.begin(), report.steps.end(),
                                   [](const auto& step) { return step.verdict != report::Verdict::Pass; });
  if (failed != report.steps.end() && !failed->hints.empty()) return "";
  const auto count = static_cast<int>(exercise.hints.size());
  if (count == 0) return "";
  const auto seen = std::min(session.store->hints_seen(session.pack_of(exercise).id, exercise.id), count);
  if (seen > 0) return exercise.hints[static_cast<std::size_t>(seen - 1)];
  return fmt::format("stuck? `roadwork hint {}` gives a nudge, one hint at a time", exercise.id);
}

checking::ServerSource server_source(const Session& session, const course::Exercise& exercise,
                                     const CheckCommandOptions& options) {
  // A practice exercise (stage 1) grades what roadwork's practice server recorded: no project, no server.
  if (!exercise.needs_server()) return {"", session.workspace.root, std::nullopt, ""};
  if (!options.url.empty() && !session.workspace.projects.count(exercise.project))
    return {"", session.workspace.root, options.url, ""};
  const auto& project = project_of(session, exercise);
  const auto project_dir = session.workspace.root / project.dir;
  if (!options.url.empty()) return {"", project_dir, options.url, project.test};
  return {project.run, project_dir, std::nullopt, project.test};
}

// What `check` shows and records while the run goes: the steps as they finish (not with --json), and, as
// soon as the verdict is known and while the server shuts down, the attempt in the progress store and the
// summary. What the stop adds (the sandbox's notes) is shown below it by run_check.
class CheckReporter final : public checking::Reporter {
 public:
  CheckReporter(const Session& session, const course::Exercise& exercise, const CheckCommandOptions& options,
                const term::Style& style, const report::TextStyle& text_style)
      : session_(session), exercise_(exercise), options_(options), style_(style), text_style_(text_style) {}

  void status(const std::string& line) override {
    if (options_.json) return;
    fmt::print("  {}\n", style_.dim(line));
    std::fflush(stdout);
  }
  void warning(const std::string& line) override { fmt::print(stderr, "{}\n", text::escape_controls(line)); }
  void step_finished(const report::StepResult& step) override {
    if (options_.json) return;
    fmt::print("{}", report::render_step(step, text_style_));
    std::fflush(stdout);
  }
  void verdict(const report::Report& verdict) override {
    auto report = verdict;
    if (report.verdict() != report::Verdict::Pass)
      report.hint = hint_ = failure_hint(session_, exercise_, report);
    int passed = 0, failed = 0;
    for (const auto& step : report.steps) (step.verdict == report::Verdict::Pass ? passed : failed)++;
    const auto& pack = session_.pack_of(exercise_);
    session_.store->record_attempt(
        {pack.id, pack.version, exercise_.id, started_at_, static_cast<std::int64_t>(report.time_ms),
         report::to_string(report.verdict()), passed, failed, report::to_json(report).dump()});
    if (!options_.json) show_summary(report);
    session_.store->checkpoint();  // what the exit would write, written while the server stops
  }

  /// The hint decided with the verdict, for the reports too ("" when it passed).
  const std::string& hint() const { return hint_; }
  /// How much of the server output the summary showed already.
  std::size_t output_shown() const { return output_shown_; }

 private:
  void show_summary(const report::Report& report) {
    fmt::print("{}", report::render_summary(report, text_style_));
    output_shown_ = report.server_output.size();
    // Passed: the reference solution's change is now worth reading next to one's own (exercises/README.md).
    if (report.verdict() == report::Verdict::Pass &&
        course::solution_is_a_change(exercise_, session_.workspace.stack))
      fmt::print("\nTo compare with how the reference solution did it: {}\n",
                 style_.code("roadwork demo " + session_.exercise_name(exercise_) + " --diff"));
    std::fflush(stdout);
  }

  const Session& session_;
  const course::Exercise& exercise_;
  const CheckCommandOptions& options_;
  const term::Style& style_;
  const report::TextStyle& text_style_;
  const std::int64_t started_at_ = now_ms();
  std::string hint_;
  std::size_t output_shown_ = 0;
};

checking::CheckOptions check_options_for(const Session& session, const CheckCommandOptions& options) {
  checking::CheckOptions check_options;
  check_options.keep_going = options.keep_going;
  check_options.keep_data = options.keep;
  check_options.servers_at_once = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
  check_options.runs_dir = session.workspace.state_dir() / "runs";
  check_options.state_dir = session.workspace.state_dir();
  // Isolated where the kernel permits it: the learner's server finds out as it starts, which then warns
  // (CheckReporter::warning) and the summary says "not isolated"; no trial holds up a start where it works.
  apply_limit_flags(options.sandbox, check_options);
  check_options.isolation = sandbox::IsolationMode::WherePermitted;
  return check_options;
}

int run_check(const CheckCommandOptions& options) {
  // While the pack loads, when a server is likely to start: a workspace is there to check in. (A practice
  // exercise starts none; that is known only once the pack is loaded, and the warm-up costs it nothing.)
  std::optional<sandbox::StartWarmUp> warm_up;
  if (options.url.empty() && workspace::find_root(std::filesystem::current_path())) warm_up.emplace();
  auto session = open_exercise_session(options.exercise);
  const auto& exercise = choose_exercise(session, options.exercise, "check");
  const auto source = server_source(session, exercise, options);
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  auto text_style = term::text_style(style, std::min(term::terminal_width(STDOUT_FILENO), 80));
  // The curl lines reach a server that stopped with the run: they say how to start it again.
  if (options.url.empty() && exercise.needs_server())
    text_style.serve_command = "roadwork serve " + session.exercise_name(exercise);
  if (!options.json) {
    const auto target =
        !exercise.needs_server() ? std::string("the requests `roadwork practice` recorded")
        : options.url.empty()
            ? fmt::format("`{}` in {}/", source.run, session.workspace.projects.at(exercise.project).dir)
            : options.url;
    fmt::print("{}\n", style.bold(fmt::format("Checking {} with {}", exercise.id, target)));
  }
  const auto check_options = check_options_for(session, options);
  CheckReporter reporter(session, exercise, options, style, text_style);
  auto report =
      need(checking::check_exercise(session.pack_of(exercise), exercise, source, check_options, reporter));
  report.hint = reporter.hint();
  if (options.json)
    fmt::print("{}\n", report::to_json(report).dump(2));
  else
    fmt::print("{}", report::render_server_output(
                         std::string_view(report.server_output).substr(reporter.output_shown()), text_style));
  if (!options.junit.empty()) write_report_file(options.junit, report::to_junit_xml(report), "JUnit");
  return report.verdict() == report::Verdict::Pass ? kExitPass : kExitFail;
}

}  // namespace

const workspace::Project& project_of(const Session& session, const course::Exercise& exercise) {
  if (!exercise.needs_server())
    throw Fatal(
        fmt::format("{} has no project folder: it grades the requests you send roadwork's practice "
                    "server; run `roadwork practice {}`, then `roadwork check {}`",
                    exercise.id, exercise.id, exercise.id));
  const auto found = session.workspace.projects.find(exercise.project);
  if (found == session.workspace.projects.end())
    throw Fatal("project \"" + exercise.project + "\" is not set up yet; run `roadwork start " + exercise.id +
                "` first");
  return found->second;
}

const course::Exercise& choose_exercise(const Session& session, const std::string& id,
                                        std::string_view command) {
  if (!id.empty()) return session.exercise(id);
  if (const auto* current = session.current_exercise()) return *current;
  throw Fatal(
      fmt::format("which exercise? Start one first, e.g. `roadwork start hello-server`, or name it: "
                  "roadwork {} ID",
                  command));
}

int check_with_text_report(const std::string& exercise, bool keep_going) {
  CheckCommandOptions options;
  options.exercise = exercise;
  options.keep_going = keep_going;
  return run_check(options);
}

void setup_check(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckCommandOptions>();
  auto* command =
      app.add_subcommand("check", "Start your server, send it the exercise's checks, and grade it");
  command->add_option("EXERCISE", options->exercise, "Exercise id (default: the one you started last)");
  command->add_flag("--keep-going", options->keep_going, "Run every step even after one fails");
  command->add_flag("--json", options->json, "Print the report as JSON (Exercism's results.json shape)");
  command->add_option("--junit", options->junit, "Also write the report as JUnit XML to this file (for CI)");
  command->add_option("--url", options->url,
                      "Check a server you started yourself, e.g. http://127.0.0.1:3000");
  command->add_flag("--keep", options->keep, "Keep the run's data folder (DATA_DIR) for a look afterwards");
  add_sandbox_flags(*command, options->sandbox);
  command->callback([options, &exit_code] { exit_code = run_check(*options); });
}

}  // namespace roadwork::cli
