#pragma once
// The step kinds of exercises/README.md, one run_step overload per kind (each in step_<kind>.cpp), and what
// they share during one check run. Each returns the verdict, message, files and output of its StepResult;
// check_exercise fills in the name, kind and time.

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "app/checking/check_run.hpp"
#include "app/checking/plan.hpp"
#include "app/checking/sandboxed_server.hpp"
#include "app/course/pack.hpp"
#include "app/report/results.hpp"
#include "checker/run/runner.hpp"

namespace roadwork::checking {

/// What a server that a signal step stopped had printed (its last `output_cap` bytes), kept for the logs
/// steps until the next restart step (exercises/README.md: logs): what a server prints while it shuts
/// down is judged like the rest.
struct StoppedOutput {
  std::string text;
  bool dropped = false;     ///< older output was dropped beyond the cap, so the first line is cut
  std::string signal_name;  ///< the signal that stopped it: "SIGTERM"
};

/// What every step of one run sees. `server` is the learner server roadwork started; nullptr with
/// `check --url` (the server is at `variables["host"]`) and when every step is a practice step. `launcher`
/// made it, and makes the servers a command step tests.
struct StepContext {
  const Plan& plan;
  const ServerSource& source;
  const CheckOptions& options;
  LearnerServer* server;
  Launcher& launcher;
  run::Variables& variables;           ///< host, port, uid and the captures so far; steps add their captures
  const run::RunOptions& run_options;  ///< timeouts, and the deadline of the whole run
  /// The exercise whose reference solution a command step of this run saw the project's tests pass
  /// against, so that a later step need not run them there again (same solution, same tests); or nullptr.
  const course::Exercise* tests_passed_against_solution_of = nullptr;
  /// The output of the servers signal steps stopped since the last restart step, oldest first.
  std::vector<StoppedOutput> stopped_outputs = {};
};

/// Runs a check file; its captures carry over to later steps.
report::StepResult run_step(const course::HurlStep& step, const PlannedStep& planned, StepContext& context);
/// Stops the server and starts it again on the same port and data folder.
report::StepResult run_step(const course::RestartStep& step, const PlannedStep& planned,
                            StepContext& context);
/// Signals the server's process group (during a request when asked), checks how it exits, then starts it
/// again.
report::StepResult run_step(const course::SignalStep& step, const PlannedStep& planned, StepContext& context);
/// Runs a check file `count` times, `concurrency` at once, and checks what the runs have in common.
report::StepResult run_step(const course::BurstStep& step, const PlannedStep& planned, StepContext& context);
/// Checks what the server printed so far in this run.
report::StepResult run_step(const course::LogsStep& step, const PlannedStep& planned, StepContext& context);
/// Queries the server's SQLite database, read-only, and checks the result.
report::StepResult run_step(const course::SqlStep& step, const PlannedStep& planned, StepContext& context);
/// Checks the stored password hashes and that no password the checks sent can be read back from the database.
report::StepResult run_step(const course::PasswordStorageStep& step, const PlannedStep& planned,
                            StepContext& context);
/// Runs the project's test command against the learner's server, the reference solution or the mutants.
report::StepResult run_step(const course::CommandStep& step, const PlannedStep& planned,
                            StepContext& context);
/// Grades a practice task from the requests the practice server recorded.
report::StepResult run_step(const course::PracticeStep& step, const PlannedStep& planned,
                            StepContext& context);

/// A StepResult with `verdict` and `message` (and the server output that explains it).
report::StepResult step_result(report::Verdict verdict, std::string message = "", std::string output = "");

/// The Error result of a step of `kind` that needs the server roadwork starts, under `check --url`.
report::StepResult needs_sandbox(std::string_view kind);

/// The last lines of the server's output, for a verdict; empty without a server.
std::string server_tail(StepContext& context);

/// Whether some line of `output` matches `pattern` (a search within the line).
bool any_line_matches(std::string_view output, const run::Regex& pattern);

/// "250 ms", "5 s", "7.2 s".
std::string describe_duration(std::chrono::duration<double, std::milli> duration);

}  // namespace roadwork::checking
