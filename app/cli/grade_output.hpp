#pragma once
// What `roadwork grade` and `roadwork grade merge` both give: the report files (--json, --junit, --html)
// and the summary table on stdout.

#include <string>
#include <vector>

#include "app/grade/grade_db.hpp"

namespace CLI {
class App;
}

namespace roadwork::cli {

/// The report files asked for; an empty path is not written.
struct GradeReportFiles {
  std::string json;
  std::string junit;
  std::string html;
};

/// Adds --json, --junit and --html to `command`, filling `files`.
void add_grade_report_flags(CLI::App& command, GradeReportFiles& files);

/// Writes each asked-for file for `grades` of `exercise` in `pack` (each replaced whole, report_file.hpp).
void write_grade_reports(const GradeReportFiles& files, const std::string& exercise, const std::string& pack,
                         const std::vector<grade::GradeRecord>& grades);

/// Prints the summary table of `grades` to stdout, verdicts coloured where stdout is a terminal.
void print_grade_summary(const std::vector<grade::GradeRecord>& grades);

}  // namespace roadwork::cli
