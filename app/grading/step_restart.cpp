// restart steps: stop the server and start it again on the same port and data (exercises/README.md:
// restart), for persistence checks.

#include "app/grading/steps.hpp"

namespace roadwork::grading {

report::StepResult run_step(const course::RestartStep&, const PlannedStep&, StepContext& context) {
  if (!context.server) return needs_sandbox("restart");
  context.server->stop();
  const auto start = context.server->start();
  if (start.outcome == sandbox::StartOutcome::Ready) return step_result(report::Verdict::Pass);
  return step_result(report::Verdict::Fail, "the server did not come back after a restart: " + start.message,
                     start.last_output);
}

}  // namespace roadwork::grading
