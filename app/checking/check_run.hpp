#pragma once
// One check run of an exercise: start the learner's server in the sandbox (or use a URL the learner gives),
// run the exercise's steps and then those of the earlier exercises of its project, stop the server, and
// return the report. Shared by `check`, `watch`, `grade`, `pack validate` and `demo`; `hurl` runs its
// check files through the same steps (check_files).

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/checking/launcher.hpp"
#include "app/core/expected.hpp"
#include "app/course/pack.hpp"
#include "app/report/results.hpp"
#include "app/sandbox/isolation_linux.hpp"
#include "app/sandbox/limits.hpp"
#include "checker/run/runner.hpp"

namespace roadwork::checking {

/// Where the server under test comes from: a command roadwork starts, or a URL of one already running.
struct ServerSource {
  std::string run;                    ///< run through /bin/sh -c; empty when `url` is set
  std::filesystem::path project_dir;  ///< the working folder of `run`
  std::optional<std::string> url;     ///< e.g. http://127.0.0.1:3000 for `check --url`
  /// The project's `test` command from roadwork.toml, which command steps run (through /bin/sh -c in
  /// `project_dir`, also with `url`); empty when the project has none.
  std::string test;
};

/// What a check run says while it runs (`check`: live terminal lines, then the summary). The run calls it
/// from its own thread: status lines, each step as it finishes, then the verdict, once. Each method does
/// nothing unless overridden, which is what grade and pack validate want: they report whole runs.
class Reporter {
 public:
  virtual ~Reporter() = default;
  /// A line about the learner server, e.g. "starting `python3 server.py` on port 41234".
  virtual void status(const std::string& /*line*/) {}
  /// A line about the sandbox the learner should see even in a JSON report, e.g. "roadwork cannot isolate
  /// the servers here: …; they run unisolated".
  virtual void warning(const std::string& /*line*/) {}
  /// After each step, in order.
  virtual void step_finished(const report::StepResult& /*step*/) {}
  /// Once, when every step has run, while the server shuts down (its SIGTERM grace can take a while): the
  /// report with the verdict, without what the stop adds (server_stop_ms, the sandbox's notes in
  /// server_output) and with time_ms up to now. check_exercise returns the complete report afterwards.
  virtual void verdict(const report::Report& /*report*/) {}
};

/// A Reporter that says nothing.
Reporter& quiet_reporter();

/// The one line that says the kernel refuses isolation here: "roadwork cannot isolate the servers here:
/// REASON; they run unisolated" (README.md: the sandbox), as `check` and `grade` print it.
std::string unisolated_warning(const std::string& reason);

struct CheckOptions {
  bool keep_going = false;  ///< run every step even after a failure
  /// The caller needs each step's verdict, not the best message (pack validate asks only which step fails
  /// first): a step that tries several servers (a command step against mutants) stops at the first that
  /// makes it fail, and a failed step does not wait to see whether the server is dying.
  bool verdict_only = false;
  /// The mutant a command step against mutants tries first (pack validate of that mutant, whose own copy of
  /// the tests lets exactly it through): with verdict_only, the step then ends after one server, not after
  /// every mutant before it. Empty: the pack's order.
  std::string mutant_first;
  /// How many servers a step that tries several (a command step against mutants) runs at once: `check`
  /// gives it the machine's cores; grade and pack validate, which run several checks at once, leave it 1.
  int servers_at_once = 1;
  bool keep_data = false;           ///< keep the run's data folder (DATA_DIR)
  std::filesystem::path runs_dir;   ///< where the run's data folder is made
  std::filesystem::path state_dir;  ///< the workspace's .roadwork/, where practice servers record requests
  /// Limits of the server and the run (`--limits`): its resources, the start-up and run time (bounding the
  /// exercise's own), each request's timeouts, response body size and kept output.
  sandbox::Limits limits = sandbox::Limits::generous();
  bool isolate_network = false;  ///< the server gets a network namespace of its own (`--isolate-network`)
  /// How servers and test commands are isolated (sandbox/isolation_linux.hpp): by default where the kernel
  /// allows it, and where it refuses, unisolated, and the report says so (report::Report::isolated).
  sandbox::IsolationMode isolation = sandbox::IsolationMode::WherePermitted;
  /// Folders no server may see (`grade`: the class folder and the grading output), even read-only.
  std::vector<std::filesystem::path> hidden;
};

/// A fresh value for the built-in variable {{uid}}: 12 random hex digits, so that checks can make user names
/// that never collide across runs.
std::string make_uid();

/// Runs `exercise` of `pack` against `source`: every step kind of exercises/README.md. Check files that do
/// not parse or use a variable nothing sets before it, and patterns that do not compile, are the returned
/// diagnostics (plan_steps, undefined_variables), found before any server starts; everything the server
/// does wrong ends up in the report. The servers (the learner's, and those a command step tests) come from
/// `launcher`; when every step is a practice step, or `source` is a URL, the run launches no learner server.
/// `reporter` hears of each step as it finishes and of the verdict while the server stops.
Expected<report::Report, std::vector<Diagnostic>> check_exercise(const course::Pack& pack,
                                                                 const course::Exercise& exercise,
                                                                 const ServerSource& source,
                                                                 const CheckOptions& options,
                                                                 Reporter& reporter = quiet_reporter(),
                                                                 Launcher& launcher = sandbox_launcher());

struct Plan;

/// Runs the steps of `plan` (plan_files: check files on their own) against a server that is already
/// running, at `variables["host"]` (`roadwork hurl`, as `hurl --test`): every step runs whatever the ones
/// before it gave, each captures into `variables` for the later ones, and each request gets `run_options`.
/// `reporter` hears of each step as it finishes, then of the verdict. The report names no exercise.
report::Report check_files(const Plan& plan, run::Variables variables, const run::RunOptions& run_options,
                           Reporter& reporter);

}  // namespace roadwork::checking
