"""The tutor on a real workspace: lessons, quizzes, hints, watch and the guided flow, driven through the built
binary with the small pack in tests/fixtures/tutor (two stages, three lessons, a quiz, the exercise `ping`).
Every lesson of the built-in pack is rendered too."""
import json
import os
import pty
import queue
import re
import select
import shutil
import signal
import sqlite3
import struct
import subprocess
import termios
import threading
import time
import tomllib
import unittest
import fcntl

from harness import ROADWORK, SOURCE_DIR, WorkspaceTest

FIXTURE = SOURCE_DIR / "tests" / "fixtures" / "tutor"
ALL_RIGHT = ["--answer", "safe-method=2", "--answer", "success-codes=4,2,1", "--answer", "not-found= 404 Not Found "]


def wide_lines(text, width):
    """The lines of `text` wider than `width` (code blocks' included: they continue on ┆ lines)."""
    return [line for line in text.splitlines() if len(line) > width]


class TutorTest(WorkspaceTest):
    def setUp(self):
        super().setUp()
        self.env.update(ROADWORK_PACK_DIR=str(FIXTURE), COLUMNS="80")

    def workspace(self):
        return self.init("python")

    def next_command(self, workspace):
        """The command `roadwork` alone names as next, as a learner sees it on a terminal (a pty)."""
        with Terminal([ROADWORK], workspace, dict(self.env, NO_COLOR="1")) as terminal:
            self.assertEqual(terminal.wait(), 0, terminal.output)
        match = re.search(r"^Next: (.*)$", terminal.output, re.M)
        self.assertIsNotNone(match, terminal.output)
        return match.group(1).strip()

    def install_ping_solution(self, workspace):
        shutil.copytree(FIXTURE / "exercises" / "ping" / "solution" / "python", workspace / "pinger",
                        dirs_exist_ok=True)

    def db_rows(self, workspace, query):
        with sqlite3.connect(workspace / ".roadwork" / "progress.db") as db:
            return db.execute(query).fetchall()

    # The guided flow

    def test_guided_flow_names_the_next_command_after_every_step(self):
        workspace = self.workspace()
        status = self.roadwork(cwd=workspace).out
        self.assertIn("Stage 1 of 2: The basics", status)
        self.assertIn("lessons    0 of 2 read", status)
        self.assertIn("quiz       not taken yet (3 questions)", status)
        self.assertIn("exercises  0 of 1 passed", status)
        self.assertIn("[------------------------------] 0 of 5 steps", status)
        self.assertEqual(self.next_command(workspace), "roadwork lesson first-steps")

        self.assertEqual(self.roadwork("lesson", "first-steps", cwd=workspace).code, 0)
        self.assertEqual(self.next_command(workspace), "roadwork lesson second-steps")
        lesson = self.roadwork("lesson", cwd=workspace)  # no id: the next unread lesson
        self.assertIn("Second steps", lesson.out)
        self.assertIn("Next: roadwork quiz basics", lesson.out)
        self.assertEqual(self.next_command(workspace), "roadwork quiz basics")

        wrong = self.roadwork("quiz", "--answer", "safe-method=1", cwd=workspace)
        self.assertEqual(wrong.code, 1, wrong)
        self.assertEqual(self.next_command(workspace), "roadwork quiz basics")
        self.assertEqual(self.roadwork("quiz", *ALL_RIGHT, cwd=workspace).code, 0)
        status = self.roadwork(cwd=workspace).out
        self.assertIn("quiz       3 of 3 right (passed)", status)
        self.assertEqual(self.next_command(workspace), "roadwork start ping")

        self.assertEqual(self.roadwork("start", "ping", cwd=workspace).code, 0)
        self.assertEqual(self.next_command(workspace), "roadwork check ping")
        self.assertEqual(self.roadwork("check", cwd=workspace).code, 1)
        self.assertEqual(self.next_command(workspace), "roadwork check ping")
        self.install_ping_solution(workspace)
        self.assertEqual(self.roadwork("check", cwd=workspace).code, 0)
        status = self.roadwork(cwd=workspace).out
        self.assertIn("Stage 2 of 2: More", status)
        self.assertIn("4 of 5 steps", status)
        self.assertEqual(self.next_command(workspace), "roadwork lesson wrap-up")

        self.assertEqual(self.roadwork("lesson", "wrap-up", cwd=workspace).code, 0)
        status = self.roadwork(cwd=workspace).out
        self.assertIn("You have done everything", status)
        self.assertIn("[##############################] 5 of 5 steps", status)
        self.assertEqual(self.next_command(workspace), "roadwork progress")

    def test_roadmap_shows_lessons_quiz_and_exercises_per_stage(self):
        workspace = self.workspace()
        self.roadwork("lesson", "first-steps", cwd=workspace)
        self.roadwork("quiz", "basics", "--answer", "safe-method=2", cwd=workspace)
        result = self.roadwork("roadmap", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertRegex(result.out, r" 1\. The basics \[in progress\]")
        self.assertRegex(result.out, r"lessons\s+1 of 2 read")
        self.assertRegex(result.out, r"quiz\s+1 of 3 right \(80% needed to pass\)")
        self.assertRegex(result.out, r"ping\s+not started")
        self.assertRegex(result.out, r"pong-later\s+coming soon")
        self.assertRegex(result.out, r" 2\. More \[not started\]")
        self.assertIn("Next: roadwork lesson second-steps", result.out)

    # Lessons

    def test_lesson_renders_every_construct_and_is_recorded(self):
        workspace = self.workspace()
        result = self.roadwork("lesson", "first-steps", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        out = result.out
        self.assertIn("First steps\n═══════════\n", out)
        self.assertIn("1. Requests\n───────────\n", out)
        self.assertIn("A server listens on a port and answers requests.", out)
        self.assertIn("curl manual (https://curl.se/docs/manpage.html)", " ".join(out.split()))
        self.assertIn("method │ safe │                   what it asks\n", out)
        self.assertIn("GET    │ yes  │               a representation\n", out)
        self.assertIn("1. Start the server.\n2. Send a request:\n   ◦ with curl -i, to see the headers;\n", out)
        self.assertIn("│ A status code is the first thing a client reads.\n│\n│ Pick it with care.\n", out)
        # A code line wider than the frame continues on a ┆ line, cut after a space.
        self.assertIn("┏━ sh\n┃ $ curl -i http://127.0.0.1:3000/ping -H 'Accept: application/json' -H \n"
                      "┆ 'X-Request-Id: 0123456789abcdef0123456789'\n┃ HTTP/1.1 200 OK\n", out)
        self.assertIn("─" * 80 + "\n", out)
        self.assertNotIn("\x1b", out)
        self.assertEqual(wide_lines(out, 80), [])
        self.assertIn("Lesson 1 of 2 of The basics, marked as read.", out)
        self.assertEqual(self.db_rows(workspace, "SELECT pack_id, lesson_id FROM lesson_reads"),
                         [("tutor-test", "01-basics/first-steps")])

    def test_lesson_ids_short_and_full_and_the_list(self):
        workspace = self.workspace()
        self.assertEqual(self.roadwork("lesson", "01-basics/second-steps", cwd=workspace).code, 0)
        self.assertEqual(self.roadwork("lesson", "01-basics/second-steps.md", cwd=workspace).code, 0)
        unknown = self.roadwork("lesson", "nope", cwd=workspace)
        self.assertEqual(unknown.code, 2, unknown)
        self.assertIn('no lesson "nope"', unknown.err)
        self.assertIn("first-steps", unknown.err)
        listing = self.roadwork("lesson", "--list", cwd=workspace)
        self.assertEqual(listing.code, 0, listing)
        self.assertRegex(listing.out, r"· first-steps\s+First steps")
        self.assertRegex(listing.out, r"✓ second-steps\s+Second steps")
        self.assertRegex(listing.out, r"· wrap-up\s+Wrap-up")

    def test_lesson_without_id_once_all_are_read(self):
        workspace = self.workspace()
        for lesson in ["first-steps", "second-steps"]:
            self.roadwork("lesson", lesson, cwd=workspace)
        result = self.roadwork("lesson", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertIn("You have read every lesson of The basics", result.out)
        self.assertIn("Next: roadwork quiz basics", result.out)

    def test_a_markdown_file_is_previewed_without_a_workspace(self):
        result = self.roadwork("lesson", str(FIXTURE / "lessons" / "02-more" / "wrap-up.md"))
        self.assertEqual(result.code, 0, result)
        self.assertIn("Wrap-up\n═══════", result.out)

    def test_every_lesson_of_the_built_in_pack_renders_within_80_columns(self):
        self.env["ROADWORK_PACK_DIR"] = str(SOURCE_DIR)
        files = sorted((SOURCE_DIR / "lessons").glob("*/*.md"))
        for path in files:
            with self.subTest(lesson=str(path.relative_to(SOURCE_DIR))):
                result = self.roadwork("lesson", str(path))
                self.assertEqual(result.code, 0, result)
                self.assertEqual(wide_lines(result.out, 80), [])
        roadmap = tomllib.loads((SOURCE_DIR / "lessons" / "roadmap.toml").read_text())
        listed = [lesson for stage in roadmap["stages"] for lesson in stage.get("lessons", [])]
        if listed:
            workspace = self.workspace()
            for lesson in listed:
                with self.subTest(lesson=lesson):
                    result = self.roadwork("lesson", lesson.removesuffix(".md"), cwd=workspace)
                    self.assertEqual(result.code, 0, result)
                    self.assertEqual(wide_lines(result.out, 80), [])

    # Quizzes

    def test_quiz_with_answers_scores_and_records(self):
        workspace = self.workspace()
        result = self.roadwork("quiz", "basics", *ALL_RIGHT, cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertIn("This time: 3 right, 0 wrong, 0 unanswered.", result.out)
        self.assertIn("Quiz of The basics: 3 of 3 right (passed)", result.out)
        rows = self.db_rows(workspace, "SELECT stage_id, question, answer, correct FROM quiz_answers ORDER BY id")
        self.assertEqual(rows, [("basics", "safe-method", "2", 1), ("basics", "success-codes", "1,2,4", 1),
                                ("basics", "not-found", "404 Not Found", 1)])

    def test_quiz_latest_answer_counts_and_unanswered_are_reported(self):
        workspace = self.workspace()
        result = self.roadwork("quiz", "--answer", "safe-method=1", "--answer", "not-found=500", cwd=workspace)
        self.assertEqual(result.code, 1, result)
        self.assertIn("This time: 0 right, 2 wrong, 1 unanswered.", result.out)
        self.assertIn("0 of 3 right (80% needed to pass)", result.out)
        result = self.roadwork("quiz", "--json", "--answer", "safe-method=2", cwd=workspace)
        self.assertEqual(result.code, 1, result)
        summary = result.json()
        self.assertEqual(summary["stage"], "basics")
        self.assertEqual([(q["id"], q["status"]) for q in summary["questions"]],
                         [("safe-method", "right"), ("success-codes", "unanswered"), ("not-found", "unanswered")])
        self.assertEqual(summary["score"], {"right": 1, "answered": 2, "total": 3, "passed": False,
                                            "pass_percent": 80})
        self.assertEqual(summary["next"], "roadwork lesson first-steps")

    def test_quiz_refuses_bad_answers_and_records_nothing(self):
        workspace = self.workspace()
        for answer, message in [("nope=1", 'no question "nope"'), ("safe-method=7", "there is no choice 7; pick 1 to 3"),
                                ("safe-method=1,2", "pick one choice only"), ("safe-method", "ID=VALUE")]:
            with self.subTest(answer=answer):
                result = self.roadwork("quiz", "--answer", "success-codes=1", "--answer", answer, cwd=workspace)
                self.assertEqual(result.code, 2, result)
                self.assertIn(message, result.err)
        self.assertEqual(self.db_rows(workspace, "SELECT COUNT(*) FROM quiz_answers"), [(0,)])
        result = self.roadwork("quiz", "more", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn('stage "more" has no quiz yet', result.err)

    def test_quiz_reads_answers_line_by_line_from_a_pipe(self):
        workspace = self.workspace()
        completed = subprocess.run([ROADWORK, "quiz"], cwd=workspace, env=self.env, input="2\n\n404\n",
                                   capture_output=True, text=True, timeout=60)
        self.assertEqual(completed.returncode, 1, completed)
        self.assertIn("This time: 2 right, 0 wrong, 1 unanswered.", completed.stdout)

    def test_quiz_interactive_in_a_terminal(self):
        workspace = self.workspace()
        with Terminal([ROADWORK, "quiz", "basics"], workspace, self.env) as terminal:
            terminal.expect("1/3 Which of these methods is safe?")
            terminal.expect("2. GET")
            terminal.expect("> ")
            terminal.send("9")
            terminal.expect("there is no choice 9; pick 1 to 3")
            terminal.send("2")
            terminal.expect("✓ Right.")
            terminal.expect("GET only asks for a representation")
            terminal.expect("2/3 Which of these status codes mean success?")
            terminal.send("1,2")
            terminal.expect("✗ Not quite. The answer: 1 (200), 2 (201), 4 (204).")
            terminal.expect("The 2xx codes are successes")
            terminal.expect("3/3")
            terminal.send("  404 ")
            terminal.expect("This time: 2 right, 1 wrong, 0 unanswered.")
            terminal.expect("2 of 3 right (80% needed to pass)")
            self.assertEqual(terminal.wait(), 1)

    # Hints

    def test_hints_come_one_at_a_time_and_failed_checks_never_use_one_up(self):
        workspace = self.workspace()
        self.assertEqual(self.roadwork("start", "ping", cwd=workspace).code, 0)
        check = self.roadwork("check", cwd=workspace)
        self.assertEqual(check.code, 1, check)
        self.assertIn("hint: stuck? `roadwork hint ping` gives a nudge, one hint at a time", check.out)
        self.assertIn("stuck?", self.roadwork("check", cwd=workspace).out)  # however many checks fail
        self.assertEqual(self.db_rows(workspace, "SELECT exercise_id, count FROM hints_used"), [])
        first = self.roadwork("hint", cwd=workspace)
        self.assertEqual(first.code, 0, first)
        self.assertIn("Hint 1 of 3 for ping:\nFirst hint: route GET /ping.", first.out)
        self.assertIn("hint: First hint", self.roadwork("check", cwd=workspace).out)  # the last one seen
        self.assertIn("hint: First hint", self.roadwork("check", cwd=workspace).out)
        second = self.roadwork("hint", "ping", cwd=workspace)
        self.assertIn("Hint 2 of 3 for ping:\nSecond hint", second.out)
        self.assertIn("hint: Second hint", self.roadwork("check", cwd=workspace).out)
        self.assertIn("Hint 3 of 3 for ping:\nThird hint", self.roadwork("hint", cwd=workspace).out)
        last = self.roadwork("hint", cwd=workspace)
        self.assertEqual(last.code, 0, last)
        self.assertIn("No more hints for ping: you have seen all 3.", last.out)
        self.assertIn("1. First hint", last.out)
        self.assertIn("3. Third hint", last.out)
        self.assertIn("hint: Third hint", self.roadwork("check", cwd=workspace).out)
        self.assertEqual(self.db_rows(workspace, "SELECT exercise_id, count FROM hints_used"), [("ping", 3)])

    def test_a_failing_steps_own_hint_comes_first_and_uses_nothing_up(self):
        pack = self.tmp / "pack"
        shutil.copytree(FIXTURE, pack)
        toml = pack / "exercises" / "ping" / "exercise.toml"
        toml.write_text(toml.read_text() + 'hint = "Is GET /ping routed, and is the body JSON with pong?"\n')
        self.env["ROADWORK_PACK_DIR"] = str(pack)
        workspace = self.workspace()
        self.roadwork("start", "ping", cwd=workspace)
        self.assertIn("Hint 1 of 3", self.roadwork("hint", cwd=workspace).out)
        check = self.roadwork("check", "--json", cwd=workspace)
        self.assertEqual(check.code, 1, check)
        failed = next(test for test in check.json()["tests"] if test["status"] == "fail")
        self.assertEqual(failed["hints"], ["Is GET /ping routed, and is the body JSON with pong?"])
        self.assertIsNone(check.json()["hint"], "the step's own hint stands under it, not again below")
        self.assertRegex(self.roadwork("check", cwd=workspace).out, r"hint:\s+Is GET /ping routed")
        self.assertIn("Hint 2 of 3", self.roadwork("hint", cwd=workspace).out)
        self.install_ping_solution(workspace)
        passed = self.roadwork("check", cwd=workspace)
        self.assertEqual(passed.code, 0, passed)
        self.assertNotIn("hint:", passed.out)

    # Watch

    def test_watch_checks_again_on_change_ignores_tool_folders_and_stops_cleanly(self):
        workspace = self.workspace()
        self.assertEqual(self.roadwork("start", "ping", cwd=workspace).code, 0)
        project = workspace / "pinger"
        watch = Watch(self, workspace)
        try:
            first = watch.read_until("hint: stuck? `roadwork hint ping`")
            self.assertIn("Watching pinger/ and checking ping when a file changes", first)
            self.assertIn("0 of 1 step passed.", first)
            (project / "__pycache__").mkdir(exist_ok=True)
            (project / "__pycache__" / "x.pyc").write_text("ignored")
            (project / ".server.py.swp").write_text("ignored")
            time.sleep(1)
            self.assertTrue(watch.lines.empty(), "a change in an ignored place started a check")
            self.install_ping_solution(workspace)
            second = watch.read_until("1 of 1 step passed.")
            self.assertIn("─" * 80, second)
            self.assertIn("Changed: pinger/server.py", second)
            # A check that cannot run is reported as roadwork reports errors, and watching goes on. (The
            # summary shows while the server stops: the sleeps keep the writes after the run.)
            settings = workspace / "roadwork.toml"
            good = settings.read_text()
            settings.write_text("[projects.pinger\n")
            time.sleep(2)
            (project / "notes.txt").write_text("one")
            self.assertIn("roadwork.toml:1:17: error: ", watch.read_until("error:"))
            settings.write_text(good)
            time.sleep(1)
            (project / "notes.txt").write_text("two")
            self.assertIn("Changed: pinger/notes.txt", watch.read_until("1 of 1 step passed."))
        finally:
            code = watch.stop()
        self.assertEqual(code, 130)
        self.assertEqual(processes_in(workspace), [])
        self.assertEqual(self.db_rows(workspace, "SELECT verdict FROM attempts ORDER BY id"),
                         [("fail",), ("pass",), ("pass",)])

    def test_watch_checks_again_after_a_save_made_while_a_check_ran(self):
        workspace = self.workspace()
        self.assertEqual(self.roadwork("start", "ping", cwd=workspace).code, 0)
        self.install_ping_solution(workspace)
        project = workspace / "pinger"
        # The solution, slow to start (the learner saves during that second), and keeping a log in its own
        # folder at every start, which is the run's own change, not the learner's.
        solution = (project / "server.py").read_text()
        (project / "server.py").write_text(
            "import time\nopen('starts.log', 'a').write('start\\n')\ntime.sleep(1.5)\n" + solution)
        watch = Watch(self, workspace)
        try:
            watch.read_until("Watching pinger/")
            time.sleep(0.5)  # the server sleeps: the check is under way
            (project / "notes.txt").write_text("saved while checking")
            watch.read_until("1 of 1 step passed.")
            changed = watch.read_until("Changed while checking: ")
            self.assertIn("pinger/notes.txt", changed.splitlines()[-1])
            watch.read_until("1 of 1 step passed.")
            # The log changed during two runs in a row: the runs' own, so no third run.
            time.sleep(2.5)
            self.assertTrue(watch.lines.empty(), "".join(list(watch.lines.queue)))
        finally:
            code = watch.stop()
        self.assertEqual(code, 130)
        self.assertEqual(self.db_rows(workspace, "SELECT verdict FROM attempts ORDER BY id"), [("pass",), ("pass",)])

    def test_commands_find_the_workspace_from_inside_a_project_folder(self):
        workspace = self.workspace()
        self.assertEqual(self.roadwork("start", "ping", cwd=workspace).code, 0)
        inside = workspace / "pinger"
        checked = self.roadwork("check", cwd=inside)
        self.assertEqual(checked.code, 1, checked)  # the starter fails its check: it ran
        self.assertIn("0 of 1 step passed.", checked.out)
        (inside / "deeper").mkdir()
        self.assertEqual(self.roadwork("progress", cwd=inside / "deeper").code, 0)

    def test_watch_needs_a_started_exercise(self):
        workspace = self.workspace()
        result = self.roadwork("watch", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn("roadwork watch ID", result.err)

    # The pager

    def test_long_lessons_go_through_the_pager_only_on_a_terminal(self):
        workspace = self.workspace()
        paged = self.tmp / "paged.txt"
        self.env["PAGER"] = f"cat > {paged}"
        with Terminal([ROADWORK, "lesson", "second-steps"], workspace, self.env, rows=10) as terminal:
            self.assertEqual(terminal.wait(), 0)
            self.assertNotIn("Status codes", terminal.output)
        self.assertIn("1. Status codes", paged.read_text())
        paged.unlink()
        piped = self.roadwork("lesson", "second-steps", cwd=workspace)
        self.assertIn("1. Status codes", piped.out)
        self.assertFalse(paged.exists())
        with Terminal([ROADWORK, "lesson", "wrap-up"], workspace, self.env, rows=10) as terminal:
            self.assertEqual(terminal.wait(), 0)  # short enough for the screen: printed
            self.assertIn("Wrap-up", terminal.output)
        self.assertFalse(paged.exists())
        self.env["PAGER"] = "no-such-pager-roadwork"
        with Terminal([ROADWORK, "lesson", "second-steps"], workspace, self.env, rows=10) as terminal:
            self.assertEqual(terminal.wait(), 0)  # the pager is not installed: printed
            self.assertIn("Status codes", terminal.output)


def processes_in(folder):
    """Pids of the processes whose working folder is inside `folder`."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if cwd == str(folder) or cwd.startswith(str(folder) + "/"):
            found.append(int(pid))
    return found


class Watch:
    """`roadwork watch` running in `workspace`, its output read line by line on a thread of its own."""

    def __init__(self, test, workspace):
        self.test = test
        self.process = subprocess.Popen([ROADWORK, "watch"], cwd=workspace, env=test.env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        self.lines = queue.Queue()
        self.reader = threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stdout],
                                       daemon=True)
        self.reader.start()

    def read_until(self, text, timeout=60):
        """The lines from here to the first that holds `text`, joined; fails the test after `timeout` s."""
        seen = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            seen.append(line)
            if text in line:
                return "".join(seen)
        self.test.fail(f"no {text!r} in:\n{''.join(seen)}")

    def stop(self):
        """Ctrl-C, as the learner stops it; its exit code."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=30)
        self.reader.join(timeout=30)
        self.process.stdout.close()
        return code


class Terminal:
    """Runs a command on a pseudo-terminal of `rows` rows, to type into it and read what it shows."""

    def __init__(self, argv, cwd, env, rows=40):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 80, 0, 0))
        env = dict(env, TERM="xterm")
        env.pop("COLUMNS", None)
        self.process = subprocess.Popen(argv, cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave,
                                        start_new_session=True)
        os.close(slave)
        self.output = ""
        self.seen = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)

    def _read(self, timeout):
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 4096)
        except OSError:  # the other side closed
            return False
        self.output += data.decode(errors="replace").replace("\r\n", "\n")
        return bool(data)

    def expect(self, text, timeout=30):
        deadline = time.monotonic() + timeout
        while text not in self.output[self.seen:]:
            if time.monotonic() > deadline or not self._read(deadline - time.monotonic()):
                raise AssertionError(f"no {text!r} in:\n{self.output[self.seen:]}")
        self.seen = self.output.index(text, self.seen) + len(text)

    def send(self, line):
        os.write(self.master, (line + "\n").encode())

    def wait(self, timeout=30):
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.05)
        while self._read(0.05):
            pass
        return self.process.wait(timeout=max(0, deadline - time.monotonic()))


if __name__ == "__main__":
    unittest.main()
