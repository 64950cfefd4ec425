#include "app/cli/grade_output.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "app/cli/report_file.hpp"
#include "app/grade/grade_html.hpp"
#include "app/grade/grade_reports.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"

namespace roadwork::cli {

void add_grade_report_flags(CLI::App& command, GradeReportFiles& files) {
  command.add_option("--json", files.json, "Write every submission's report as JSON to this file");
  command.add_option("--junit", files.junit, "Write every submission's report as JUnit XML to this file");
  command.add_option("--html", files.html,
                     "Write the class report as one static HTML page to this file (class table, "
                     "submission × step matrix, each failure with expected, actual and curl)");
}

void write_grade_reports(const GradeReportFiles& files, const std::string& exercise, const std::string& pack,
                         const std::vector<grade::GradeRecord>& grades) {
  if (!files.json.empty())
    write_report_file(files.json, grade::grades_json(exercise, pack, grades).dump(2) + "\n", "JSON");
  if (!files.junit.empty()) write_report_file(files.junit, grade::grades_junit(exercise, grades), "JUnit");
  if (!files.html.empty()) write_report_file(files.html, grade::grades_html(exercise, pack, grades), "HTML");
}

void print_grade_summary(const std::vector<grade::GradeRecord>& grades) {
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  const auto paint = [&](const std::string& verdict) {
    return verdict == "pass" ? style.pass(verdict) : style.fail(verdict);
  };
  fmt::print("{}", grade::summary_table(grades, term::terminal_width(STDOUT_FILENO), paint));
}

}  // namespace roadwork::cli
