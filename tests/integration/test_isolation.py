"""Hostile submissions against `roadwork grade` (strict limits, the default), and roadwork SIGKILLed mid-run.

Each hostile submission (tests/fixtures/hostile/submissions/) does its harm and then serves hello-server.
Every test asserts that the verdicts are true, that nothing outside the submission's own copy changed (the
class folder and the grader's reports, byte for byte), that no process is left (found in /proc by the marker
in the argv of every process of the run), and that the grading database holds no forged row — also for a
resumed run.
"""
import hashlib
import json
import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import time
import unittest
import uuid

from harness import ROADWORK, SOURCE_DIR, WorkspaceTest, exercise_code, marked_processes

HOSTILE = SOURCE_DIR / "tests" / "fixtures" / "hostile" / "submissions"


def snapshot(folder):
    """Every file under `folder` with its SHA-256."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


class IsolationTest(WorkspaceTest):
    def setUp(self):
        super().setUp()
        self.submissions = self.tmp / "class"
        self.submissions.mkdir()
        self.out = self.tmp / "class.roadwork-grade"
        self.marker = f"isolation-{uuid.uuid4().hex}"

    def tearDown(self):
        for pid in marked_processes(self.marker):  # a failed test leaves nothing behind either
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        super().tearDown()

    def add(self, name, honest, hostile=None):
        """A submission: hello-server's `honest` code ("solution" or "starter"), served as it is or by the
        hostile program `hostile` (a file of tests/fixtures/hostile/submissions/) after its harm."""
        notes = self.submissions / name / "notes"
        notes.mkdir(parents=True)
        shutil.copy(exercise_code("hello-server", "python", honest) / "server.py", notes / ("honest.py" if hostile else "server.py"))
        if hostile:
            shutil.copy(HOSTILE / "common.py", notes / "common.py")
            shutil.copy(HOSTILE / hostile, notes / "server.py")
        (self.submissions / name / "roadwork.toml").write_text(
            f'stack = "python"\n\n[projects.notes]\ndir = "notes"\nrun = "python3 server.py --marker={self.marker}"\n')

    def grade(self, *args, timeout=300):
        json_path = self.tmp / "grades.json"
        result = self.roadwork("grade", "hello-server", "--submissions", str(self.submissions), "--out",
                               str(self.out), "--json", str(json_path), *args, timeout=timeout)
        report = json.loads(json_path.read_text()) if json_path.exists() else {"submissions": []}
        return result, {s["name"]: (s["status"], s["report"].get("isolated")) for s in report["submissions"]}

    def database(self):
        with sqlite3.connect(self.out / "grades.db") as db:
            return {row[0]: row[1:] for row in db.execute(
                "SELECT submission, verdict, steps_passed, steps_total FROM grades")}

    def assert_graded(self, expected, *args):
        """Grades (then grades again, resumed, and with --regrade) and checks every verdict, the database and
        the class folder each time."""
        before = snapshot(self.submissions)
        for extra in [(), (), ("--regrade",)]:
            result, statuses = self.grade("--jobs", "2", *args, *extra)
            self.assertEqual({name: status for name, (status, _) in statuses.items()}, expected, result)
            self.assertTrue(all(isolated for _, isolated in statuses.values()), statuses)
            self.assertEqual({name: row[0] for name, row in self.database().items()}, expected)
            for name, (verdict, passed, total) in self.database().items():
                self.assertEqual(passed == total, verdict == "pass", (name, passed, total))
            for name, verdict in expected.items():
                row = next(line for line in result.out.splitlines() if line.split()[:1] == [name])
                self.assertIn(verdict, row)
            self.assertEqual(snapshot(self.submissions), before, "a file of the class folder changed")
            time.sleep(0.2)
            self.assertEqual(marked_processes(self.marker), [], "a process of the run survived")
        return result

    def test_a_submission_cannot_forge_grades(self):
        self.add("ada", "solution")
        self.add("bob", "starter")
        self.add("eve", "starter", "forge_grades.py")
        self.assert_graded({"ada": "pass", "bob": "fail", "eve": "fail"})

    def test_a_submission_can_neither_read_nor_edit_a_classmate(self):
        self.add("ada", "solution")
        self.add("bob", "solution")
        self.add("mallory", "starter", "steal_sibling.py")
        self.assert_graded({"ada": "pass", "bob": "pass", "mallory": "fail"})

    def test_a_submission_that_kills_every_process_it_sees_harms_only_itself(self):
        for name in ["ada", "bob", "cy"]:
            self.add(name, "solution")
        self.add("kim", "solution", "kill_all.py")
        result = self.assert_graded({"ada": "pass", "bob": "pass", "cy": "pass", "kim": "pass"})
        self.assertEqual(result.code, 0, result)

    def test_a_submission_that_kills_the_grader_does_not_stop_it(self):
        self.add("ada", "solution")
        self.add("kurt", "starter", "kill_grader.py")
        result = self.assert_graded({"ada": "pass", "kurt": "fail"})
        self.assertEqual(result.code, 1, result)
        self.assertIn("2 submissions: 1 pass, 1 fail, 0 error", result.out)

    def test_nothing_escapes_by_double_fork_setsid_and_a_clean_environment(self):
        self.add("ada", "solution")
        self.add("esc", "solution", "escape.py")
        self.assert_graded({"ada": "pass", "esc": "pass"})

    def test_a_project_folder_linked_to_a_classmates_is_refused(self):
        # Without a roadwork.toml grade finds the project folder by its files. One that links to a classmate's
        # would run that code as this submission's, in a folder its server could write.
        self.add("ada", "solution")
        (self.submissions / "copycat").mkdir()
        (self.submissions / "copycat" / "notes").symlink_to(self.submissions / "ada" / "notes")
        before = snapshot(self.submissions)
        result, statuses = self.grade("--jobs", "2")
        self.assertEqual({name: status for name, (status, _) in statuses.items()},
                         {"ada": "pass", "copycat": "error"}, result)
        reports = {s["name"]: s["report"] for s in json.loads((self.tmp / "grades.json").read_text())["submissions"]}
        self.assertEqual(reports["copycat"]["message"], "copycat/notes/ is a symbolic link out of the submission's "
                         "folder; roadwork grades only what is in it")
        self.assertEqual(snapshot(self.submissions), before, "a file of the class folder changed")

    def test_grade_hides_the_class_folder_and_its_output_from_the_servers(self):
        # A server that lists what it can see of the grader's folders, and fails if it sees anything.
        canary = self.tmp.parent / f"roadwork-canary-{uuid.uuid4().hex}"
        canary.write_text("in the grader's /tmp\n")
        self.addCleanup(canary.unlink)
        self.add("peek", "solution")
        (self.submissions / "peek" / "notes" / "server.py").write_text(
            "import os, sys\n"
            f"for folder in {[str(self.submissions), str(self.out)]!r}:\n"
            "    if os.path.isdir(folder) and os.listdir(folder) not in ([], ['runs']):\n"
            "        sys.exit('saw ' + folder + ': ' + ' '.join(os.listdir(folder)))\n"
            "if os.access('/etc/shadow', os.R_OK) or os.access('/usr/bin', os.W_OK):\n"
            "    sys.exit('the system is not read-only')\n"
            f"if os.path.exists({str(canary)!r}):\n"
            "    sys.exit('/tmp is not private')\n"
            + (exercise_code("hello-server", "python") / "server.py").read_text())
        self.assert_graded({"peek": "pass"})


class SigkillTest(WorkspaceTest):
    """roadwork SIGKILLed while it waits on a server: nothing of the server survives it, and the next run
    removes the run folders it left."""

    def setUp(self):
        super().setUp()
        self.marker = f"sigkill-{uuid.uuid4().hex}"

    def kill_when_hanging(self, args, cwd, processes=3):
        """Starts roadwork `args`, SIGKILLs it once `processes` carry the marker (the shell, the server and its
        child, and roadwork itself when the marker is in its arguments) and a request waits; returns once no
        process of the server is left, or fails after 5 s."""
        process = subprocess.Popen([ROADWORK, *args], cwd=cwd, env=self.env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(marked_processes(self.marker)) < processes:
            self.assertLess(time.monotonic(), deadline, "the server never started")
            time.sleep(0.02)
        time.sleep(0.5)
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 5
        while marked_processes(self.marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(marked_processes(self.marker), [], "a process of the server outlived roadwork")

    def hanging_run(self):
        return f"python3 {HOSTILE / 'hang_with_child.py'} --marker={self.marker}"

    def test_sigkill_during_check(self):
        workspace = self.init("python")
        self.assertEqual(self.roadwork("start", "hello-server", cwd=workspace).code, 0)
        config = workspace / "roadwork.toml"
        text = config.read_text()
        config.write_text(text.replace('run = "python3 server.py"', f'run = "{self.hanging_run()}"'))
        self.kill_when_hanging(["check"], workspace)
        runs = workspace / ".roadwork" / "runs"
        self.assertTrue(any(runs.iterdir()), "the killed run left no folder: the test tests nothing")
        config.write_text(text)
        self.roadwork("check", cwd=workspace)
        self.assertEqual(list(runs.iterdir()), [], "the next run did not remove the killed run's folder")

    def test_sigkill_during_grade(self):
        submissions = self.tmp / "class"
        (submissions / "ada").mkdir(parents=True)
        args = ["grade", "hello-server", "--submissions", str(submissions), "--run", self.hanging_run()]
        self.kill_when_hanging(args, self.tmp, processes=4)
        runs = self.tmp / "class.roadwork-grade" / "runs"
        self.assertTrue(any(runs.iterdir()), "the killed run left no folder: the test tests nothing")
        shutil.copy(exercise_code("hello-server", "python") / "server.py", submissions / "ada" / "server.py")
        result = self.roadwork("grade", "hello-server", "--submissions", str(submissions), "--run",
                               "python3 server.py")
        self.assertEqual(result.code, 0, result)
        self.assertEqual(list(runs.iterdir()), [], "the next run did not remove the killed run's folder")


@unittest.skipUnless(os.geteuid() == 0, "mounting a ramfs needs root")
class RefusingFilesystemTest(WorkspaceTest):
    """As root the sandbox binds the writable folders through idmapped mounts, which some filesystems refuse
    (ramfs here; NFS, a tmpfs before Linux 6.3). A project or grading output on one gets one line saying so
    and reports marked "not isolated", never a check that fails at every start."""

    def setUp(self):
        super().setUp()
        self.ramfs = self.tmp / "ramfs"
        self.ramfs.mkdir()

    def on_ramfs(self, *command, cwd):
        """`command` in a mount namespace of its own where a ramfs covers self.ramfs."""
        script = 'mount -t ramfs ramfs "$0" && cd "$1" && shift && exec "$@"'
        completed = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script,
                                    str(self.ramfs), str(cwd), *command],
                                   env=self.env, capture_output=True, text=True, timeout=120)
        return completed

    def refusal_lines(self, completed):
        return [line for line in completed.stderr.splitlines()
                if line.startswith("roadwork cannot isolate the servers here: the filesystem of")
                and "refuses idmapped mounts" in line and line.endswith("; they run unisolated")]

    def test_check_of_a_project_on_a_refusing_filesystem_runs_unisolated_and_says_so(self):
        project = exercise_code("hello-server", "python") / "server.py"
        roadwork = shlex.quote(ROADWORK)
        script = (f"{roadwork} init ws --stack python >/dev/null && cd ws && {roadwork} start hello-server"
                  f" >/dev/null && cp {shlex.quote(str(project))} notes/server.py && {roadwork} check hello-server")
        completed = self.on_ramfs("sh", "-c", script, cwd=self.ramfs)
        self.assertEqual(completed.returncode, 0, completed)
        self.assertEqual(len(self.refusal_lines(completed)), 1, completed.stderr)
        self.assertIn("not isolated", completed.stdout)
        self.assertIn("4 of 4 steps passed.", completed.stdout)

    def test_grade_with_its_output_on_a_refusing_filesystem_needs_unsafe(self):
        submissions = self.tmp / "class"
        (submissions / "ada").mkdir(parents=True)
        shutil.copy(exercise_code("hello-server", "python") / "server.py", submissions / "ada" / "server.py")
        args = ["grade", "hello-server", "--submissions", str(submissions), "--out", str(self.ramfs / "out")]
        refused = self.on_ramfs(ROADWORK, *args, cwd=self.tmp)
        self.assertEqual(refused.returncode, 2, refused)
        self.assertEqual(len(self.refusal_lines(refused)), 1, refused.stderr)
        self.assertIn("grade refuses to run submissions unisolated", refused.stderr)
        graded = self.on_ramfs(ROADWORK, *args, "--unsafe", "--json", str(self.tmp / "grades.json"), cwd=self.tmp)
        self.assertEqual(graded.returncode, 0, graded)
        report = json.loads((self.tmp / "grades.json").read_text())
        self.assertEqual([(s["name"], s["status"], s["report"]["isolated"]) for s in report["submissions"]],
                         [("ada", "pass", False)])


if __name__ == "__main__":
    unittest.main(verbosity=2)
