// The report writers: exact terminal text, the --json contract, JUnit XML. Reports are built by hand.

#include <doctest/doctest.h>

#include <string>

#include "app/report/json_writer.hpp"
#include "app/report/junit_writer.hpp"
#include "app/report/not_run.hpp"
#include "app/report/text_writer.hpp"
#include "checker/report/text_util.hpp"

using namespace roadwork;
using report::Verdict;

namespace {

constexpr auto kFile = "exercises/hello-server/checks/hello.hurl";

// The step width of the example in the task's description.
report::TextStyle plain() {
  report::TextStyle style;
  style.width = 66;
  return style;
}

report::StepResult passed_step(std::string name, double ms) {
  report::StepResult step;
  step.name = std::move(name);
  step.kind = "hurl";
  step.time_ms = ms;
  return step;
}

run::HttpCall call(std::string url, int status, double ms) {
  run::HttpCall http;
  http.method = "GET";
  http.url = url;
  http.status = status;
  http.time_ms = ms;
  return http;
}

run::AssertResult assert_result(int line, std::string source, bool passed, std::string expected,
                                std::string actual) {
  run::AssertResult result;
  result.location = {kFile, line, 1};
  result.source_text = std::move(source);
  result.passed = passed;
  result.expected = std::move(expected);
  result.actual = std::move(actual);
  return result;
}

// A step whose second assert fails: `jsonpath "$.message"` finds "Hello, world!".
report::StepResult failed_assert_step() {
  auto step = passed_step("GET /hello greets by name", 3.2);
  step.verdict = Verdict::Fail;
  run::EntryResult entry;
  entry.index = 1;
  entry.location = {kFile, 9, 1};
  entry.call = call("http://127.0.0.1:41234/hello?name=Ada", 200, 2.4);
  entry.asserts.push_back(assert_result(10, "HTTP 200", true, "200", "200"));
  entry.asserts.push_back(assert_result(12, R"(jsonpath "$.message" == "Hello, Ada!")", false,
                                        R"("Hello, Ada!")", R"("Hello, world!")"));
  step.files.push_back({kFile, {entry}, 3.1});
  return step;
}

report::Report failing_report() {
  report::Report report;
  report.exercise = "hello-server";
  report.pack = "backend";
  report.hint = R"(Read the name from the query string; fall back to "world" when it is missing.)";
  report.time_ms = 250;
  report.steps.push_back(passed_step("GET /health answers 200 with JSON", 4.4));
  report.steps.push_back(failed_assert_step());
  report.steps.push_back(report::not_run_step("unknown routes answer 404 with JSON", "hurl"));
  return report;
}

// The server died while a request was in flight: the entry has an error and no asserts ran.
report::Report entry_error_report() {
  report::Report report;
  report.exercise = "hello-server";
  report.pack = "backend";
  auto step = passed_step("GET /hello greets by name", 1500);
  step.verdict = Verdict::Fail;
  step.message = "the server stopped running during this step";
  step.output = "GET /hello?name=Ada\r\nKeyError: 'name'\n";
  run::EntryResult entry;
  entry.index = 1;
  entry.location = {"", 9, 1};  // the runner may leave the file to FileResult::path
  entry.call = call("http://127.0.0.1:41234/hello?name=Ada", 0, 0);
  entry.error = "connection refused";
  step.files.push_back({kFile, {entry}, 1500});
  report.steps.push_back(step);
  return report;
}

// The server never listened: no step ran.
report::Report run_error_report() {
  report::Report report;
  report.exercise = "hello-server";
  report.pack = "backend";
  report.hint = "Listen on the port in the PORT environment variable.";
  report.message = "the server exited with status 1 before listening on port 41234";
  report.server_output = "Traceback (most recent call last):\nModuleNotFoundError: No module named 'flask'\n";
  report.time_ms = 120;
  return report;
}

}  // namespace

