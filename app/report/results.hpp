#pragma once
// The report model: what a check of an exercise found, step by step, with the rules and hints that explain
// it; independent of how it is shown (terminal, JSON, JUnit). The .hurl steps carry the runner's own results
// (checker/run/results.hpp).

#include <optional>
#include <string>
#include <vector>

#include "checker/run/results.hpp"

namespace roadwork::report {

/// pass: everything held; fail: the server answered wrongly; error: the check could not run (bad check
/// file, server never started, time limit). Names follow Exercism's results.json.
enum class Verdict { Pass, Fail, Error };

/// "pass", "fail" or "error".
const char* to_string(Verdict verdict);

/// A rule a step checks, as the exercise states it to the learner (exercises/README.md: Rules).
struct CheckedRule {
  std::string id;    ///< kebab-case, e.g. "ids-never-reused"
  std::string rule;  ///< the sentence
};

/// One named test of a check run (an exercise step, or one file for `roadwork hurl`).
struct StepResult {
  std::string name;
  std::string kind;  ///< "hurl", "restart", … ; roadwork's field beside Exercism's
  Verdict verdict = Verdict::Pass;
  double time_ms = 0;
  std::vector<run::FileResult> files;  ///< for steps that ran .hurl files
  std::string message;                 ///< why it failed or errored, in one or a few lines
  std::string
      output;  ///< the server's last output lines (a command step: its test run's), when they explain it
  std::vector<CheckedRule> rules;  ///< the rules the step checks, which a failure broke
  std::vector<std::string> hints;  ///< the step's hint, then its rules' hints, shown when it did not pass
};

/// A whole check run: all steps, in order, and what started the server.
struct Report {
  std::string exercise;
  std::string pack;
  std::vector<StepResult> steps;
  std::string hint;  ///< shown after a failure: when the first failing step has no hints of its own, one of
                     ///< the exercise's
  std::string message;        ///< run-level error (server never started, …)
  std::string server_output;  ///< tail of the server's output when the run failed
  double time_ms = 0;
  double server_start_ms =
      0;                      ///< from spawning the server to its port accepting (0: not started by roadwork)
  double server_stop_ms = 0;  ///< from SIGTERM until every process of the server was reaped
  /// False when roadwork started the server without the sandbox's isolation (the kernel refused namespaces,
  /// README.md "How it works").
  bool isolated = true;
  Verdict verdict() const;
};

}  // namespace roadwork::report
