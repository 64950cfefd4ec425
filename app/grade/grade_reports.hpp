#pragma once
// What `roadwork grade` reports: each submission's grade made from its check run, the summary table, and
// the --json and --junit files holding every submission's report.

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/grade/grade_db.hpp"
#include "app/report/results.hpp"

namespace roadwork::grade {

/// The grade of `submission` from its check run's report, graded at `graded_at_ms` (Unix epoch ms). Its
/// first failure is the run's error, else the first step that did not pass as "step name: why"; its JUnit
/// suite is named "EXERCISE.SUBMISSION", so CI readers group the cases by submission.
GradeRecord grade_of(const std::string& submission, const report::Report& report, std::int64_t graded_at_ms);

/// The summary table, one row per grade: submission, verdict, steps passed, time, first failure, cut to
/// `width` columns; then a line counting the verdicts. `verdict_style` colours a verdict ("pass", …).
std::string summary_table(const std::vector<GradeRecord>& grades, int width,
                          const std::function<std::string(const std::string&)>& verdict_style);

/// Every grade as one JSON document (`--json`), a stable contract: add fields, never rename them.
/// {"exercise": id, "pack": id, "submissions": [{"name", "status" (pass|fail|error), "steps_passed",
/// "steps_total", "time_ms", "first_failure" (string|null), "graded_at_ms", "report" (report::to_json)}]}
nlohmann::json grades_json(const std::string& exercise, const std::string& pack,
                           const std::vector<GradeRecord>& grades);

/// Every grade as one JUnit XML document (`--junit`): <testsuites> holding each submission's <testsuite>.
std::string grades_junit(const std::string& exercise, const std::vector<GradeRecord>& grades);

}  // namespace roadwork::grade
