"""roadwork practice: the practice server records what real curl sends, grades it live and for `check`, and
stops cleanly on Ctrl-C with nothing left behind."""
import json
import re
import signal
import socket
import subprocess
import tomllib
import unittest

from harness import EXERCISES, SOURCE_DIR, LiveRoadwork, WorkspaceTest

CURL_SH = EXERCISES / "http-explorer" / "solution" / "curl.sh"
TASKS = ["query-string", "json-post", "custom-header", "follow-redirect", "return-cookie", "cors-preflight"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def right_answers(quiz):
    """`--answer ID=VALUE` options that answer every question of a parsed quiz.toml right."""
    options = []
    for question in quiz["questions"]:
        if question["kind"] == "text":
            # The first accepted pattern with its anchors and optional characters (`\$?`, `:?`) dropped.
            pattern = question["accept"][0]
            value = re.sub(r"\\?.\?", "", pattern.strip("^$"))
            assert re.fullmatch(pattern, value), (pattern, value)
        else:
            value = ",".join(str(number) for number in question["answer"])
        options += ["--answer", f"{question['id']}={value}"]
    return options


def accepts_connections(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


class Practice(LiveRoadwork):
    """`roadwork practice http-explorer`, once it has printed its URL and the workspace's token."""

    def __init__(self, test, workspace, *args):
        super().__init__(test, workspace, "practice", "http-explorer", *args)
        banner = self.wait_for(r"export BASE_URL=(http://127\.0\.0\.1:(\d+))")
        self.base_url, self.port = banner.group(1), int(banner.group(2))
        self.token = self.wait_for(r"Your token: ([0-9a-f]{16})").group(1)


class PracticeTest(WorkspaceTest):
    def curl(self, *args):
        completed = subprocess.run(["curl", "-sS", "-o", "/dev/null", *args], capture_output=True, text=True,
                                   timeout=30)
        self.assertEqual(completed.returncode, 0, completed.stderr)

    def check(self, workspace, *flags):
        """`roadwork check http-explorer --json` in `workspace`."""
        return self.roadwork("check", "http-explorer", "--json", *flags, cwd=workspace)

    def next_command(self, workspace):
        """The command `roadwork` alone names as next."""
        result = self.roadwork(cwd=workspace)
        self.assertEqual(result.code, 0, result)
        match = re.search(r"^Next: (.*)$", result.out, re.M)
        self.assertIsNotNone(match, result)
        return match.group(1).strip()

    def follow_lessons_and_quizzes(self, workspace):
        """Reads the lessons and passes the quizzes the guide names, as a learner would, until it names
        something else; returns that command."""
        roadmap = tomllib.loads((SOURCE_DIR / "lessons" / "roadmap.toml").read_text())
        quizzes = {stage["id"]: stage["quiz"] for stage in roadmap["stages"] if "quiz" in stage}
        for _ in range(40):
            command = self.next_command(workspace)
            if command.startswith("roadwork lesson "):
                result = self.roadwork("lesson", command.split()[-1], cwd=workspace)
            elif command.startswith("roadwork quiz "):
                stage = command.split()[-1]
                quiz = tomllib.loads((SOURCE_DIR / "lessons" / quizzes[stage]).read_text())
                result = self.roadwork("quiz", stage, *right_answers(quiz), cwd=workspace)
            else:
                return command
            self.assertEqual(result.code, 0, result)
        self.fail("the guide kept naming lessons and quizzes")

    def start(self, workspace, *args):
        practice = Practice(self, workspace, *args)
        self.addCleanup(lambda: practice.process.poll() is None and practice.stop(signal.SIGKILL))
        return practice

    def test_the_reference_session_does_every_task(self):
        workspace = self.init("python")
        practice = self.start(workspace)
        env = dict(self.env, BASE_URL=practice.base_url)
        session = subprocess.run(["sh", str(CURL_SH)], cwd=workspace, env=env, capture_output=True, text=True,
                                 timeout=60)
        self.assertEqual(session.returncode, 0, session.stderr)
        practice.wait_for(r"All 6 tasks done")
        self.assertEqual(practice.stop(), 130, practice.text())
        for task in TASKS:
            self.assertIn(f"✓ task {task} done", practice.text())
        self.assertIn("Stopped the practice server: 6 of 6 tasks done", practice.text())
        self.assertFalse(accepts_connections(practice.port), "the practice server still listens")

        log = workspace / ".roadwork" / "practice" / "http-explorer" / "requests.jsonl"
        requests = [json.loads(line) for line in log.read_text().splitlines()]
        self.assertEqual([(r["method"], r["path"]) for r in requests],
                         [("GET", "/search"), ("POST", "/echo"), ("GET", "/secret"), ("GET", "/old"),
                          ("GET", "/new"), ("GET", "/login"), ("GET", "/profile"), ("OPTIONS", "/api/items")])
        echo = requests[1]
        self.assertEqual(json.loads(echo["body"]), {"title": "Learn HTTP", "priority": 1})
        self.assertIn(["X-Roadwork-Token", practice.token], requests[2]["headers"])
        self.assertEqual(requests[3]["client"], requests[4]["client"], "curl -L follows on one connection")
        self.assertEqual(requests[3]["response"]["status"], 302)
        for request in requests:
            self.assertRegex(request["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

        result = self.check(workspace)
        self.assertEqual(result.code, 0, result)
        report = result.json()
        self.assertEqual([test["status"] for test in report["tests"]], ["pass"] * 6, result)

    def test_stage_1_from_a_fresh_workspace_to_hello_server(self):
        """The whole of stage 1 as a learner meets it: the guide names practice, then check, and once the
        check passes and is recorded, the next stage's exercise."""
        workspace = self.init("python")
        self.assertEqual(self.follow_lessons_and_quizzes(workspace), "roadwork practice http-explorer")
        start = self.roadwork("start", "http-explorer", cwd=workspace)
        self.assertEqual(start.code, 0, start)
        self.assertIn("no project folder", start.out)
        self.assertIn("Next: run `roadwork practice http-explorer`", start.out)
        self.assertFalse((workspace / "explorer").exists(), "start made a project folder")
        serve = self.roadwork("serve", "http-explorer", cwd=workspace)
        self.assertEqual(serve.code, 2, serve)
        self.assertIn("http-explorer has no project folder: it grades the requests you send roadwork's practice "
                      "server; run `roadwork practice http-explorer`", serve.err)
        early = self.roadwork("check", "http-explorer", cwd=workspace)
        self.assertEqual(early.code, 1, early)
        self.assertEqual(self.next_command(workspace), "roadwork practice http-explorer")

        practice = self.start(workspace)
        session = subprocess.run(["sh", str(CURL_SH)], cwd=workspace, env=dict(self.env, BASE_URL=practice.base_url),
                                 capture_output=True, text=True, timeout=60)
        self.assertEqual(session.returncode, 0, session.stderr)
        practice.wait_for(r"All 6 tasks done")
        self.assertEqual(practice.stop(), 130, practice.text())
        self.assertEqual(self.next_command(workspace), "roadwork check http-explorer")

        result = self.roadwork("check", "http-explorer", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertIn("Checking http-explorer with the requests `roadwork practice` recorded", result.out)
        self.assertIn("6 of 6 steps passed.", result.out)
        progress = self.roadwork("progress", "--json", cwd=workspace)
        self.assertEqual(progress.code, 0, progress)
        explorer = [entry for entry in progress.json()["exercises"] if entry["exercise"] == "http-explorer"]
        self.assertEqual([entry["status"] for entry in explorer], ["passed"], progress)
        self.assertEqual(self.follow_lessons_and_quizzes(workspace), "roadwork start hello-server")

    def test_a_session_without_minus_L_says_to_add_it(self):
        workspace = self.init("python")
        practice = self.start(workspace)
        self.curl(f"{practice.base_url}/old")
        message = "no request to /new after /old: add -L so curl follows the redirect"
        practice.wait_for(re.escape(f"follow-redirect: {message}"))
        self.curl(f"{practice.base_url}/new")
        practice.wait_for(re.escape("follow-redirect: GET /new arrived as a request of its own, not by "
                                    "following the redirect from /old: send GET /old again with -L"))
        self.assertEqual(practice.stop(), 130, practice.text())
        self.assertIn("0 of 6 tasks done", practice.text())

        result = self.check(workspace, "--keep-going")  # the redirect's step is not the first
        self.assertEqual(result.code, 1, result)
        steps = {test["name"]: test for test in result.json()["tests"]}
        redirect = next(test for name, test in steps.items() if "redirect" in name)
        self.assertEqual(redirect["status"], "fail", result)
        self.assertIn("GET /new arrived as a request of its own", redirect["message"])

    def test_live_messages_name_what_is_missing(self):
        workspace = self.init("python")
        practice = self.start(workspace)
        self.curl("-d", '{"title": "t", "priority": 1}', f"{practice.base_url}/echo")
        practice.wait_for(re.escape("POST /echo → 415"))
        practice.wait_for(re.escape("json-post: your POST /echo arrived without Content-Type: "
                                    "application/json"))
        self.curl("-H", "X-Roadwork-Token: nope", f"{practice.base_url}/secret")
        practice.wait_for(re.escape(f"custom-header: your X-Roadwork-Token was `nope`, but this workspace's "
                                    f"token is `{practice.token}`"))
        self.curl("-H", "Content-Type: application/json", "-d", '{"title": "t", "priority": 1}',
                  f"{practice.base_url}/echo")
        practice.wait_for(re.escape("✓ task json-post done"))
        self.assertEqual(practice.stop(), 130)

    def test_the_token_and_finished_tasks_carry_over_to_the_next_session(self):
        workspace = self.init("python")
        port = free_port()
        first = self.start(workspace, "--port", str(port))
        self.assertEqual(first.base_url, f"http://127.0.0.1:{port}")
        self.curl(f"{first.base_url}/search?q=tea&page=2")
        first.wait_for(re.escape("✓ task query-string done"))
        self.assertEqual(first.stop(signal.SIGTERM), 143, first.text())

        second = self.start(workspace)
        self.assertEqual(second.token, first.token)
        second.wait_for(r"✓ query-string ")
        self.assertEqual(second.stop(), 130)

    def test_a_busy_port_and_an_exercise_without_practice_server_are_errors(self):
        workspace = self.init("python")
        with socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen()
            busy_port = str(busy.getsockname()[1])
            result = self.roadwork("practice", "http-explorer", "--port", busy_port, cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn("cannot listen on 127.0.0.1:", result.err)
        result = self.roadwork("practice", "hello-server", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn("hello-server has no practice server", result.err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
