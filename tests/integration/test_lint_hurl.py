"""`roadwork lint`, `roadwork hurl` against a real HTTP server, and `roadwork check --junit`."""
import http.server
import json
import threading
import tomllib
import unittest
import xml.etree.ElementTree as ElementTree

from harness import EXERCISES, WorkspaceTest

BROKEN = """GET {{host}}/health
HTTP 200
[Asserts]
jsonpath "$.status" equals "ok"
"""


class FixtureHandler(http.server.BaseHTTPRequestHandler):
    """GET /health, POST /items (creates item 7 named after the body), GET /items/7; else 404. JSON only."""
    protocol_version = "HTTP/1.1"  # kept-alive connections, as the runner uses them

    def answer(self, status, value, headers=()):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, text in headers:
            self.send_header(name, text)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/health":
            self.answer(200, {"status": "ok"})
        elif self.path == "/items/7":
            self.answer(200, {"id": 7, "name": "ada"})
        else:
            self.answer(404, {"error": "not found"})

    def do_POST(self):
        sent = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        if self.path == "/items":
            self.answer(201, {"id": 7, "name": sent.get("name")}, [("Location", "/items/7")])
        else:
            self.answer(404, {"error": "not found"})

    def log_message(self, *args):
        pass


def files_in_run_order(exercise):
    """The check files of an exercise in the order its steps run them, then those no step names."""
    steps = tomllib.loads((exercise / "exercise.toml").read_text())["steps"]
    ordered = []
    for step in steps:
        for key in ["hurl", "during", "burst", "after"]:
            if isinstance(step.get(key), str) and step[key].endswith(".hurl"):
                ordered.append(str(exercise / step[key]))
    rest = sorted(str(path) for path in exercise.glob("checks/*.hurl") if str(path) not in ordered)
    return list(dict.fromkeys(ordered)) + rest


