#include "app/grade/grade_reports.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/report/details.hpp"
#include "app/report/json_writer.hpp"
#include "app/report/junit_writer.hpp"
#include "app/report/not_run.hpp"
#include "checker/report/text_util.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::grade {
namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// `text` cut to `columns` code points, ending in "…" when it was longer.
std::string cut(const std::string& text, int columns) {
  if (report::display_width(text) <= columns) return text;
  std::string out;
  int used = 0;
  for (const char c : text) {
    const bool starts_code_point = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_code_point && ++used > columns - 1) break;
    out += c;
  }
  return out + "…";
}

std::string pad(const std::string& text, int width) {
  return text + std::string(static_cast<std::size_t>(std::max(0, width - report::display_width(text))), ' ');
}

// A JUnit document's <testsuite> element, without the XML declaration, indented under <testsuites>.
std::string suite_element(const std::string& document) {
  std::string out;
  for (const auto line : report::split_lines(document)) {
    if (!line.starts_with("<?xml")) out += "  " + std::string(line) + "\n";
  }
  return out;
}

}  // namespace

GradeRecord grade_of(const std::string& submission, const report::Report& report, std::int64_t graded_at_ms) {
  GradeRecord record;
  record.submission = submission;
  record.verdict = report::to_string(report.verdict());
  record.steps_total = static_cast<int>(report.steps.size());
  record.steps_passed =
      static_cast<int>(std::count_if(report.steps.begin(), report.steps.end(), [](const auto& step) {
        return report::ran(step) && step.verdict == report::Verdict::Pass;
      }));
  record.duration_ms = static_cast<std::int64_t>(report.time_ms);
  if (!report.message.empty()) {
    record.first_failure = first_line(report.message);
  } else {
    const auto failed = std::find_if(report.steps.begin(), report.steps.end(), [](const auto& step) {
      return report::ran(step) && step.verdict != report::Verdict::Pass;
    });
    if (failed != report.steps.end())
      record.first_failure = failed->name + ": " + report::failure_summary(*failed);
  }
  record.graded_at_ms = graded_at_ms;
  record.report_json = report::to_json(report).dump();
  // The suite and its classnames carry the submission: roadwork.EXERCISE.SUBMISSION.
  report::Report named = report;
  named.exercise = report.exercise + "." + submission;
  record.junit_xml = report::to_junit_xml(named);
  return record;
}

std::string summary_table(const std::vector<GradeRecord>& grades, int width,
                          const std::function<std::string(const std::string&)>& verdict_style) {
  struct Row {
    std::string name, verdict, steps, time, failure;
  };
  std::vector<Row> rows{{"submission", "verdict", "steps", "time", "first failure"}};
  std::map<std::string, int> counts;
  for (const auto& grade : grades) {
    // A folder's name and a server's answer may hold anything: shown with their control characters escaped.
    rows.push_back({text::escape_controls(grade.submission), grade.verdict,
                    fmt::format("{}/{}", grade.steps_passed, grade.steps_total),
                    report::format_duration(static_cast<double>(grade.duration_ms)),
                    text::escape_controls(grade.first_failure)});
    ++counts[grade.verdict];
  }
  int name_width = 0;
  for (const auto& row : rows) name_width = std::max(name_width, report::display_width(row.name));
  constexpr int kVerdict = 9, kSteps = 7, kTime = 9;
  const int failure_width = std::max(20, width - 2 - name_width - 2 - kVerdict - kSteps - kTime);
  std::string out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const auto verdict = i == 0 ? row.verdict : verdict_style(row.verdict);
    std::string line =
        "  " + pad(row.name, name_width + 2) + verdict +
        std::string(static_cast<std::size_t>(kVerdict - report::display_width(row.verdict)), ' ') +
        pad(row.steps, kSteps) + pad(row.time, kTime) + cut(row.failure, failure_width);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  out += fmt::format("\n  {} {}: {} pass, {} fail, {} error\n", grades.size(),
                     grades.size() == 1 ? "submission" : "submissions", counts["pass"], counts["fail"],
                     counts["error"]);
  return out;
}

nlohmann::json grades_json(const std::string& exercise, const std::string& pack,
                           const std::vector<GradeRecord>& grades) {
  auto submissions = nlohmann::json::array();
  for (const auto& grade : grades) {
    submissions.push_back(
        {{"name", grade.submission},
         {"status", grade.verdict},
         {"steps_passed", grade.steps_passed},
         {"steps_total", grade.steps_total},
         {"time_ms", grade.duration_ms},
         {"first_failure",
          grade.first_failure.empty() ? nlohmann::json(nullptr) : nlohmann::json(grade.first_failure)},
         {"graded_at_ms", grade.graded_at_ms},
         {"report", nlohmann::json::parse(grade.report_json)}});
  }
  return {{"exercise", exercise}, {"pack", pack}, {"submissions", std::move(submissions)}};
}

std::string grades_junit(const std::string& exercise, const std::vector<GradeRecord>& grades) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"roadwork grade " + exercise + "\">\n";
  for (const auto& grade : grades) out += suite_element(grade.junit_xml);
  return out + "</testsuites>\n";
}

}  // namespace roadwork::grade
