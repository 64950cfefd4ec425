#include "app/report/results.hpp"

namespace roadwork::report {

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::Pass:
      return "pass";
    case Verdict::Fail:
      return "fail";
    case Verdict::Error:
      return "error";
  }
  return "error";
}

// A run with any error step is an error; otherwise any failed step makes it a failure.
Verdict Report::verdict() const {
  if (!message.empty()) return Verdict::Error;
  Verdict overall = Verdict::Pass;
  for (const auto& step : steps) {
    if (step.verdict == Verdict::Error) return Verdict::Error;
    if (step.verdict == Verdict::Fail) overall = Verdict::Fail;
  }
  return overall;
}

}  // namespace roadwork::report
