// The class report page from grades as the grading database holds them, including reports of an unexpected
// shape (another version's, a hand-edited database): the page is still made, and every text is escaped.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/grade/grade_html.hpp"

using roadwork::grade::GradeRecord;
using roadwork::grade::grades_html;

namespace {

GradeRecord record(const std::string& name, const std::string& verdict, const std::string& report_json) {
  GradeRecord grade;
  grade.submission = name;
  grade.verdict = verdict;
  grade.report_json = report_json;
  return grade;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a failed step shows its place, expected, actual and curl, escaped") {
  const auto page = grades_html(
      "hello-server", "backend",
      {record(
          "a<b>", "fail",
          R"({"tests": [{"name": "GET /health", "status": "fail", "ran": true, "failures": [{"file": "h.hurl",
                 "line": 7, "column": 1, "assert": "HTTP 200", "expected": "200", "actual": "<501>",
                 "curl": "curl -i 'http://127.0.0.1:1/health'"}]}]})")});
  CHECK(contains(page, "a&lt;b&gt;"));
  CHECK_FALSE(contains(page, "a<b>"));
  CHECK(contains(page, "h.hurl:7:1"));
  CHECK(contains(page, "<pre>&lt;501&gt;</pre>"));
  CHECK(contains(page, "curl -i &#39;http://127.0.0.1:1/health&#39;"));
  CHECK(contains(page, "<td class=\"fail\" title=\"fail\">✗</td>"));
}

TEST_CASE("reports of an unexpected shape still make a page") {
  const std::vector<GradeRecord> grades = {
      record("not-json", "error", "{"),
      record("a-list", "error", "[]"),
      record("odd-steps", "fail",
             R"({"tests": [1, "x", {"name": 2, "ran": null, "status": "fail", "failures": [3, {"line": "7"}],
                 "rules": {"id": 1}}], "message": 5})"),
  };
  std::string page;
  CHECK_NOTHROW(page = grades_html("hello-server", "backend", grades));
  CHECK(contains(page, "3 submissions: 0 pass, 1 fail, 2 error"));
  CHECK(contains(page, "odd-steps"));
}
