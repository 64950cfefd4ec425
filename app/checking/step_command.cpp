// command steps: the project's own test command, run with BASE_URL set, against the learner's server, the
// reference solution, or the reference solution and then each mutant (exercises/README.md: command). Against
// mutants this is mutation testing of the learner's tests: each mutant must make them fail.

#include <fmt/format.h>

#include <algorithm>

#include "app/checking/steps.hpp"
#include "app/checking/test_command_posix.hpp"
#include "app/core/parallel.hpp"
#include "app/core/temp_dir.hpp"
#include "app/course/exercise_code.hpp"
#include "app/course/mutant.hpp"
#include "app/workspace/workspace.hpp"

namespace roadwork::checking {

namespace {

using Against = course::CommandStep::Against;

CommandOutcome run_tests(const std::string& base_url, StepContext& context) {
  return run_test_command(context.source.test, context.source.project_dir, {{"BASE_URL", base_url}},
                          context.run_options.deadline.value_or(std::chrono::steady_clock::time_point::max()),
                          context.options.isolation, context.options.hidden);
}

// "exit status 1", "no exit status: it was ended by a signal", "it did not finish within the time limit".
std::string describe_end(const CommandOutcome& outcome) {
  if (!outcome.error.empty()) return "it could not be started: " + outcome.error;
  if (outcome.timed_out) return "it did not finish within the exercise's time limit";
  if (outcome.exit_code) return fmt::format("exit status {}", *outcome.exit_code);
  return "it was ended by a signal";
}

bool passed(const CommandOutcome& outcome) { return outcome.exit_code == 0; }

// The test command's run against a server roadwork starts from a copy of the python reference solution,
// with `mutant`'s edits applied when given, or why the server did not start.
struct TargetRun {
  std::optional<CommandOutcome> outcome;
  sandbox::StartResult start;
};

TargetRun test_against_copy(const course::Mutant* mutant, const std::string& name, const PlannedStep& planned,
                            StepContext& context) {
  // A copy, so whatever the server writes next to itself never lands in the pack.
  const TempDir copy(context.options.runs_dir, name + "-code");
  TargetRun run;
  auto code = course::exercise_code(*planned.exercise, "python", course::CodeVariant::Solution);
  run.start.message = [&]() -> std::string {
    if (!code) return render(code.error());
    if (mutant) {
      if (const auto error = course::apply_mutant(*mutant, "python", *code)) return render(*error);
    }
    return course::write_file_tree(*code, copy.path());
  }();
  if (!run.start.message.empty()) return run;
  const auto server = context.launcher.launch(server_config(workspace::stacks().at("python").run, copy.path(),
                                                            name, *planned.exercise, context.options,
                                                            context.variables.at("uid").get<std::string>()));
  run.start = server->start();
  if (run.start.outcome == sandbox::StartOutcome::Ready) run.outcome = run_tests(server->url(), context);
  return run;
}

report::StepResult against_learner(StepContext& context) {
  const auto outcome = run_tests(context.variables.at("host").get<std::string>(), context);
  if (passed(outcome)) return step_result(report::Verdict::Pass);
  return step_result(report::Verdict::Fail,
                     fmt::format("your tests failed against your server ({})", describe_end(outcome)),
                     outcome.last_output);
}

// Against the reference solution the tests must pass: a test that fails on a correct server checks the
// wrong thing. nullopt when they do.
std::optional<report::StepResult> against_solution(const PlannedStep& planned, StepContext& context) {
  if (context.tests_passed_against_solution_of == planned.exercise) return std::nullopt;
  const auto run = test_against_copy(nullptr, "solution", planned, context);
  if (!run.outcome) {
    return step_result(report::Verdict::Error, "the reference solution did not start: " + run.start.message,
                       run.start.last_output);
  }
  if (passed(*run.outcome)) {
    context.tests_passed_against_solution_of = planned.exercise;
    return std::nullopt;
  }
  return step_result(
      report::Verdict::Fail,
      fmt::format("your tests failed against the reference solution ({}); a test that fails on a "
                  "correct server checks the wrong thing",
                  describe_end(*run.outcome)),
      run.outcome->last_output);
}

report::StepResult against_mutants(const PlannedStep& planned, StepContext& context) {
  std::vector<const course::Mutant*> mutants;
  for (const auto& mutant : planned.exercise->mutants)
    if (mutant.edits_stack("python")) mutants.push_back(&mutant);  // the server is python
  std::stable_partition(mutants.begin(), mutants.end(), [&](const course::Mutant* mutant) {
    return mutant->name == context.options.mutant_first;
  });
  // Each mutant is its own server and test run, so several can go at once; for a verdict alone they go one
  // by one, up to the first that is not caught.
  std::vector<std::optional<TargetRun>> runs(mutants.size());
  const auto try_mutant = [&](std::size_t i) {
    runs[i] = test_against_copy(mutants[i], "mutant-" + mutants[i]->name, planned, context);
  };
  if (context.options.verdict_only) {
    for (std::size_t i = 0; i < mutants.size(); ++i) {
      try_mutant(i);
      if (!runs[i]->outcome || passed(*runs[i]->outcome)) break;
    }
  } else {
    for_each_parallel(mutants.size(), context.options.servers_at_once, try_mutant);
  }
  std::string not_caught;
  for (std::size_t i = 0; i < mutants.size() && runs[i]; ++i) {
    const auto& run = *runs[i];
    if (!run.outcome) {
      return step_result(report::Verdict::Error,
                         fmt::format("mutant `{}` did not start: {}", mutants[i]->name, run.start.message),
                         run.start.last_output);
    }
    if (passed(*run.outcome)) {
      not_caught += fmt::format("{}mutant `{}` was not caught: your tests passed against it (its bug: {})",
                                not_caught.empty() ? "" : "\n", mutants[i]->name, mutants[i]->why);
    }
  }
  if (not_caught.empty()) return step_result(report::Verdict::Pass);
  return step_result(report::Verdict::Fail, not_caught);
}

}  // namespace

report::StepResult run_step(const course::CommandStep& step, const PlannedStep& planned,
                            StepContext& context) {
  if (context.source.test.empty()) {
    return step_result(report::Verdict::Error,
                       fmt::format("this step runs your project's tests, but it has no test command: add "
                                   "`test = \"…\"` under [projects.{}] in roadwork.toml",
                                   planned.exercise->project));
  }
  if (context.source.project_dir.empty()) {
    return step_result(
        report::Verdict::Error,
        "this step runs your tests in your project folder, which `check --url` does not know; run "
        "`roadwork check` without --url");
  }
  if (step.against == Against::Learner) return against_learner(context);
  if (auto failed = against_solution(planned, context)) return std::move(*failed);
  if (step.against == Against::Solution) return step_result(report::Verdict::Pass);
  return against_mutants(planned, context);
}

}  // namespace roadwork::checking