class LintTest(WorkspaceTest):
    def write(self, name, text):
        path = self.tmp / name
        path.write_text(text)
        return name  # relative to the folder roadwork runs in, as an author types it

    def test_every_exercise_lints_clean_in_run_order_with_a_summary(self):
        exercises = sorted(path.parent for path in EXERCISES.glob("*/exercise.toml"))
        linted = 0
        for exercise in exercises:
            files = files_in_run_order(exercise)
            if not files:
                continue
            result = self.roadwork("lint", *files)
            self.assertEqual((result.code, result.err), (0, ""), result)
            self.assertRegex(result.out, rf"^{len(files)} files?, \d+ entr(y|ies): no errors\n$")
            linted += 1
        self.assertGreater(linted, 10)

    def test_the_summary_counts_files_and_entries(self):
        one = self.write("one.hurl", "GET {{host}}/health\nHTTP 200\n\nGET {{host}}/health\nHTTP 200\n")
        two = self.write("two.hurl", "GET {{host}}/health\nHTTP 200\n")
        self.assertEqual(self.roadwork("lint", one, two).out, "2 files, 3 entries: no errors\n")
        self.assertEqual(self.roadwork("lint", two).out, "1 file, 1 entry: no errors\n")

    def test_a_variable_nothing_sets_before_it_is_a_located_error(self):
        signup = self.write("signup.hurl", 'POST {{host}}/signup\n{"name": "ada-{{uid}}"}\nHTTP 201\n'
                                           '[Captures]\ntoken: jsonpath "$.token"\n')
        me = self.write("me.hurl", "GET {{host}}/me\nAuthorization: Bearer {{token}}\nHTTP 200\n[Asserts]\n"
                                   'jsonpath "$.id" == {{user_id}}\n')
        result = self.roadwork("lint", me)
        self.assertEqual(result.code, 2, result)
        self.assertEqual(result.out, "")
        message = ("is not defined here: no earlier entry or step captures it, no [Options] variable sets it, "
                   "and it is not a built-in (host, port, uid)")
        self.assertEqual(result.err,
                         f"me.hurl:2:23: error: variable `token` {message}\n"
                         "Authorization: Bearer {{token}}\n"
                         "                      ^\n"
                         f"me.hurl:5:20: error: variable `user_id` {message}\n"
                         'jsonpath "$.id" == {{user_id}}\n'
                         "                   ^\n")
        # The file that captures it, linted before: the run's order. Or the names, given.
        result = self.roadwork("lint", signup, me)
        self.assertEqual(result.code, 2, result)
        self.assertNotIn("`token`", result.err)
        self.assertIn("me.hurl:5:20: error: variable `user_id`", result.err)
        result = self.roadwork("lint", signup, me, "--variable", "user_id=7")
        self.assertEqual((result.code, result.err), (0, ""), result)
        result = self.roadwork("lint", me, "--variable", "token", "--variable", "user_id")
        self.assertEqual((result.code, result.err), (0, ""), result)
        # In the wrong order, the capture comes too late.
        self.assertIn("me.hurl:2:23: error: variable `token`", self.roadwork("lint", me, signup).err)

    def test_queries_and_filters_that_can_never_test_the_server_are_located_errors(self):
        name = self.write("redirect.hurl", "GET {{host}}/old\nHTTP 302\n[Asserts]\n"
                                           'url == "{{host}}/new"\n'
                                           'header "Location" location == "/new"\n'
                                           "\nGET {{host}}/old\n[Options]\nlocation: true\nHTTP 200\n[Asserts]\n"
                                           'url == "{{host}}/new"\n')
        result = self.roadwork("lint", name)
        self.assertEqual(result.code, 2, result)
        errors = [line for line in result.err.splitlines() if ": error: " in line]
        self.assertEqual(len(errors), 2, result.err)  # line 12 follows the redirect: its url is the server's
        self.assertTrue(errors[0].startswith("redirect.hurl:4:1: error: query `url` without `location: true` in "
                                             "[Options] is the URL this entry sends, whatever the server answers"),
                        errors[0])
        self.assertTrue(errors[1].startswith("redirect.hurl:5:19: error: filter `location` can never succeed "
                                             "here"), errors[1])

    def test_broken_file_gets_a_located_error_with_the_source_line_and_a_caret(self):  # and no summary
        name = self.write("broken.hurl", BROKEN)
        result = self.roadwork("lint", name)
        self.assertEqual(result.code, 2, result)
        self.assertEqual(result.out, "")
        self.assertEqual(result.err, "broken.hurl:4:21: error: predicate equals is not supported\n"
                                     'jsonpath "$.status" equals "ok"\n'
                                     "                    ^\n")

    def test_every_broken_file_is_reported_and_clean_ones_are_not(self):
        first = self.write("first.hurl", BROKEN)
        clean = self.write("clean.hurl", "GET {{host}}/health\nHTTP 200\n")
        second = self.write("second.hurl", "GET {{host}}/health\nHTTP 200\n[Nope]\n")
        result = self.roadwork("lint", first, clean, second)
        self.assertEqual(result.code, 2, result)
        self.assertIn("first.hurl:4:21: error: predicate equals is not supported", result.err)
        self.assertRegex(result.err, r"second\.hurl:3:1: error: .*\n\[Nope\]\n\^\n")
        self.assertNotIn("clean.hurl", result.err)

    def test_jsonpaths_and_regular_expressions_that_do_not_compile_are_located_errors(self):
        name = self.write("expressions.hurl", 'GET {{host}}/health\nHTTP 200\n[Captures]\nid: jsonpath "$..["\n'
                                              '[Asserts]\nbody matches /(unclosed/\n'
                                              'header "X" regex "[z-a]" == "x"\n'
                                              'jsonpath "$.items" jsonpath "$[" count == 1\n'
                                              'jsonpath "$.{{field}}[" exists\n')
        result = self.roadwork("lint", name, "--variable", "field")
        self.assertEqual(result.code, 2, result)
        errors = [line for line in result.err.splitlines() if ": error: " in line]
        self.assertEqual([line.split(": error: ")[0] for line in errors],
                         ["expressions.hurl:4:14", "expressions.hurl:6:14", "expressions.hurl:7:18",
                          "expressions.hurl:8:29"], result.err)  # a placeholder leaves line 9 to run time
        self.assertIn("`$..[` is not a valid JSONPath expression: expected a selector", errors[0])
        self.assertIn("`(unclosed` is not a valid regular expression", errors[1])

    def test_missing_file_is_an_error_naming_it(self):
        result = self.roadwork("lint", "nowhere.hurl")
        self.assertEqual(result.code, 2, result)
        self.assertEqual(result.err, "nowhere.hurl:1:1: error: cannot read file: No such file or directory\n")

    def test_lint_needs_a_file(self):
        result = self.roadwork("lint")
        self.assertEqual(result.code, 2, result)
        self.assertIn("FILE", result.err)


