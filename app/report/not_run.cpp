#include "app/report/not_run.hpp"

#include <utility>

namespace roadwork::report {

StepResult not_run_step(std::string name, std::string kind) {
  StepResult step;
  step.name = std::move(name);
  step.kind = std::move(kind);
  step.verdict = Verdict::Fail;
  step.message = kNotRun;
  return step;
}

bool ran(const StepResult& step) { return step.message != kNotRun; }

}  // namespace roadwork::report
