"""The command line on a real workspace: init, start, check (also --url), progress, roadmap, errors."""
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import unittest

from browser import Browser
from harness import SOURCE_DIR, WorkspaceTest, exercise_code


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CliTest(WorkspaceTest):
    def test_init_writes_workspace(self):
        workspace = self.init("node")
        config = (workspace / "roadwork.toml").read_text()
        self.assertIn('stack = "node"', config)
        self.assertTrue((workspace / ".roadwork").is_dir())

    def test_init_refuses_unknown_stack_and_changes_nothing(self):
        result = self.roadwork("init", "ws", "--stack", "cobol")
        self.assertEqual(result.code, 2, result)
        self.assertIn("--stack", result.err)
        self.assertFalse((self.tmp / "ws" / "roadwork.toml").exists())

    def test_init_twice_is_an_error(self):
        self.init("python")
        result = self.roadwork("init", "ws", "--stack", "python")
        self.assertEqual(result.code, 2, result)
        self.assertIn("already", result.err)

    def test_commands_outside_a_workspace_say_what_to_do(self):
        result = self.roadwork("check")
        self.assertEqual(result.code, 2, result)
        self.assertIn("roadwork init", result.err)

    def test_start_copies_starter_and_records_run_command(self):
        workspace = self.init("python")
        result = self.roadwork("start", "hello-server", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertTrue((workspace / "notes" / "server.py").is_file())
        config = (workspace / "roadwork.toml").read_text()
        self.assertIn("[projects.notes]", config)
        self.assertIn('run = "python3 server.py"', config)
        self.assertIn("GET /health", result.out)  # the task is shown

    def test_start_says_to_install_a_node_starters_dependencies(self):
        node = self.init("node")
        result = self.roadwork("start", "taskboard-auth", "--force", cwd=node)
        self.assertEqual(result.code, 0, result)
        self.assertIn("Next: run `npm install` in taskboard/, edit your server there", result.out)
        (node / "taskboard" / "node_modules").mkdir()
        again = self.roadwork("start", "taskboard-ownership", "--force", cwd=node)
        self.assertIn("Next: edit your server in taskboard/, then run `roadwork check`.", again.out)

    def test_start_never_overwrites_learner_code(self):
        workspace = self.init("python")
        self.roadwork("start", "hello-server", cwd=workspace)
        server = workspace / "notes" / "server.py"
        server.write_text("# my own work\n")
        result = self.roadwork("start", "notes-crud", "--force", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertEqual(server.read_text(), "# my own work\n")
        self.assertIn("kept your notes/server.py", result.out)

    def test_start_soft_gate_on_requires(self):
        workspace = self.init("python")
        result = self.roadwork("start", "notes-crud", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn("notes-crud builds on echo-server, which has not passed yet", result.err)
        self.assertIn("--force", result.err)

    def test_unknown_and_unwritten_exercises(self):
        workspace = self.init("python")
        result = self.roadwork("start", "nope", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertRegex(result.err, r"available: .*\bhello-server\b")

    def test_an_exercise_listed_without_a_folder_is_coming_soon(self):
        self.env["ROADWORK_PACK_DIR"] = str(SOURCE_DIR / "tests" / "fixtures" / "tutor")
        workspace = self.init("python")
        result = self.roadwork("start", "pong-later", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn("coming soon", result.err)

    def test_failed_check_shows_file_line_expected_actual_curl_and_hint(self):
        workspace = self.init("python")
        self.roadwork("start", "hello-server", cwd=workspace)
        result = self.roadwork("check", cwd=workspace)
        self.assertEqual(result.code, 1, result)
        self.assertIn("✗", result.out)
        self.assertRegex(result.out, r"exercises/hello-server/checks/\w+\.hurl:\d+:\d+")
        self.assertIn("expected:", result.out)
        self.assertIn("actual:", result.out)
        self.assertIn("curl -i", result.out)
        self.assertIn("hint:", result.out)

    def test_check_records_attempts_in_the_progress_store(self):
        workspace = self.init("python")
        self.roadwork("start", "hello-server", cwd=workspace)
        self.assertEqual(self.roadwork("check", cwd=workspace).code, 1)
        self.install_solution(workspace, "hello-server", "python")
        self.assertEqual(self.roadwork("check", cwd=workspace).code, 0)
        with sqlite3.connect(workspace / ".roadwork" / "progress.db") as db:
            verdicts = [row[0] for row in db.execute("SELECT verdict FROM attempts ORDER BY id")]
            report = json.loads(db.execute("SELECT report_json FROM attempts ORDER BY id DESC").fetchone()[0])
        self.assertEqual(verdicts, ["fail", "pass"])
        self.assertEqual(report["status"], "pass")
        result = self.roadwork("progress", "--json", cwd=workspace)
        rows = {row["exercise"]: row for row in result.json()["exercises"]}
        self.assertEqual(rows["hello-server"]["status"], "passed")
        self.assertEqual(rows["hello-server"]["attempts"], 2)
        self.assertEqual(rows["notes-crud"]["status"], "not started")
        table = self.roadwork("progress", "--html", "progress.html", cwd=workspace)
        self.assertRegex(table.out, r"hello-server\s+passed\s+2\s+pass")

        # The same table as a page, read in a browser: one table per stage, titled as the roadmap.
        with Browser() as browser:
            page = browser.load(workspace / "progress.html")
            page.screenshot(os.path.join(os.environ.get("ROADWORK_BUILD_DIR", str(self.tmp)), "test-artifacts",
                                         "progress.png"))
            lines = page.text().splitlines()
            self.assertEqual(page.evaluate("document.querySelectorAll('h2').length"),
                             len({row["stage"] for row in result.json()["exercises"]}))
        self.assertIn("roadwork progress: backend", lines)
        self.assertIn(f"1 of {len(rows)} exercises passed", lines)
        self.assertTrue(any(re.match(r"hello-server\tpassed\t2\tpass \(4/4 steps\) at \d{4}-", line) for line in lines),
                        lines)
        self.assertTrue(any(line.startswith("notes-crud\tnot started\t0") for line in lines), lines)

    def test_check_url_against_a_server_the_learner_started(self):
        workspace = self.init("python")
        self.roadwork("start", "hello-server", cwd=workspace)
        port = free_port()
        solution = exercise_code("hello-server", "python") / "server.py"
        server = subprocess.Popen([sys.executable, str(solution)], env=dict(os.environ, PORT=str(port)),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(500):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.01)
            result = self.roadwork("check", "hello-server", "--url", f"http://127.0.0.1:{port}", cwd=workspace)
            self.assertEqual(result.code, 0, result)
        finally:
            server.terminate()
            server.wait()

    def test_server_that_never_starts_gets_a_clear_verdict(self):
        workspace = self.init("python")
        self.roadwork("start", "hello-server", cwd=workspace)
        (workspace / "notes" / "server.py").write_text("import sys\nprint('boom: missing config')\nsys.exit(3)\n")
        result = self.roadwork("check", cwd=workspace)
        self.assertEqual(result.code, 1, result)
        self.assertIn("exited with status 3", result.out)
        self.assertIn("boom: missing config", result.out)

    def test_malformed_workspace_file_names_line_and_column(self):
        workspace = self.init("python")
        (workspace / "roadwork.toml").write_text('stack = "python"\n[projects.notes]\ndir = 3\n')
        result = self.roadwork("check", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertRegex(result.err, r"roadwork\.toml:3:\d+: error: `dir` must be a string")

    def test_roadmap_lists_all_ten_stages(self):
        workspace = self.init("python")
        result = self.roadwork("roadmap", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        for stage in ["How the web works", "hello-server", "taskboard-concurrency"]:
            self.assertIn(stage, result.out)
        self.assertRegex(result.out, r"10\. ")

    def test_status_shows_next_command(self):
        result = self.roadwork()
        self.assertIn("roadwork init", result.out)
        workspace = self.init("python")
        self.assertIn("Next: roadwork lesson request-response", self.roadwork(cwd=workspace).out)
        self.roadwork("start", "hello-server", cwd=workspace)
        self.assertIn("Next: roadwork check hello-server", self.roadwork(cwd=workspace).out)

    def test_reading_the_course_needs_no_workspace_and_records_nothing(self):
        note = "Not in a roadwork workspace, so nothing is recorded"
        result = self.roadwork("roadmap")
        self.assertEqual(result.code, 0, result)
        self.assertIn("How the web works", result.out)
        self.assertIn(note, result.out)
        result = self.roadwork("lesson", "request-response")
        self.assertEqual(result.code, 0, result)
        self.assertIn("Lesson 1 of", result.out)
        self.assertIn(note, result.out)
        result = self.roadwork("quiz", "--help")
        self.assertEqual(result.code, 0, result)
        self.assertIn("--answer", result.out)
        result = self.roadwork("quiz", "web-fundamentals", "--answer", "safe-method=2")
        self.assertIn("This time: 1 right, 0 wrong", result.out, result)
        self.assertIn(note, result.out)
        self.assertEqual(sorted(p.name for p in self.tmp.iterdir()), [], "nothing may be written")

    def test_help_and_version(self):
        self.assertEqual(self.roadwork("--help").code, 0)
        version = self.roadwork("--version").out
        commit = subprocess.run(["git", "-C", str(SOURCE_DIR), "rev-parse", "--short=12", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
        self.assertRegex(version, r"^roadwork \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}|unknown)\)\n$")
        if commit:  # a source tree without git history (an unpacked tarball) says "commit unknown"
            self.assertIn(commit, version)
        self.assertEqual(self.roadwork("check", "--help").code, 0)
        self.assertEqual(self.roadwork("--no-such-flag").code, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
