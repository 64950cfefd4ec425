#pragma once
// Why a step did not pass, as text: shared by the terminal report, the JSON `message` and the JUnit
// failure text, so that every format tells a learner the same thing (README.md: Using roadwork as a learner).

#include <string>

#include "app/report/results.hpp"
#include "checker/report/text_style.hpp"

namespace roadwork::report {

/// The details of a step that did not pass, unindented, each line ending in '\n':
/// ```
/// the server stopped running during this step          <- StepResult::message, when set
/// checks/hello.hurl:12:1                               <- each file's failures (checker/report/failures.hpp)
///   …
/// reproduce: curl -i 'http://127.0.0.1:41234/hello?name=Ada'
/// rule:      A note's id is never given out again.   <- per rule the step checks
/// hint:      Keep a counter that only goes up.       <- the step's hint, then its rules'
/// ```
/// Empty for a passing step and for a step not run. The server's output is left out: each format has its own
/// place for it.
std::string render_details(const StepResult& step, const TextStyle& style);

/// One line saying why `step` did not pass, for JUnit's message attribute: the first line of its message,
/// else the first failed assert as `source: expected E, actual A`, else the first entry error, else "failed".
std::string failure_summary(const StepResult& step);

}  // namespace roadwork::report