TEST_CASE("text: a passing run is one line per step and the count") {
  report::Report report;
  report.hint = "never shown after a pass";
  report.steps.push_back(passed_step("GET /health answers 200 with JSON", 4.4));
  report.steps.push_back(passed_step("slow step", 1234));
  CHECK(report::render_text(report, plain()) ==
        "  ✓ GET /health answers 200 with JSON                         4 ms\n"
        "  ✓ slow step                                                1.2 s\n"
        "\n"
        "  2 of 2 steps passed.\n");
}

TEST_CASE("text: a failed assert shows where, expected vs actual, the request, curl and the hint") {
  CHECK(report::render_text(failing_report(), plain()) ==
        "  ✓ GET /health answers 200 with JSON                         4 ms\n"
        "  ✗ GET /hello greets by name                                 3 ms\n"
        "    exercises/hello-server/checks/hello.hurl:12:1\n"
        "      jsonpath \"$.message\" == \"Hello, Ada!\"\n"
        "      expected: \"Hello, Ada!\"\n"
        "      actual:   \"Hello, world!\"\n"
        "    request:   GET http://127.0.0.1:41234/hello?name=Ada → 200 in 2 ms\n"
        "    reproduce: curl -i 'http://127.0.0.1:41234/hello?name=Ada'\n"
        "  · unknown routes answer 404 with JSON                  (not run)\n"
        "\n"
        "  1 of 3 steps passed.\n"
        "  hint: Read the name from the query string; fall back to \"world\" when it is missing.\n");
}

TEST_CASE("text: with a serve command, the curl line says to start the server again on the curl's port") {
  auto style = plain();
  style.serve_command = "roadwork serve hello-server";
  CHECK(report::render_step(failed_assert_step(), style)
            .find("    reproduce: curl -i 'http://127.0.0.1:41234/hello?name=Ada'\n"
                  "               first start your server again, in another terminal: roadwork serve "
                  "hello-server "
                  "--port 41234\n") != std::string::npos);
  // Without one (roadwork hurl, check --url: the server is the user's own and still runs), the curl alone.
  CHECK(report::render_step(failed_assert_step(), plain()).find("first start") == std::string::npos);
}

TEST_CASE("every format names the rules a failed step checks, then its hints; a passed step shows none") {
  auto step = failed_assert_step();
  step.rules = {{"greets-by-name", "GET /hello?name=X answers {\"message\": \"Hello, X!\"}."}};
  step.hints = {"Read name from the query string."};
  CHECK(report::render_step(step, plain()) ==
        "  ✗ GET /hello greets by name                                 3 ms\n"
        "    exercises/hello-server/checks/hello.hurl:12:1\n"
        "      jsonpath \"$.message\" == \"Hello, Ada!\"\n"
        "      expected: \"Hello, Ada!\"\n"
        "      actual:   \"Hello, world!\"\n"
        "    request:   GET http://127.0.0.1:41234/hello?name=Ada → 200 in 2 ms\n"
        "    reproduce: curl -i 'http://127.0.0.1:41234/hello?name=Ada'\n"
        "    rule:      GET /hello?name=X answers {\"message\": \"Hello, X!\"}.\n"
        "    hint:      Read name from the query string.\n");
  report::Report run;
  run.exercise = "hello-server";
  run.steps = {step};
  const auto test = report::to_json(run)["tests"][0];
  CHECK(
      test["rules"] ==
      nlohmann::json::parse(
          R"([{"id": "greets-by-name", "rule": "GET /hello?name=X answers {\"message\": \"Hello, X!\"}."}])"));
  CHECK(test["message"].get<std::string>().find("rule:      GET /hello?name=X") != std::string::npos);
  CHECK(report::to_junit_xml(run).find(
            "rule:      GET /hello?name=X answers {&quot;message&quot;: &quot;Hello, "
            "X!&quot;}.\nhint:      Read name from the query string.") != std::string::npos);
  auto passed = passed_step("GET /health answers 200", 1);
  passed.rules = step.rules;
  passed.hints = step.hints;
  CHECK(report::render_step(passed, plain()) ==
        "  ✓ GET /health answers 200                                   1 ms\n");
}