class HurlTest(WorkspaceTest):
    def setUp(self):
        super().setUp()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FixtureHandler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.host = f"http://127.0.0.1:{self.server.server_address[1]}"

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        super().tearDown()

    def write(self, name, text):
        (self.tmp / name).write_text(text)
        return name

    def hurl(self, *args):
        return self.roadwork("hurl", "--variable", f"host={self.host}", *args)

    def test_passing_file_prints_the_check_report_and_exits_0(self):
        name = self.write("health.hurl", 'GET {{host}}/health\nHTTP 200\n[Asserts]\njsonpath "$.status" == "ok"\n')
        result = self.hurl(name)
        self.assertEqual(result.code, 0, result)
        self.assertRegex(result.out, r"✓ health\.hurl +\d+ ms\n")
        self.assertIn("1 of 1 step passed.", result.out)

    def test_failing_file_shows_where_expected_and_actual_and_exits_1(self):
        name = self.write("wrong.hurl", 'GET {{host}}/health\nHTTP 200\n[Asserts]\njsonpath "$.status" == "down"\n')
        result = self.hurl(name)
        self.assertEqual(result.code, 1, result)
        self.assertIn("✗ wrong.hurl", result.out)
        self.assertIn("wrong.hurl:4:1", result.out)
        self.assertIn('expected: "down"', result.out)
        self.assertIn('actual:   "ok"', result.out)
        self.assertIn(f"curl -i '{self.host}/health'", result.out)

    def test_json_report_has_one_test_per_file_and_captures_carry_over(self):
        create = self.write("create.hurl", 'POST {{host}}/items\n{"name": "{{who}}"}\nHTTP 201\n'
                                           '[Captures]\nid: jsonpath "$.id"\n')
        read = self.write("read.hurl", 'GET {{host}}/items/{{id}}\nHTTP 200\n[Asserts]\n'
                                       'jsonpath "$.id" == {{id}}\njsonpath "$.name" == "{{who}}"\n')
        wrong = self.write("wrong.hurl", "GET {{host}}/nope\nHTTP 200\n")
        result = self.hurl("--json", "--variable", "who=ada", create, read, wrong)
        self.assertEqual(result.code, 1, result)
        report = result.json()
        self.assertEqual(report["status"], "fail")
        self.assertEqual([(test["name"], test["status"], test["kind"]) for test in report["tests"]],
                         [("create.hurl", "pass", "hurl"), ("read.hurl", "pass", "hurl"),
                          ("wrong.hurl", "fail", "hurl")])
        failure = report["tests"][2]["failures"][0]
        self.assertEqual((failure["file"], failure["line"], failure["expected"], failure["actual"]),
                         ("wrong.hurl", 2, "200", "404"))
        self.assertEqual(failure["request"]["url"], f"{self.host}/nope")

    def test_every_file_runs_after_one_fails_as_with_hurl_test(self):
        wrong = self.write("wrong.hurl", "GET {{host}}/nope\nHTTP 200\n")
        health = self.write("health.hurl", "GET {{host}}/health\nHTTP 200\n")
        result = self.hurl("--json", wrong, health)
        self.assertEqual(result.code, 1, result)
        self.assertEqual([test["status"] for test in result.json()["tests"]], ["fail", "pass"])

    def test_variables_are_numbers_or_booleans_when_json_says_so_else_strings(self):
        name = self.write("typed.hurl", 'GET {{host}}/items/7\nHTTP 200\n[Asserts]\n'
                                        'jsonpath "$.id" == {{number}}\njsonpath "$.name" == {{text}}\n'
                                        'variable "flag" == true\nvariable "zip" == "007"\n')
        result = self.hurl("--variable", "number=7", "--variable", "text=ada", "--variable", "flag=true",
                           "--variable", "zip=007", name)
        self.assertEqual(result.code, 0, result)

    def test_variable_without_equals_is_a_usage_error_naming_the_flag(self):
        name = self.write("health.hurl", "GET {{host}}/health\nHTTP 200\n")
        result = self.hurl("--variable", "oops", name)
        self.assertEqual(result.code, 2, result)
        self.assertIn("--variable", result.err)
        self.assertIn('"oops"', result.err)
        self.assertEqual(result.out, "")

    def test_parse_error_exits_2_before_any_request(self):
        name = self.write("broken.hurl", BROKEN)
        result = self.hurl(name)
        self.assertEqual(result.code, 2, result)
        self.assertIn("broken.hurl:4:21: error: predicate equals is not supported", result.err)
        self.assertEqual(result.out, "")

    def test_junit_report_for_hurl(self):
        name = self.write("health.hurl", "GET {{host}}/health\nHTTP 200\n")
        result = self.hurl("--junit", "out.xml", name)
        self.assertEqual(result.code, 0, result)
        suite = ElementTree.parse(self.tmp / "out.xml").getroot()
        self.assertEqual((suite.tag, suite.get("tests"), suite.get("failures")), ("testsuite", "1", "0"))
        self.assertEqual(suite.find("testcase").get("name"), "health.hurl")


class CheckJunitTest(WorkspaceTest):
    def test_check_junit_writes_well_formed_xml_and_keeps_the_terminal_report(self):
        workspace = self.init("python")
        self.roadwork("start", "hello-server", cwd=workspace)
        result = self.roadwork("check", "--junit", "starter.xml", cwd=workspace)
        self.assertEqual(result.code, 1, result)
        self.assertIn("✗", result.out)
        suite = ElementTree.parse(workspace / "starter.xml").getroot()
        self.assertEqual((suite.tag, suite.get("name")), ("testsuite", "hello-server"))
        cases = suite.findall("testcase")
        self.assertEqual(len(cases), int(suite.get("tests")))
        self.assertGreaterEqual(int(suite.get("failures")), 1)
        failed = [case for case in cases if case.find("failure") is not None]
        self.assertIn("expected:", failed[0].find("failure").text)

        self.install_solution(workspace, "hello-server", "python")
        result = self.roadwork("check", "--junit", "solution.xml", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        suite = ElementTree.parse(workspace / "solution.xml").getroot()
        self.assertEqual((suite.get("failures"), suite.get("errors")), ("0", "0"))

    def test_unwritable_junit_file_is_an_error_naming_it(self):
        workspace = self.init("python")
        self.roadwork("start", "hello-server", cwd=workspace)
        self.install_solution(workspace, "hello-server", "python")
        result = self.roadwork("check", "--junit", "no/such/dir/out.xml", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn("no/such/dir/out.xml", result.err)


if __name__ == "__main__":
    unittest.main()
