"""Every step kind of exercises/README.md end to end: `roadwork init`, `start` and `check` on the fixture pack
tests/fixtures/steps (ROADWORK_PACK_DIR), one exercise per kind, against real servers. For each kind, a server
(or learner test suite) that passes and one that fails with the message a learner reads.

The learner server is tests/fixtures/steps/server.py, with flags in roadwork.toml's `run` choosing the right
or the wrong behaviour; the learner's tests are small unittest files written into the project.
"""
import shutil
import signal
import socket
import subprocess
import tomllib
import unittest
import urllib.request

from harness import ROADWORK, SOURCE_DIR, WorkspaceTest

PACK = SOURCE_DIR / "tests" / "fixtures" / "steps"
SERVER = PACK / "server.py"

# A learner test file: `body` is the inside of a unittest.TestCase; `post` sends JSON to BASE_URL.
TEST_FILE = '''import json, os, unittest, urllib.error, urllib.request

BASE_URL = os.environ["BASE_URL"]


def post(path, value):
    request = urllib.request.Request(BASE_URL + path, data=json.dumps(value).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class NotesTest(unittest.TestCase):
%s
'''
CREATES = '''    def test_create(self):
        self.assertEqual(post("/notes", {"title": "milk"}), 201)
'''
REFUSES_EMPTY_TITLE = '''    def test_empty_title(self):
        self.assertEqual(post("/notes", {"title": ""}), 400)
'''
REFUSES_OTHER_PATHS = '''    def test_other_path(self):
        self.assertEqual(post("/other", {"title": "milk"}), 404)
'''
WRONG_STATUS = '''    def test_create(self):
        self.assertEqual(post("/notes", {"title": "milk"}), 200)
'''


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StepKindTest(WorkspaceTest):
    def setUp(self):
        super().setUp()
        self.env["ROADWORK_PACK_DIR"] = str(PACK)

    def start(self, exercise):
        """A python workspace with `exercise` started; returns (workspace, project folder)."""
        workspace = self.init("python")
        result = self.roadwork("start", exercise, cwd=workspace)
        self.assertEqual(result.code, 0, result)
        with open(PACK / "exercises" / exercise / "exercise.toml", "rb") as f:
            project = workspace / tomllib.load(f)["project"]
        shutil.copy(SERVER, project / "server.py")
        return workspace, project

    def check(self, exercise, flags="", tests=None):
        """Runs `roadwork check --json --keep-going` on `exercise` with the fixture server started with `flags`
        and, when given, the learner test methods `tests`; returns (result, {step name: step})."""
        workspace, project = self.start(exercise)
        if flags:
            config = workspace / "roadwork.toml"
            config.write_text(config.read_text().replace('run = "python3 server.py"',
                                                         f'run = "python3 server.py {flags}"'))
        if tests is not None:
            (project / "tests").mkdir()
            (project / "tests" / "test_notes.py").write_text(TEST_FILE % tests)
        result = self.roadwork("check", exercise, "--json", "--keep-going", cwd=workspace)
        self.assertIn(result.code, (0, 1), result)
        return result, {step["name"]: step for step in result.json()["tests"]}

    def assert_passes(self, exercise, flags="", tests=None):
        result, steps = self.check(exercise, flags, tests)
        self.assertEqual(result.code, 0, result)
        self.assertTrue(steps, result)
        self.assertTrue(all(step["status"] == "pass" for step in steps.values()), result)
        return steps

    def assert_step_fails(self, exercise, step_name, flags="", tests=None, kind=None):
        """Checks that the run fails at step `step_name`; returns that step with `message` cut to its first
        line (the JSON report adds the failed requests' details after it)."""
        result, steps = self.check(exercise, flags, tests)
        self.assertEqual(result.code, 1, result)
        step = steps[step_name]
        self.assertEqual(step["status"], "fail", result)
        if kind:
            self.assertEqual(step["kind"], kind)
        step["message"] = step["message"].split("\n")[0]
        return step

    # restart

    def test_restart_keeps_the_data_of_a_server_that_stores_it_in_a_file(self):
        steps = self.assert_passes("persist", "--store file")
        self.assertEqual(steps["the server restarts"]["kind"], "restart")

    def test_restart_loses_the_data_of_a_server_that_keeps_it_in_memory(self):
        _, steps = self.check("persist", "--store memory")
        self.assertEqual(steps["the server restarts"]["status"], "pass")
        read = steps["the note is still there after the restart"]
        self.assertEqual(read["status"], "fail")
        self.assertEqual(read["failures"][0]["actual"], "404")

    def test_restart_keeps_the_data_of_a_server_that_saves_it_on_sigterm(self):
        self.assert_passes("persist", "--store on-exit")

    def test_kill_restart_keeps_the_data_of_a_server_that_stores_it_as_it_goes(self):
        steps = self.assert_passes("persist-kill", "--store file")
        self.assertEqual(steps["the server is killed and starts again"]["kind"], "restart")

    def test_kill_restart_loses_the_data_of_a_server_that_saves_it_only_on_sigterm(self):
        _, steps = self.check("persist-kill", "--store on-exit")
        self.assertEqual(steps["the server is killed and starts again"]["status"], "pass")
        read = steps["the note is still there after the crash"]
        self.assertEqual(read["status"], "fail")
        self.assertEqual(read["failures"][0]["actual"], "404")

    def test_restart_on_a_database_made_by_a_script(self):
        # The first restart's script makes a users table with user 7, which the sql step then finds: the server
        # started on that file, not on its old one. The second script has a typo: the step's error says so.
        _, steps = self.check("seeded-db", "--store file")
        self.assertEqual(steps["started on a database with one user"]["status"], "pass")
        self.assertEqual(steps["the user the script wrote is there"]["status"], "pass")
        broken = steps["started on a database whose script SQLite refuses"]
        self.assertEqual(broken["status"], "error")
        self.assertRegex(broken["message"], r'^the database this step starts the server on could not be made: '
                                            r'broken\.sql: near "CREAT": syntax error')

    def test_restart_without_a_variable_passes_when_the_server_refuses_and_says_why(self):
        self.env["APP_SECRET"] = "from-roadworks-own-environment"  # unset also takes it out of this one
        steps = self.assert_passes("needs-secret", "--secret required")
        self.assertEqual(steps["GET /health answers after the refusal"]["status"], "pass")

    def test_restart_without_a_variable_fails_when_the_server_starts_anyway(self):
        step = self.assert_step_fails("needs-secret", "refuses to start without APP_SECRET", "--secret ignored",
                                      kind="restart")
        self.assertEqual(step["message"], "the server started without APP_SECRET; it must refuse to start (exit "
                                          "with a non-zero status)")

    def test_restart_without_a_variable_fails_when_the_refused_start_wrote_a_file(self):
        # creates_nothing: the refused start had an empty DATA_DIR of its own, and left a file in it.
        _, steps = self.check("needs-secret", "--secret after-a-file")
        step = steps["refuses to start without APP_SECRET"]
        self.assertEqual(step["status"], "fail")
        self.assertEqual(step["message"].splitlines()[0], "the server made `opened-too-early.db` in DATA_DIR before "
                                                          "it refused to start; check the settings before you open "
                                                          "the database or write anything")
        self.assertEqual(steps["GET /health answers after the refusal"]["status"], "pass")

    def test_restart_without_a_variable_fails_when_the_refusal_says_nothing(self):
        _, steps = self.check("needs-secret", "--secret quiet")
        step = steps["refuses to start without APP_SECRET"]
        self.assertEqual(step["status"], "fail")
        self.assertEqual(step["message"].splitlines()[0], "the server exited without APP_SECRET, but printed no "
                                                          "line that matches `APP_SECRET`; say which setting is "
                                                          "missing or wrong")
        self.assertEqual(steps["GET /health answers after the refusal"]["status"], "pass")

    # signal

    def test_signal_a_graceful_server_finishes_the_request_exits_0_and_comes_back(self):
        steps = self.assert_passes("shutdown")
        self.assertEqual(steps["SIGTERM lets the in-flight request finish, then exits 0"]["kind"], "signal")

    def test_signal_a_server_that_exits_1(self):
        step = self.assert_step_fails("shutdown", "SIGTERM lets the in-flight request finish, then exits 0",
                                      "--on-sigterm exit1", kind="signal")
        self.assertEqual(step["message"], "the server exited with status 1 on SIGTERM; expected 0")

    def test_signal_a_server_that_drops_the_request_in_flight(self):
        step = self.assert_step_fails("shutdown", "SIGTERM lets the in-flight request finish, then exits 0",
                                      "--on-sigterm drop", kind="signal")
        self.assertEqual(step["message"], "the request in flight when SIGTERM arrived did not complete as checked: "
                                          "a graceful shutdown finishes the requests in hand before exiting")
        self.assertTrue(step["failures"], "the failed request is shown")

    def test_logs_after_a_signal_judge_what_the_server_printed_while_shutting_down(self):
        _, steps = self.check("shutdown", "--goodbye plain")
        step = steps["what the server printed while shutting down is JSON lines too"]
        self.assertEqual(step["status"], "fail")
        self.assertRegex(step["message"], r"^line \d+ of what the server printed before SIGTERM stopped it is not a "
                                          r"JSON object: stopped, bye$")
        self.assertEqual(steps["SIGTERM lets the in-flight request finish, then exits 0"]["status"], "pass")
        # A restart step starts a new output: the goodbye of the server it stopped is not judged again.
        self.assertEqual(steps["after a restart, only what the new server printed is judged"]["status"], "pass")

    # [env]

    def test_env_values_get_the_runs_uid(self):
        steps = self.assert_passes("env-uid", "--print-env GREETING")
        self.assertEqual(steps["a restart step's env gets the uid too"]["status"], "pass")

    def test_env_value_without_the_uid_fails_the_pattern(self):
        # The same server printing another variable: the steps fail, so the pass above is the uid's doing.
        _, steps = self.check("env-uid", "--print-env OTHER")
        self.assertEqual(steps["the server got the run's uid in GREETING"]["status"], "fail")

    # burst

    def test_burst_distinct_ids_pass(self):
        steps = self.assert_passes("unique-ids")
        self.assertEqual(steps["20 concurrent creates get 20 different ids"]["kind"], "burst")

    def test_burst_a_racy_counter_repeats_an_id(self):
        step = self.assert_step_fails("unique-ids", "20 concurrent creates get 20 different ids", "--racy-ids",
                                      kind="burst")
        self.assertRegex(step["message"], r"^capture `id` repeated: \d+ appears in runs \d+ and \d+$")

    def test_burst_rate_limited_logins_get_429(self):
        self.assert_passes("rate-limit", "--rate-limit 5")

    def test_burst_without_rate_limit(self):
        step = self.assert_step_fails("rate-limit", "repeated failed logins get 429", kind="burst")
        self.assertEqual(step["message"], "all 20 runs got 401; expected at least one 429")

    # logs

    def test_logs_json_lines_pass(self):
        steps = self.assert_passes("json-logs", "--log json")
        self.assertEqual(steps["one JSON log line per request"]["kind"], "logs")

    def test_logs_plain_text_is_not_json(self):
        step = self.assert_step_fails("json-logs", "one JSON log line per request", "--log plain", kind="logs")
        self.assertRegex(step["message"],
                         r"^line 1 of the server's output is not a JSON object: listening on 127\.0\.0\.1:\d+$")
        self.assertIn("listening on", step["output"])

    def test_logs_request_lines_without_a_field_fail(self):
        step = self.assert_step_fails("json-logs", "one JSON log line per request", "--log json-no-duration",
                                      kind="logs")
        self.assertRegex(step["message"], r"^line \d+ of the server's output has no `duration_ms`: \{\"method\"")

    def test_logs_without_any_request_line_fail(self):
        step = self.assert_step_fails("json-logs", "one JSON log line per request", "--log none", kind="logs")
        self.assertEqual(step["message"], "the server printed no complete line; expected one JSON object per line")

    def test_logs_matches_a_line(self):
        self.assert_passes("startup-line", "--log plain")

    def test_logs_matches_no_line(self):
        step = self.assert_step_fails("startup-line", "the server says where it listens", "--log json", kind="logs")
        self.assertEqual(step["message"], r"no line of the server's output matches `listening on .*:\d+`")

    # sql

    def test_sql_hashed_passwords_pass(self):
        steps = self.assert_passes("hashing", "--passwords hashed")
        self.assertEqual(steps["passwords are not stored in plain text"]["kind"], "sql")

    def test_sql_plain_passwords_fail(self):
        step = self.assert_step_fails("hashing", "passwords are not stored in plain text", "--passwords plain",
                                      kind="sql")
        self.assertEqual(step["message"], r'row 1: password_hash "hunter2" does not match ^\$(2[aby]|argon2id|scrypt)\$')

    # password_storage

    def assert_password_storage_passes(self, mode):
        steps = self.assert_passes("password-storage", "--passwords " + mode)
        self.assertEqual(steps["passwords are stored as slow, salted hashes that verify"]["kind"], "password_storage")

    def test_password_storage_passes_phc_scrypt_at_the_floor(self):
        self.assert_password_storage_passes("phc-scrypt")

    def test_password_storage_passes_phc_pbkdf2_at_the_floor(self):
        self.assert_password_storage_passes("pbkdf2")

    def test_password_storage_passes_djangos_pbkdf2(self):
        self.assert_password_storage_passes("django")

    def test_password_storage_passes_bcrypt_at_the_floor(self):
        self.assert_password_storage_passes("bcrypt")

    def assert_password_storage_fails(self, mode, pattern):
        step = self.assert_step_fails("password-storage", "passwords are stored as slow, salted hashes that verify",
                                      "--passwords " + mode, kind="password_storage")
        self.assertRegex(step["message"], pattern)

    def test_password_storage_plain_passwords_fail_where_they_are(self):
        self.assert_password_storage_fails(
            "plain", r'^table users, row 1, column password_hash holds the password "correct horse battery" as '
                     r'typed: "correct horse battery"; store only a salted hash')

    def test_password_storage_a_base64_password_behind_a_hash_prefix_fails(self):
        self.assert_password_storage_fails(
            "base64", r'^table users, row 1, column password_hash holds the password "correct horse battery" '
                      r'base64-encoded: "\$scrypt\$ln=14,r=8,p=1\$')

    def test_password_storage_a_reversed_copy_in_another_table_fails(self):
        self.assert_password_storage_fails(
            "plain-copy", r'^table recovery, row 1, column hint holds the password "correct horse battery" '
                          r'reversed: "hint:yrettab esroh tcerroc"')

    def test_password_storage_a_cost_below_the_floor_fails(self):
        self.assert_password_storage_fails(
            "weak-scrypt", r'^row 1: password_hash "\$scrypt\$ln=10,r=8,p=1\$[^"]+": scrypt \(N = 2\^10, r = 8, '
                           r'p = 1\) is below the floor N = 2\^14, r = 8, p = 1$')

    def test_password_storage_a_hash_without_its_cost_is_not_recognised(self):
        self.assert_password_storage_fails(
            "hashed", r'^row 1: password_hash "\$scrypt\$[^"]+": it is not a password hash format roadwork recognises '
                      r'\(\$scrypt\$ln=…,r=…,p=…\$salt\$hash, ')

    def test_password_storage_a_fast_hash_dressed_as_scrypt_does_not_verify(self):
        self.assert_password_storage_fails(
            "sha256", r'^no stored hash verifies the password "correct horse battery": hashing it with a stored '
                      r"value's salt and parameters must give that value's hash \(2 values tried, the last row's "
                      r"scrypt \(N = 2\^14, r = 8, p = 1\)\)$")

    # command

    def test_command_against_the_learner_server(self):
        steps = self.assert_passes("own-tests", tests=CREATES)
        self.assertEqual(steps["your tests pass against your server"]["kind"], "command")

    def test_command_tests_that_fail_against_the_learner_server(self):
        step = self.assert_step_fails("own-tests", "your tests pass against your server", tests=WRONG_STATUS,
                                      kind="command")
        self.assertEqual(step["message"], "your tests failed against your server (exit status 1)")
        self.assertIn("AssertionError: 201 != 200", step["output"])

    def test_command_tests_that_catch_the_mutant(self):
        self.assert_passes("test-suite", tests=CREATES + REFUSES_EMPTY_TITLE + REFUSES_OTHER_PATHS)

    def test_command_tests_that_miss_the_mutants(self):
        # Every mutant not caught, in the order of their names, though check runs them at once.
        result, steps = self.check("test-suite", "", CREATES)
        self.assertEqual(result.code, 1, result)
        step = steps["your tests pass against the reference solution and catch each mutant"]
        self.assertEqual(step["status"], "fail", result)
        self.assertEqual(step["message"].split("\n")[:2],
                         ["mutant `accepts-empty-title` was not caught: your tests passed against it "
                          "(its bug: accepts a note without a title)",
                          "mutant `any-path-creates` was not caught: your tests passed against it "
                          "(its bug: creates a note at any path)"])

    def test_command_tests_that_miss_one_mutant(self):
        step = self.assert_step_fails(
            "test-suite", "your tests pass against the reference solution and catch each mutant",
            tests=CREATES + REFUSES_OTHER_PATHS, kind="command")
        self.assertEqual(step["message"], "mutant `accepts-empty-title` was not caught: your tests passed against it "
                                          "(its bug: accepts a note without a title)")

    def test_command_tests_that_fail_against_the_reference_solution(self):
        step = self.assert_step_fails(
            "test-suite", "your tests pass against the reference solution and catch each mutant", tests=WRONG_STATUS)
        self.assertEqual(step["message"], "your tests failed against the reference solution (exit status 1); a test "
                                          "that fails on a correct server checks the wrong thing")

    def test_a_later_exercise_does_not_grade_the_earlier_tests_against_the_mutants_again(self):
        steps = self.assert_passes("after-tests", tests=CREATES)
        self.assertEqual(list(steps), ["GET /health answers", "your tests still pass against your server"])

    # practice

    def test_practice_task_not_done_then_done(self):
        workspace = self.init("python")
        started = self.roadwork("start", "http-explorer", cwd=workspace)  # a task to read, no project folder
        self.assertEqual(started.code, 0, started)
        self.assertFalse((workspace / "explorer").exists())
        step = self.assert_practice(workspace, 1)
        self.assertEqual(step["message"],
                         "no request to /search has arrived yet: send GET /search with the query parameters q and page")

        port = free_port()
        server = subprocess.Popen([ROADWORK, "practice", "http-explorer", "--port", str(port)], cwd=workspace,
                                  env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            self.assertIn("Practice server", server.stdout.readline())  # it listens once the banner is out
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/search?q=shoes&page=2") as response:
                self.assertEqual(response.status, 200)
        finally:
            server.send_signal(signal.SIGINT)
            server.communicate(timeout=30)
        self.assertEqual(self.assert_practice(workspace, 0)["status"], "pass")

    def assert_practice(self, workspace, code):
        result = self.roadwork("check", "http-explorer", "--json", cwd=workspace)
        self.assertEqual(result.code, code, result)
        report = result.json()
        self.assertEqual(report["server_start_ms"], 0, "no server started")
        (step,) = report["tests"]
        self.assertEqual(step["kind"], "practice")
        return step


if __name__ == "__main__":
    unittest.main()
