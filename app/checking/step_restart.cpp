// restart steps: stop the server (or kill it, with `restart = "kill"`) and start it again on the same port
// and data (exercises/README.md: restart), for persistence checks; with `unset`, prove that a start without
// those variables is refused (with `creates_nothing`, before it writes a file); with `env`, start it with
// other settings (such as a lower limit) until the next restart step; with `database`, start it on a
// database made by a SQL script, for a migration.

#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "app/checking/database_seed.hpp"
#include "app/checking/steps.hpp"

namespace roadwork::checking {

namespace fs = std::filesystem;

namespace {

std::string names(const std::vector<std::string>& unset) {
  std::string out;
  for (const auto& name : unset) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Why the start without `step.unset` and with `step.env` was not the refusal the step asks for; empty
// when it was.
std::string judge_refusal(const course::RestartStep& step, const sandbox::StartResult& start,
                          StepContext& context) {
  std::string settings;
  for (const auto& [name, value] : step.env)
    settings += (settings.empty() ? "" : ", ") + name + "=\"" + value + "\"";
  const auto how = step.unset.empty() ? "with " + settings
                   : settings.empty() ? "without " + names(step.unset)
                                      : "without " + names(step.unset) + " and with " + settings;
  if (start.outcome == sandbox::StartOutcome::Ready)
    return "the server started " + how + "; it must refuse to start (exit with a non-zero status)";
  if (start.outcome != sandbox::StartOutcome::ExitedEarly)
    return "started " + how + ", the server did not exit with an error: " + start.message;
  if (start.exit_code == 0) return "the server exited with status 0 " + how + "; a refusal exits non-zero";
  if (step.output && !any_line_matches(start.last_output, context.plan.pattern(*step.output)))
    return fmt::format(
        "the server exited {}, but printed no line that matches `{}`; say which setting is "
        "missing or wrong",
        how, step.output->text);
  return "";
}

// `path` made anew and empty; nullopt when it cannot be made (the step then checks without it).
std::optional<fs::path> make_empty_folder(const fs::path& path) {
  std::error_code error;
  fs::remove_all(path, error);
  if (!fs::create_directories(path, error) || error) return std::nullopt;
  return path;
}

// Why a refused start that had the empty `data_dir` for DATA_DIR did not leave it empty, or "".
std::string created_files_problem(const fs::path& data_dir) {
  std::error_code error;
  for (const auto& entry : fs::recursive_directory_iterator(data_dir, error)) {
    return fmt::format(
        "the server made `{}` in DATA_DIR before it refused to start; check the settings before you open the "
        "database or write anything",
        entry.path().lexically_relative(data_dir).string());
  }
  return "";
}

}  // namespace

report::StepResult run_step(const course::RestartStep& step, const PlannedStep&, StepContext& context) {
  if (!context.server) return needs_sandbox("restart");
  context.stopped_outputs.clear();  // a restart step starts a new output for the logs steps
  if (step.kill)
    context.server->kill();
  else
    context.server->stop();
  context.server->set_env_overrides(step.env);
  if (step.database) {
    if (const auto error = seed_database(context.server->database_path(), *step.database); !error.empty())
      return step_result(report::Verdict::Error,
                         "the database this step starts the server on could not be made: " + error);
  }
  std::string refusal_problem, refusal_output;
  if (step.refuse) {
    // Inside the run's data folder, which the sandbox lets the server write.
    const auto empty_dir = context.server->data_dir() / "refused-start";
    std::optional<fs::path> data_dir;
    if (step.creates_nothing) data_dir = make_empty_folder(empty_dir);
    const auto refused = context.server->start(step.unset, data_dir);
    context.server->stop();
    context.server->set_env_overrides({});  // `env` was for the refused start only
    refusal_problem = judge_refusal(step, refused, context);
    if (refusal_problem.empty() && data_dir) refusal_problem = created_files_problem(*data_dir);
    refusal_output = refused.last_output;
    std::error_code ignored;
    if (data_dir) fs::remove_all(*data_dir, ignored);
  }
  const auto start = context.server->start();
  if (!refusal_problem.empty()) return step_result(report::Verdict::Fail, refusal_problem, refusal_output);
  if (start.outcome == sandbox::StartOutcome::Ready) return step_result(report::Verdict::Pass);
  return step_result(report::Verdict::Fail, "the server did not come back after a restart: " + start.message,
                     start.last_output);
}

}  // namespace roadwork::checking
