// practice steps: whether the learner did a task against roadwork's practice server, judged from the
// requests it recorded (exercises/README.md: practice). No learner server is involved.

#include "app/checking/steps.hpp"
#include "app/practice/practice.hpp"

namespace roadwork::checking {

report::StepResult run_step(const course::PracticeStep& step, const PlannedStep& planned,
                            StepContext& context) {
  const auto& exercise = planned.exercise->id;
  const auto task =
      practice::grade_task(practice::log_path(context.options.state_dir, exercise), exercise, step.task);
  // plan_steps has already found the task, so a problem here is roadwork's own.
  if (!task) return step_result(report::Verdict::Error, task.error().message);
  return task->done ? step_result(report::Verdict::Pass) : step_result(report::Verdict::Fail, task->message);
}

}  // namespace roadwork::checking
