"""roadwork demo: the reference solution runs in the sandbox until Ctrl-C, then nothing of it is left."""
import json
import os
import re
import signal
import subprocess
import time
import unittest
import urllib.request

from harness import ROADWORK, WorkspaceTest, alive, exercise_code


def children(pid):
    """Every descendant of `pid`, from /proc/PID/task/*/children."""
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                direct = [int(child) for child in f.read().split()]
        except FileNotFoundError:
            continue
        for child in direct:
            found += [child, *children(child)]
    return found


def apply_unified_diff(diff, tree):
    """`tree` ({path: text}) with `diff` applied strictly: every old line where its hunk says."""
    lines, i, path = diff.split("\n"), 0, None
    while i < len(lines):
        if lines[i].startswith("+++ "):
            path = lines[i][len("+++ b/"):]
            old, new, cursor = tree.get(path, "").split("\n"), [], 0
            i += 1
            while i < len(lines) and lines[i].startswith("@@"):
                start, count = re.match(r"@@ -(\d+)(?:,(\d+))?", lines[i]).groups()
                at = int(start) - (0 if count == "0" else 1)
                new += old[cursor:at]
                cursor, i = at, i + 1
                while i < len(lines) and lines[i][:1] in (" ", "-", "+") and not lines[i].startswith("--- "):
                    kind, text = lines[i][0], lines[i][1:]
                    if kind != "+":
                        assert old[cursor] == text, (path, cursor + 1, old[cursor], text)
                        cursor += 1
                    if kind != "-":
                        new.append(text)
                    i += 1
            tree[path] = "\n".join(new + old[cursor:])
        else:
            i += 1
    return tree


class DemoTest(WorkspaceTest):
    def setUp(self):
        super().setUp()
        # The demo copies the solution into a folder under TMPDIR; the test's own folder shows what is left.
        self.env["TMPDIR"] = str(self.tmp)

    def start_demo(self, *args, cwd=None):
        demo = subprocess.Popen([ROADWORK, "demo", *args], cwd=cwd or self.tmp, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(self.end, demo)
        lines = []
        while True:
            line = demo.stdout.readline()
            if not line:
                self.fail("the demo ended before printing its URL:\n" + "".join(lines) + demo.stderr.read())
            lines.append(line)
            if match := re.search(r"runs at (http://127\.0\.0\.1:\d+)", line):
                return demo, match.group(1), lines

    @staticmethod
    def end(demo):
        if demo.poll() is None:
            demo.kill()
        demo.communicate()

    def stop_and_check_nothing_is_left(self, demo):
        pids = children(demo.pid)
        self.assertTrue(pids, "the reference solution runs as a child of roadwork")
        demo.send_signal(signal.SIGINT)
        out, err = demo.communicate(timeout=15)
        self.assertEqual(demo.returncode, 130, out + err)
        self.assertIn("Stopped the demo server.", out)
        time.sleep(0.1)
        self.assertEqual([pid for pid in pids if alive(pid)], [], "a process of the demo survived")
        self.assertEqual(list(self.tmp.glob("roadwork-demo-*")), [], "the demo's copy was left behind")

    def test_demo_outside_a_workspace_serves_the_python_solution_until_ctrl_c(self):
        demo, url, lines = self.start_demo("hello-server")
        self.assertIn("the python reference solution", lines[-1])
        with urllib.request.urlopen(url + "/health", timeout=10) as response:
            self.assertEqual(response.status, 200)
            self.assertEqual(json.load(response), {"status": "ok"})
        while "Ctrl-C" not in lines[-1]:
            lines.append(demo.stdout.readline())
        commands = [line.strip() for line in lines if line.strip().startswith("curl ")]
        self.assertGreaterEqual(len(commands), 3, lines)
        self.assertLessEqual(len(commands), 5, lines)
        self.assertIn(f"curl -i '{url}/health'", commands)
        self.stop_and_check_nothing_is_left(demo)

    def test_demo_gives_the_server_its_exercises_environment(self):
        # taskboard-ops refuses to start without TASKBOARD_SECRET, which its exercise.toml [env] sets.
        demo, url, _ = self.start_demo("taskboard-ops")
        with urllib.request.urlopen(url + "/health", timeout=10) as response:
            self.assertEqual(response.status, 200)
        self.stop_and_check_nothing_is_left(demo)

    def test_demo_in_a_workspace_uses_its_stack(self):
        workspace = self.init("node")
        demo, url, lines = self.start_demo("hello-server", cwd=workspace)
        self.assertIn("the node reference solution", lines[-1])
        with urllib.request.urlopen(url + "/hello?name=Ada", timeout=10) as response:
            self.assertEqual(json.load(response), {"message": "Hello, Ada!"})
        self.stop_and_check_nothing_is_left(demo)

    def test_demo_says_what_it_cannot_show(self):
        result = self.roadwork("demo", "http-explorer")
        self.assertEqual(result.code, 2, result)
        self.assertIn("roadwork practice http-explorer", result.err)
        result = self.roadwork("demo", "no-such-exercise")
        self.assertEqual(result.code, 2, result)
        self.assertIn("available:", result.err)


class DemoDiffTest(WorkspaceTest):
    def test_diff_shows_the_solutions_change_once_the_exercise_is_passed(self):
        workspace = self.init("python")
        refused = self.roadwork("demo", "taskboard-roles", "--diff", cwd=workspace)
        self.assertEqual(refused.code, 2, refused)
        self.assertIn("pass it first, or add --force", refused.err)
        shown = self.roadwork("demo", "taskboard-roles", "--diff", "--force", cwd=workspace)
        self.assertEqual(shown.code, 0, shown)
        self.assertIn("changes in that of taskboard-ownership", shown.out)
        self.assertNotIn("roadwork: starter", shown.out)
        # The diff, applied to the solution it starts from, gives this exercise's solution exactly.
        before = {p.relative_to(d).as_posix(): p.read_text()
                  for d in [exercise_code("taskboard-ownership", "python")] for p in d.rglob("*") if p.is_file()}
        after = {p.relative_to(d).as_posix(): p.read_text()
                 for d in [exercise_code("taskboard-roles", "python")] for p in d.rglob("*") if p.is_file()}
        self.assertEqual(apply_unified_diff(shown.out, before), after)
        first = self.roadwork("demo", "hello-server", "--diff", "--force", cwd=workspace)
        self.assertIn("hello-server begins the project notes", first.out)

    def test_a_passed_exercise_points_at_its_diff(self):
        workspace = self.init("python")
        self.assertEqual(self.roadwork("start", "echo-server", "--force", cwd=workspace).code, 0)
        self.install_solution(workspace, "echo-server", "python")
        checked = self.roadwork("check", "echo-server", cwd=workspace)
        self.assertEqual(checked.code, 0, checked)
        self.assertIn("roadwork demo echo-server --diff", checked.out)
        shown = self.roadwork("demo", "echo-server", "--diff", cwd=workspace)
        self.assertEqual(shown.code, 0, shown)
        self.assertIn("+++ b/server.py", shown.out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