TEST_CASE("text: a failed entry shows the start of the response body on one line") {
  auto step = failed_assert_step();
  auto& http = *step.files[0].entries[0].call;
  http.response_body = "{\"error\":\n  \"not implemented yet\"}";
  const auto text = report::render_step(step, plain());
  CHECK(text.find("    response:  {\"error\": \"not implemented yet\"}\n    reproduce:") !=
        std::string::npos);

  http.response_body = std::string(198, 'a') + "é" + std::string(100, 'b');  // é straddles the cut
  CHECK(report::render_step(step, plain()).find("response:  " + std::string(198, 'a') + "é… (300 bytes)\n") !=
        std::string::npos);
  http.response_body = std::string(199, 'a') + "é" + std::string(100, 'b');
  CHECK(report::render_step(step, plain()).find("response:  " + std::string(199, 'a') + "… (301 bytes)\n") !=
        std::string::npos);
  http.response_body = std::string("PNG\0\x01", 5);
  CHECK(report::render_step(step, plain()).find("response:  (5 bytes of binary data)\n") !=
        std::string::npos);
}

TEST_CASE("text: printing steps live then the summary gives the same text") {
  const auto report = failing_report();
  std::string live;
  for (const auto& step : report.steps) live += report::render_step(step, plain());
  live += report::render_summary(report, plain());
  CHECK(live == report::render_text(report, plain()));
}

TEST_CASE("text: an entry error shows the message, the error and the server output") {
  CHECK(report::render_text(entry_error_report(), plain()) ==
        "  ✗ GET /hello greets by name                                1.5 s\n"
        "    the server stopped running during this step\n"
        "    exercises/hello-server/checks/hello.hurl:9:1\n"
        "      connection refused\n"
        "    request:   GET http://127.0.0.1:41234/hello?name=Ada → no response\n"
        "    reproduce: curl -i 'http://127.0.0.1:41234/hello?name=Ada'\n"
        "    server output (last lines):\n"
        "      GET /hello?name=Ada\n"
        "      KeyError: 'name'\n"
        "\n"
        "  0 of 1 step passed.\n");
}

TEST_CASE("text: a command step's output is its test run's, and says so") {
  report::StepResult step;
  step.name = "your tests pass against your server";
  step.kind = "command";
  step.verdict = Verdict::Fail;
  step.time_ms = 900;
  step.message = "your tests failed against your server (exit status 1)";
  step.output = "FAIL: test_create\n";
  CHECK(report::render_step(step, plain()).find("    test output (last lines):\n      FAIL: test_create\n") !=
        std::string::npos);
}

TEST_CASE("text: a run-level error shows the error, the server output and the hint") {
  CHECK(report::render_text(run_error_report(), plain()) ==
        "  error: the server exited with status 1 before listening on port 41234\n"
        "    server output (last lines):\n"
        "      Traceback (most recent call last):\n"
        "      ModuleNotFoundError: No module named 'flask'\n"
        "\n"
        "  No step ran.\n"
        "  hint: Listen on the port in the PORT environment variable.\n");
}

TEST_CASE("text: long server output is cut to its last lines; multi-line values stay aligned") {
  auto report = entry_error_report();
  auto& step = report.steps[0];
  step.output.clear();
  for (int i = 1; i <= 5; ++i) step.output += "line " + std::to_string(i) + "\n";
  step.message.clear();
  step.files[0].entries[0].error = "first line\nsecond line";
  auto style = plain();
  style.max_output_lines = 2;
  CHECK(report::render_step(step, style) ==
        "  ✗ GET /hello greets by name                                1.5 s\n"
        "    exercises/hello-server/checks/hello.hurl:9:1\n"
        "      first line\n"
        "      second line\n"
        "    request:   GET http://127.0.0.1:41234/hello?name=Ada → no response\n"
        "    reproduce: curl -i 'http://127.0.0.1:41234/hello?name=Ada'\n"
        "    server output (last lines):\n"
        "      … 3 earlier lines not shown\n"
        "      line 4\n"
        "      line 5\n");
}

