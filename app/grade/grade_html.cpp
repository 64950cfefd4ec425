#include "app/grade/grade_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>

#include "app/core/html_page.hpp"
#include "checker/report/text_util.hpp"

namespace roadwork::grade {
namespace {

using nlohmann::json;

// object[key] when it is a string, else "": a stored report of another version may lack a field, and an
// entry that is no object has none (find() on it finds nothing).
std::string string_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

// object[key] when it is a boolean, else `otherwise`.
bool flag_of(const json& object, const char* key, bool otherwise) {
  const auto found = object.find(key);
  return found != object.end() && found->is_boolean() ? found->get<bool>() : otherwise;
}

// object[key] when it is an integer, else 0.
std::int64_t number_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_number_integer() ? found->get<std::int64_t>() : 0;
}

// object[key] when it is an array, else an empty one.
const json& array_of(const json& object, const char* key) {
  static const json empty = json::array();
  const auto found = object.find(key);
  return found != object.end() && found->is_array() ? *found : empty;
}

// A verdict cell's symbol and class: the matrix reads at a glance and still says it in words on hover.
std::string step_cell(const json& step) {
  if (!flag_of(step, "ran", true)) return "<td class=\"skip\" title=\"not run\">–</td>";
  const auto status = string_of(step, "status");
  const char* symbol = status == "pass" ? "✓" : status == "fail" ? "✗" : "!";
  return fmt::format("<td class=\"{}\" title=\"{}\">{}</td>", html_text(status), html_text(status), symbol);
}

std::string anchor(std::size_t index) { return fmt::format("submission-{}", index + 1); }

std::string class_table(const std::vector<GradeRecord>& grades) {
  std::string out =
      "<table class=\"grades\">\n<tr><th>submission</th><th>verdict</th><th>steps</th><th>time</th>"
      "<th>first failure</th></tr>\n";
  for (std::size_t i = 0; i < grades.size(); ++i) {
    const auto& grade = grades[i];
    const auto name = grade.verdict == "pass"
                          ? html_text(grade.submission)
                          : fmt::format("<a href=\"#{}\">{}</a>", anchor(i), html_text(grade.submission));
    out += fmt::format(
        "<tr><td>{}</td><td class=\"{}\">{}</td><td class=\"num\">{}/{}</td><td class=\"num\">{}</td>"
        "<td>{}</td></tr>\n",
        name, html_text(grade.verdict), html_text(grade.verdict), grade.steps_passed, grade.steps_total,
        html_text(report::format_duration(static_cast<double>(grade.duration_ms))),
        html_text(grade.first_failure));
  }
  return out + "</table>\n";
}

// Step names in the order of the reports, each once.
std::vector<std::string> step_names(const std::vector<json>& reports) {
  std::vector<std::string> names;
  for (const auto& report : reports) {
    for (const auto& step : array_of(report, "tests")) {
      const auto name = string_of(step, "name");
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  return names;
}

std::string step_matrix(const std::vector<GradeRecord>& grades, const std::vector<json>& reports) {
  const auto names = step_names(reports);
  std::string out = "<table class=\"matrix\">\n<tr><th>submission</th>";
  for (std::size_t i = 0; i < names.size(); ++i)
    out += fmt::format("<th class=\"step\" title=\"{}\">{}</th>", html_text(names[i]), i + 1);
  out += "</tr>\n";
  for (std::size_t i = 0; i < grades.size(); ++i) {
    std::map<std::string, const json*> steps;
    for (const auto& step : array_of(reports[i], "tests")) steps.emplace(string_of(step, "name"), &step);
    out += "<tr><td>" + html_text(grades[i].submission) + "</td>";
    for (const auto& name : names) {
      const auto found = steps.find(name);
      // A report without steps is of a server that never started: none of its steps ran.
      if (steps.empty())
        out += "<td class=\"skip\" title=\"not run\">–</td>";
      else
        out += found == steps.end() ? "<td class=\"skip\" title=\"not in this report\"></td>"
                                    : step_cell(*found->second);
    }
    out += "</tr>\n";
  }
  out += "</table>\n<ol class=\"steps\">\n";
  for (const auto& name : names) out += "<li>" + html_text(name) + "</li>\n";
  return out + "</ol>\n";
}

std::string pre(const std::string& text) { return "<pre>" + html_text(text) + "</pre>"; }

// One failed assert or entry error: where, the assert, expected and actual, and the request as curl.
std::string failure_details(const json& failure) {
  std::string out = "<dl class=\"failure\">\n";
  const auto add = [&](const char* label, const std::string& value, bool as_pre) {
    if (value.empty()) return;
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", label, as_pre ? pre(value) : html_text(value));
  };
  const auto line = number_of(failure, "line");
  add("at",
      line > 0 ? fmt::format("{}:{}:{}", string_of(failure, "file"), line, number_of(failure, "column"))
               : string_of(failure, "file"),
      false);
  add("assert", string_of(failure, "assert"), true);
  add("expected", string_of(failure, "expected"), true);
  add("actual", string_of(failure, "actual"), true);
  add("message", string_of(failure, "message"), true);
  add("curl", string_of(failure, "curl"), true);
  return out + "</dl>\n";
}

std::string failed_step(const json& step) {
  std::string out =
      fmt::format("<h4><span class=\"{}\">{}</span> {}</h4>\n", html_text(string_of(step, "status")),
                  html_text(string_of(step, "status")), html_text(string_of(step, "name")));
  for (const auto& rule : array_of(step, "rules"))
    out += "<p>Rule: " + html_text(string_of(rule, "rule")) + "</p>\n";
  if (array_of(step, "failures").empty()) {
    out += pre(string_of(step, "message"));
  } else {
    for (const auto& failure : array_of(step, "failures")) out += failure_details(failure);
  }
  if (!string_of(step, "output").empty()) out += "<p>Output:</p>\n" + pre(string_of(step, "output"));
  return out;
}

std::string failures(const std::vector<GradeRecord>& grades, const std::vector<json>& reports) {
  std::string out;
  for (std::size_t i = 0; i < grades.size(); ++i) {
    if (grades[i].verdict == "pass") continue;
    out += fmt::format("<section id=\"{}\">\n<h3>{} <span class=\"{}\">{}</span></h3>\n", anchor(i),
                       html_text(grades[i].submission), html_text(grades[i].verdict),
                       html_text(grades[i].verdict));
    if (!string_of(reports[i], "message").empty()) out += pre(string_of(reports[i], "message"));
    for (const auto& step : array_of(reports[i], "tests")) {
      if (flag_of(step, "ran", true) && string_of(step, "status") != "pass") out += failed_step(step);
    }
    if (!string_of(reports[i], "output").empty())
      out += "<p>Server output:</p>\n" + pre(string_of(reports[i], "output"));
    out += "</section>\n";
  }
  return out.empty() ? "<p>Every submission passed.</p>\n" : out;
}

}  // namespace

std::string grades_html(const std::string& exercise, const std::string& pack,
                        const std::vector<GradeRecord>& grades) {
  std::vector<json> reports;
  std::map<std::string, int> counts;
  for (const auto& grade : grades) {
    reports.push_back(json::parse(grade.report_json, nullptr, false));
    if (!reports.back().is_object()) reports.back() = json::object();
    ++counts[grade.verdict];
  }
  std::string body = "<h1>roadwork grade: " + html_text(exercise) + "</h1>\n";
  body += fmt::format("<p class=\"meta\">pack {} · {} {}: {} pass, {} fail, {} error</p>\n", html_text(pack),
                      grades.size(), grades.size() == 1 ? "submission" : "submissions", counts["pass"],
                      counts["fail"], counts["error"]);
  body += "<h2>Class</h2>\n" + class_table(grades);
  body += "<h2>Steps</h2>\n" + step_matrix(grades, reports);
  body += "<h2>Failures</h2>\n" + failures(grades, reports);
  return html_page("roadwork grade " + exercise, body);
}

}  // namespace roadwork::grade
