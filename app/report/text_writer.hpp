#pragma once
// The terminal report a learner reads after `roadwork check` (README.md: Using roadwork as a learner):
// ```
//   ✓ GET /health answers 200 with JSON                         4 ms
//   ✗ GET /hello greets by name                                 3 ms
//     exercises/hello-server/checks/hello.hurl:12:1
//       jsonpath "$.message" == "Hello, Ada!"
//       expected: "Hello, Ada!"
//       actual:   "Hello, world!"
//     request:   GET http://127.0.0.1:41234/hello?name=Ada → 200 in 2 ms
//     reproduce: curl -i 'http://127.0.0.1:41234/hello?name=Ada'
//   · unknown routes answer 404 with JSON                  (not run)
//
//   1 of 3 steps passed.
//   hint: Read the name from the query string; fall back to "world" when it is missing.
// ```
// A step that did not pass is followed by its details (details.hpp) and, when StepResult::output is set,
// "server output (last lines):" with those lines. A run-level error (Report::message) and
// Report::server_output come after the steps, then the count, then the hint when the run did not pass.

#include <string>
#include <string_view>

#include "app/report/results.hpp"
#include "checker/report/text_style.hpp"

namespace roadwork::report {

/// One step: its line (mark ✓ pass, ✗ fail or error, · not run; name; time right-aligned to `style.width`;
/// "(not run)" for a step not run, see not_run.hpp) and, indented under it, its details when it ran and did
/// not pass and its server output when StepResult::output is set. Each line ends in '\n'. For live output:
/// print this as each step finishes, then render_summary.
std::string render_step(const StepResult& step, const TextStyle& style);

/// What follows the steps: an empty line (when there are steps), the run-level error with the server's
/// output, "N of M steps passed.", and the hint when the run did not pass.
std::string render_summary(const Report& report, const TextStyle& style);

/// Server output that arrived after render_summary (the sandbox's notes on a server's stop, which `check`
/// prints after the summary it shows while the server shuts down): "" for none, else an empty line and
/// "server output (last lines):" with the lines, as render_summary shows Report::server_output.
std::string render_server_output(std::string_view output, const TextStyle& style);

/// The whole report: render_step for each step, then render_summary.
std::string render_text(const Report& report, const TextStyle& style);

}  // namespace roadwork::report