TEST_CASE("text: colour codes do not move the time column") {
  auto style = plain();
  const auto green = [](std::string_view s) { return "\x1b[32m" + std::string(s) + "\x1b[39m"; };
  style.pass = green;
  style.dim = green;
  const auto line = report::render_step(passed_step("GET /health answers 200 with JSON", 4.4), style);
  CHECK(
      line ==
      "  \x1b[32m✓\x1b[39m GET /health answers 200 with JSON                         \x1b[32m4 ms\x1b[39m\n");
  CHECK(report::display_width(line.substr(0, line.size() - 1)) == 66);
}

TEST_CASE("text helpers: durations and widths") {
  CHECK(report::format_duration(0.2) == "<1 ms");
  CHECK(report::format_duration(999.4) == "999 ms");
  CHECK(report::format_duration(999.6) == "1.0 s");
  CHECK(report::display_width("✓ é") == 3);
  CHECK(report::display_width("\x1b[1;31mab\x1b[0m") == 2);
}

TEST_CASE("json: Exercism's fields and roadwork's for a failed assert") {
  const auto json = report::to_json(failing_report());
  CHECK(json["version"] == 2);
  CHECK(json["status"] == "fail");
  CHECK(json["message"].is_null());
  CHECK(json["exercise"] == "hello-server");
  CHECK(json["pack"] == "backend");
  CHECK(json["time_ms"] == 250);
  CHECK(json["hint"] == failing_report().hint);
  CHECK(json["output"].is_null());
  REQUIRE(json["tests"].size() == 3);

  const auto& passed = json["tests"][0];
  CHECK(passed["name"] == "GET /health answers 200 with JSON");
  CHECK(passed["status"] == "pass");
  CHECK(passed["message"].is_null());
  CHECK(passed["output"].is_null());
  CHECK(passed["test_code"] == "");
  CHECK(passed["kind"] == "hurl");
  CHECK(passed["ran"] == true);
  CHECK(passed["time_ms"] == 4.4);
  CHECK(passed["failures"] == nlohmann::json::array());

  const auto& failed = json["tests"][1];
  CHECK(failed["status"] == "fail");
  CHECK(failed["test_code"] == kFile);
  CHECK(failed["message"] ==
        "exercises/hello-server/checks/hello.hurl:12:1\n"
        "  jsonpath \"$.message\" == \"Hello, Ada!\"\n"
        "  expected: \"Hello, Ada!\"\n"
        "  actual:   \"Hello, world!\"\n"
        "request:   GET http://127.0.0.1:41234/hello?name=Ada → 200 in 2 ms\n"
        "reproduce: curl -i 'http://127.0.0.1:41234/hello?name=Ada'");
  REQUIRE(failed["failures"].size() == 1);
  CHECK(failed["failures"][0] == nlohmann::json::parse(R"({
    "file": "exercises/hello-server/checks/hello.hurl", "line": 12, "column": 1,
    "assert": "jsonpath \"$.message\" == \"Hello, Ada!\"",
    "expected": "\"Hello, Ada!\"", "actual": "\"Hello, world!\"", "message": null,
    "request": {"method": "GET", "url": "http://127.0.0.1:41234/hello?name=Ada", "status": 200, "time_ms": 2.4},
    "curl": "curl -i 'http://127.0.0.1:41234/hello?name=Ada'"
  })"));

  const auto& not_run = json["tests"][2];
  CHECK(not_run["status"] == "fail");
  CHECK(not_run["message"] == "not run");
  CHECK(not_run["ran"] == false);
  CHECK(not_run["failures"] == nlohmann::json::array());
}

TEST_CASE("json: an entry error is a failure without an assert") {
  const auto json = report::to_json(entry_error_report());
  const auto& test = json["tests"][0];
  CHECK(test["output"] == "GET /hello?name=Ada\r\nKeyError: 'name'\n");
  CHECK(test["failures"][0] == nlohmann::json::parse(R"({
    "file": "exercises/hello-server/checks/hello.hurl", "line": 9, "column": 1,
    "assert": null, "expected": null, "actual": null, "message": "connection refused",
    "request": {"method": "GET", "url": "http://127.0.0.1:41234/hello?name=Ada", "status": 0, "time_ms": 0},
    "curl": "curl -i 'http://127.0.0.1:41234/hello?name=Ada'"
  })"));
}

