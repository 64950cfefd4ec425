// hurl steps: run one check file against the server (exercises/README.md: hurl).

#include "app/checking/steps.hpp"

namespace roadwork::checking {

namespace {
// How long a failed step waits for a server that may be dying: its connection closes a moment before the
// shell leading its group exits, and a crash explains the failure better than the closed connection.
constexpr std::chrono::milliseconds kCrashSettle{100};
}  // namespace

report::StepResult run_step(const course::HurlStep& step, const PlannedStep&, StepContext& context) {
  auto result = step_result(report::Verdict::Pass);
  result.files.push_back(run::run_file(context.plan.file(step.file), context.variables, context.run_options));
  if (result.files.back().passed()) return result;
  result.verdict = report::Verdict::Fail;
  if (auto* process = context.server ? context.server->process() : nullptr;
      process &&
      process->ended_within(context.options.verdict_only ? std::chrono::milliseconds{0} : kCrashSettle)) {
    result.message = "the server stopped running during this step: " + process->exit_description();
    result.output = server_tail(context);
  }
  return result;
}

}  // namespace roadwork::checking
