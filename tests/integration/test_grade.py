"""`roadwork grade`: parallel grading of a folder of submissions, its reports, resuming and Ctrl-C.

Submissions are copies of hello-server's reference solution (pass) and starter (fail), and broken ones
(error). Every server runs with a marker in its argv, so the tests can check in /proc that none survives.
"""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
import unittest
import uuid
import xml.etree.ElementTree as ElementTree

from browser import Browser
from harness import ROADWORK, WorkspaceTest, exercise_code, marked_processes



class GradeTest(WorkspaceTest):
    def setUp(self):
        super().setUp()
        self.submissions = self.tmp / "submissions"
        self.submissions.mkdir()
        self.marker = f"grade-{uuid.uuid4().hex}"

    def add(self, name, kind):
        """A submission folder: `solution` or `starter` of hello-server with its roadwork.toml, `slow` (the
        solution after a second's start-up), `missing` (no roadwork.toml), `broken` (a run command that
        fails)."""
        folder = self.submissions / name
        (folder / "notes").mkdir(parents=True)
        if kind == "missing":
            return
        source = exercise_code("hello-server", "python", "starter" if kind == "starter" else "solution") / "server.py"
        shutil.copy(source, folder / "notes" / "server.py")
        run = {"broken": "python3 no_such_file.py", "slow": "sleep 1; python3 server.py"}.get(kind, "python3 server.py")
        (folder / "roadwork.toml").write_text(
            f'stack = "python"\n\n[projects.notes]\ndir = "notes"\nrun = "{run} --marker={self.marker}"\n')

    def grade(self, *args, timeout=300):
        return self.roadwork("grade", "hello-server", "--submissions", str(self.submissions), *args, timeout=timeout)

    def database(self):
        return sqlite3.connect(self.tmp / "submissions.roadwork-grade" / "grades.db")

    def graded_at(self):
        with self.database() as db:
            return dict(db.execute("SELECT submission, graded_at_ms FROM grades"))

    def assert_nothing_left(self):
        time.sleep(0.1)
        self.assertEqual(marked_processes(self.marker), [], "a server survived")

    def test_grades_every_submission_in_parallel_with_reports(self):
        for name, kind in [("ada", "solution"), ("bob", "starter"), ("cy", "missing"), ("di", "broken"),
                           ("ed", "solution")]:
            self.add(name, kind)
        json_path, junit_path = self.tmp / "grades.json", self.tmp / "grades.xml"
        result = self.grade("--jobs", "2", "--json", str(json_path), "--junit", str(junit_path))
        self.assertEqual(result.code, 1, result)  # not every submission passed
        self.assert_nothing_left()

        # The summary table: one row per submission, with its verdict, steps, and first failure.
        rows = {line.split()[0]: line for line in result.out.splitlines() if line.startswith("  ") and line.split()}
        self.assertIn("pass", rows["ada"])
        self.assertIn("4/4", rows["ada"])
        self.assertIn("fail", rows["bob"])
        self.assertIn("error", rows["cy"])
        self.assertIn("no roadwork.toml, server.py", rows["cy"])
        self.assertIn("error", rows["di"])
        self.assertIn("5 submissions: 2 pass, 1 fail, 2 error", result.out)
        self.assertIn("[5/5]", result.out)  # plain progress lines when not on a terminal

        report = json.loads(json_path.read_text())
        self.assertEqual(report["exercise"], "hello-server")
        statuses = {s["name"]: s["status"] for s in report["submissions"]}
        self.assertEqual(statuses, {"ada": "pass", "bob": "fail", "cy": "error", "di": "error", "ed": "pass"})
        bob = next(s for s in report["submissions"] if s["name"] == "bob")
        self.assertEqual(bob["report"]["status"], "fail")
        self.assertTrue(bob["first_failure"])
        di = next(s for s in report["submissions"] if s["name"] == "di")
        self.assertIn("before listening", di["first_failure"])

        suites = ElementTree.parse(junit_path).getroot()
        self.assertEqual(suites.tag, "testsuites")
        self.assertEqual([s.get("name") for s in suites], [f"hello-server.{n}" for n in ["ada", "bob", "cy", "di", "ed"]])

        with self.database() as db:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            self.assertEqual(db.execute("SELECT count(*) FROM grades").fetchone()[0], 5)

    def test_a_second_run_resumes_and_regrade_starts_over(self):
        for name in ["ada", "bob"]:
            self.add(name, "solution")
        self.assertEqual(self.grade().code, 0)
        first = self.graded_at()

        self.add("cy", "starter")
        again = self.grade()
        self.assertEqual(again.code, 1, again)
        self.assertIn("2 already graded", again.out)
        self.assertIn("[1/1] cy: fail", again.out)
        self.assertIn("3 submissions: 2 pass, 1 fail, 0 error", again.out)
        self.assertEqual({k: v for k, v in self.graded_at().items() if k != "cy"}, first)

        regraded = self.grade("--regrade")
        self.assertEqual(regraded.code, 1, regraded)
        self.assertIn("[3/3]", regraded.out)
        self.assertTrue(all(self.graded_at()[name] > first[name] for name in first))
        self.assert_nothing_left()

    def test_a_run_template_starts_submissions_without_roadwork_toml(self):
        for name in ["ada", "bob"]:
            folder = self.submissions / name
            folder.mkdir()
            shutil.copy(exercise_code("hello-server", "python") / "server.py", folder / "server.py")
        out = self.tmp / "out"
        result = self.grade("--run", f"python3 {{dir}}/server.py --name={{name}} --marker={self.marker}", "--out",
                            str(out))
        self.assertEqual(result.code, 0, result)
        self.assertIn("2 submissions: 2 pass, 0 fail, 0 error", result.out)
        self.assertTrue((out / "grades.db").exists())
        self.assert_nothing_left()

    def test_a_mixed_class_is_graded_by_what_each_folder_holds(self):
        def folder(name, files):
            for path, text in files.items():
                (self.submissions / name / path).parent.mkdir(parents=True, exist_ok=True)
                (self.submissions / name / path).write_text(text)

        python = (exercise_code("hello-server", "python") / "server.py").read_text()
        node = (exercise_code("hello-server", "node") / "server.js").read_text()
        started = json.dumps({"name": "js", "scripts": {"start": f"node server.js --marker={self.marker}"}})
        folder("py", {"server.py": python})                                   # a python project folder
        folder("js", {"server.js": node, "package.json": started})            # node, no node_modules
        folder("plain", {"server.js": node, "package.json": '{"name": "plain"}'})  # no start script
        folder("ws", {"notes/server.py": python})                             # a workspace without its toml
        folder("both", {"server.py": python, "package.json": started})
        folder("none", {"README.md": "my server\n"})
        folder("nostart", {"package.json": '{"scripts": {"test": "node --test"}}'})
        json_path = self.tmp / "grades.json"
        result = self.grade("--jobs", "2", "--json", str(json_path))
        self.assertEqual(result.code, 1, result)
        self.assert_nothing_left()
        self.assertIn("7 submissions: 4 pass, 0 fail, 3 error", result.out)
        reports = {s["name"]: s["report"] for s in json.loads(json_path.read_text())["submissions"]}
        for name in ["py", "js", "plain", "ws"]:
            self.assertEqual(reports[name]["status"], "pass", reports[name])
        self.assertEqual(reports["both"]["message"], "both/ holds both server.py and package.json: add a "
                         "roadwork.toml that says which one runs, or grade with --run")
        self.assertEqual(reports["none"]["message"], "no roadwork.toml, server.py or package.json in none/ (nor "
                         "in none/notes/), and no --run template to start its server")
        self.assertEqual(reports["nostart"]["message"],
                         "nostart/package.json has no start script, and there is no server.js beside it")
        self.assertFalse((self.submissions / "js" / "node_modules").exists(), "the class folder was changed")

    def interrupt_when(self, condition, *args):
        """Starts a grade of every submission with --jobs 2 and --json, sends SIGINT once `condition()` holds
        and a server runs; returns (stdout, stderr, the JSON report) once it has exited 130."""
        json_path = self.tmp / "partial.json"
        json_path.unlink(missing_ok=True)
        grade = subprocess.Popen([ROADWORK, "grade", "hello-server", "--submissions", str(self.submissions), "--jobs",
                                  "2", "--json", str(json_path), *args], cwd=self.tmp, env=self.env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while True:
            self.assertLess(time.monotonic(), deadline, "nothing was graded")
            if (self.tmp / "submissions.roadwork-grade" / "grades.db").exists():
                try:
                    if condition() and marked_processes(self.marker):
                        break
                except sqlite3.OperationalError:
                    pass  # the table is being created
            time.sleep(0.05)
        grade.send_signal(signal.SIGINT)
        out, err = grade.communicate(timeout=30)
        self.assertEqual(grade.returncode, 130, out + err)
        self.assert_nothing_left()
        with self.database() as db:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        return out, err, json.loads(json_path.read_text())

    def rows(self, database):
        with sqlite3.connect(database) as db:
            return db.execute("SELECT * FROM grades ORDER BY exercise_id, submission").fetchall()

    def test_shards_graded_apart_merge_into_the_whole_class(self):
        kinds = {"ada": "solution", "bob": "starter", "cy": "solution", "di": "starter", "ed": "missing"}
        for name, kind in kinds.items():
            self.add(name, kind)
        whole = self.grade("--jobs", "2", "--json", str(self.tmp / "whole.json"))
        self.assertEqual(whole.code, 1, whole)
        expected = {s["name"]: s["status"] for s in json.loads((self.tmp / "whole.json").read_text())["submissions"]}

        # Each shard grades its slice into its own --out folder, as each machine of a Job would.
        slices = []
        for index in (1, 2):
            out = self.tmp / f"shard{index}"
            result = self.grade("--shard", f"{index}/2", "--out", str(out), "--json", str(out / "shard.json"))
            self.assertIn(result.code, (0, 1), result)
            self.assertIn(f"(shard {index}/2 of 5)", result.out)
            slices.append({s["name"] for s in json.loads((out / "shard.json").read_text())["submissions"]})
        self.assertEqual(slices[0] | slices[1], set(kinds))
        self.assertFalse(slices[0] & slices[1], "a submission was graded by two shards")
        self.assertTrue(slices[0] and slices[1], "these five names fall in both slices")

        merged = self.tmp / "merged"
        reports = [self.tmp / "class.json", self.tmp / "class.xml", self.tmp / "class.html"]
        merge = ["grade", "merge", str(merged), str(self.tmp / "shard1"), str(self.tmp / "shard2"),
                 "--json", str(reports[0]), "--junit", str(reports[1]), "--html", str(reports[2])]
        first = self.roadwork(*merge)
        self.assertEqual(first.code, 0, first)
        self.assertIn("Merged 5 grades from 2 folders", first.out)
        self.assertIn("5 new or newer", first.out)
        self.assertIn("5 submissions: 2 pass, 2 fail, 1 error", first.out)
        report = json.loads(reports[0].read_text())
        self.assertEqual(report["pack"], "backend")
        self.assertEqual({s["name"]: s["status"] for s in report["submissions"]}, expected)
        self.assertEqual(len(ElementTree.parse(reports[1]).getroot()), 5)
        self.assertIn("roadwork grade: hello-server", reports[2].read_text())

        # Merging again is idempotent: the same rows, the same reports.
        rows, files = self.rows(merged / "grades.db"), [path.read_bytes() for path in reports]
        again = self.roadwork(*merge)
        self.assertEqual(again.code, 0, again)
        self.assertIn("0 new or newer, 5 already there", again.out)
        self.assertEqual(self.rows(merged / "grades.db"), rows)
        self.assertEqual([path.read_bytes() for path in reports], files)

        # A folder that is no grading output, a broken database, or an exercise the folders do not hold is
        # refused before anything changes: a new OUT is not even created.
        bad = self.roadwork("grade", "merge", str(merged), str(self.tmp / "shard1"), str(self.submissions))
        self.assertEqual(bad.code, 2, bad)
        self.assertIn(f"{self.submissions}: no grades.db here", bad.err)
        self.assertEqual(self.rows(merged / "grades.db"), rows)
        broken = self.tmp / "broken"
        broken.mkdir()
        (broken / "grades.db").write_text("not a database")
        fresh = self.tmp / "fresh"
        for extra in ([str(broken)], ["--exercise", "notes-crud"]):
            refused = self.roadwork("grade", "merge", str(fresh), str(self.tmp / "shard1"), *extra)
            self.assertEqual(refused.code, 2, refused)
            self.assertFalse(fresh.exists(), f"{extra}: OUT was created")
        self.assert_nothing_left()

    def test_a_bad_shard_or_a_missing_exercise_is_refused(self):
        self.add("ada", "solution")
        for value in ("3/2", "0/2", "2", "a/b"):
            result = self.grade("--shard", value)
            self.assertEqual(result.code, 2, result)
            self.assertIn("--shard", result.err)
            self.assertIn("expected I/N", result.err)
        missing = self.roadwork("grade", "--submissions", str(self.submissions))
        self.assertEqual(missing.code, 2, missing)
        self.assertIn("EXERCISE is required", missing.err)
        self.assertFalse((self.tmp / "submissions.roadwork-grade").exists())

    def test_the_html_report_reads_right_in_chromium(self):
        self.add("ada", "solution")
        self.add("bob", "starter")
        self.add("cy", "missing")
        # A submission whose name and output try markup and terminal escapes: the page shows them as text.
        hostile = self.submissions / "eve<i>"
        (hostile / "notes").mkdir(parents=True)
        (hostile / "roadwork.toml").write_text(
            'stack = "python"\n\n[projects.notes]\ndir = "notes"\n'
            "run = \"printf '\\\\033]52;c;aGk=\\\\007<script>alert(1)</script>'; exit 3\"\n")
        page_path = self.tmp / "class.html"
        result = self.grade("--jobs", "2", "--html", str(page_path))
        self.assertEqual(result.code, 1, result)

        with Browser() as browser:
            page = browser.load(page_path)
            page.screenshot(os.path.join(os.environ.get("ROADWORK_BUILD_DIR", str(self.tmp)), "test-artifacts",
                                         "grade-report.png"))
            text = page.text()
            self.assertEqual(page.requests, [page_path.as_uri()], "the page fetched something besides itself")
            self.assertEqual(page.evaluate("document.scripts.length"), 0)
            self.assertEqual(page.evaluate("document.title"), "roadwork grade hello-server")

        lines = text.splitlines()
        self.assertIn("roadwork grade: hello-server", lines)
        self.assertIn("pack backend · 4 submissions: 1 pass, 1 fail, 2 error", lines)
        # The class table: one tab-separated row per submission.
        self.assertTrue(any(line.startswith("ada\tpass\t4/4\t") for line in lines), text)
        self.assertTrue(any(line.startswith("bob\tfail\t") for line in lines), text)
        self.assertTrue(any(line.startswith("eve<i>\terror\t0/") for line in lines), text)
        # The matrix: a row of one symbol per step.
        self.assertIn("ada\t✓\t✓\t✓\t✓", lines)
        bob = next(line for line in lines if line.startswith("bob\t") and "✗" in line)
        self.assertRegex(bob, r"^bob(\t[✓✗!–]){4}$")
        # bob's failure: where, what was expected and what came, and the request as curl.
        failures = text[text.index("Failures"):]
        self.assertRegex(failures, r"\nat\nexercises/hello-server/checks/\w+\.hurl:\d+:\d+\n")
        self.assertRegex(failures, r"\nexpected\n.+\nactual\n.+\n")
        self.assertRegex(failures, r"\ncurl\ncurl -i 'http://127\.0\.0\.1:\d+/")
        self.assertIn("the server exited with status 3 before listening", failures)
        # The hostile output is shown, escaped, never run or interpreted.
        self.assertIn("\\x1b]52;c;aGk=\\x07<script>alert(1)</script>", failures)
        self.assert_nothing_left()

    def test_ctrl_c_stops_every_server_keeps_finished_grades_and_resumes(self):
        names = [f"s{i:02}" for i in range(8)]
        for name in names:
            self.add(name, "slow")
        out, err, partial = self.interrupt_when(lambda: len(self.graded_at()) >= 2)
        finished = self.graded_at()
        self.assertLess(len(finished), len(names))
        # What was graded before Ctrl-C is in the reports and named on the terminal.
        self.assertEqual({s["name"] for s in partial["submissions"]}, set(finished))
        self.assertIn(f"interrupted after grading {len(finished)} of 8 submissions", err)

        resumed = self.grade("--jobs", "2")
        self.assertEqual(resumed.code, 0, resumed)
        self.assertIn(f"{len(finished)} already graded", resumed.out)
        self.assertIn(f"8 submissions: 8 pass", resumed.out)
        self.assertEqual({k: v for k, v in self.graded_at().items() if k in finished}, finished)
        self.assert_nothing_left()

        # An interrupted --regrade replaces grades one by one: it loses none.
        before = self.graded_at()
        self.interrupt_when(lambda: any(self.graded_at()[name] > before[name] for name in names), "--regrade")
        after = self.graded_at()
        self.assertEqual(set(after), set(names))
        self.assertTrue(any(after[name] > before[name] for name in names))
        self.assertTrue(any(after[name] == before[name] for name in names), "the regrade was not interrupted")

if __name__ == "__main__":
    unittest.main(verbosity=2)