TEST_CASE("json: errors carry a top-level message; invalid UTF-8 still dumps") {
  auto json = report::to_json(run_error_report());
  CHECK(json["status"] == "error");
  CHECK(json["message"] == "the server exited with status 1 before listening on port 41234");
  CHECK(json["output"] == run_error_report().server_output);
  CHECK(json["tests"] == nlohmann::json::array());

  auto report = failing_report();
  report.steps[1].verdict = Verdict::Error;
  report.steps[1].message = "time limit reached";
  report.steps[1].output = "bad byte \xFF";
  json = report::to_json(report);
  CHECK(json["status"] == "error");
  CHECK(json["message"] == "GET /hello greets by name: time limit reached");
  CHECK(json["tests"][1]["status"] == "error");
  CHECK(json.dump().find("bad byte \xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("junit: failures, skipped steps and a run-level error") {
  CHECK(report::to_junit_xml(failing_report()) ==
        R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="hello-server" tests="3" failures="1" errors="0" skipped="1" time="0.250">
  <testcase classname="roadwork.hello-server" name="GET /health answers 200 with JSON" time="0.004"/>
  <testcase classname="roadwork.hello-server" name="GET /hello greets by name" time="0.003">
    <failure message="jsonpath &quot;$.message&quot; == &quot;Hello, Ada!&quot;: expected &quot;Hello, Ada!&quot;, actual &quot;Hello, world!&quot;" type="assert">exercises/hello-server/checks/hello.hurl:12:1
  jsonpath &quot;$.message&quot; == &quot;Hello, Ada!&quot;
  expected: &quot;Hello, Ada!&quot;
  actual:   &quot;Hello, world!&quot;
request:   GET http://127.0.0.1:41234/hello?name=Ada → 200 in 2 ms
reproduce: curl -i &apos;http://127.0.0.1:41234/hello?name=Ada&apos;
</failure>
  </testcase>
  <testcase classname="roadwork.hello-server" name="unknown routes answer 404 with JSON" time="0.000">
    <skipped message="not run"/>
  </testcase>
</testsuite>
)");

  CHECK(report::to_junit_xml(run_error_report()) ==
        R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="hello-server" tests="1" failures="0" errors="1" skipped="0" time="0.120">
  <testcase classname="roadwork.hello-server" name="setup" time="0.000">
    <error message="the server exited with status 1 before listening on port 41234" type="error">the server exited with status 1 before listening on port 41234</error>
  </testcase>
  <system-out>Traceback (most recent call last):
ModuleNotFoundError: No module named &apos;flask&apos;
</system-out>
</testsuite>
)");
}

TEST_CASE("junit: markup and control characters are escaped or dropped") {
  report::Report report;
  report.exercise = "a&b";
  auto step = passed_step("<&\"'>", 1);
  step.verdict = Verdict::Error;
  step.message = "bad <&\"> \x01\x1b[31mred\x7f\nnext\tline";
  step.output = "]]> \xC2\x85 \xEF\xBF\xBE \xFF";
  report.steps.push_back(step);
  CHECK(report::to_junit_xml(report) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuite name=\"a&amp;b\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0.000\">\n"
        "  <testcase classname=\"roadwork.a&amp;b\" name=\"&lt;&amp;&quot;&apos;&gt;\" time=\"0.001\">\n"
        // The attribute drops what XML cannot hold; the failure text shows it written out, as the terminal
        // does.
        "    <error message=\"bad &lt;&amp;&quot;&gt; [31mred\" type=\"error\">bad &lt;&amp;&quot;&gt; "
        "\\x01\\x1b[31mred\\x7f\n"
        "next\tline\n"
        "</error>\n"
        "    <system-out>]]&gt;   \xEF\xBF\xBD</system-out>\n"
        "  </testcase>\n"
        "</testsuite>\n");
}
