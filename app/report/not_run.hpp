#pragma once
// How a step that was never started is represented in the results model, until StepResult has a field
// for it: verdict Fail (it did not pass), time 0, and `message` exactly kNotRun. The runner stops at the
// first failed step unless --keep-going, and still lists the later steps so a learner sees what is left.

#include <string>
#include <string_view>

#include "app/report/results.hpp"

namespace roadwork::report {

/// The StepResult::message that marks a step the run never reached.
inline constexpr std::string_view kNotRun = "not run";

/// A step named `name` of kind `kind` ("hurl", …) that was never started.
StepResult not_run_step(std::string name, std::string kind);

/// False for a step made by not_run_step (or marked the same way by hand).
bool ran(const StepResult& step);

}  // namespace roadwork::report
