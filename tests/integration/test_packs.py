"""roadwork pack validate | new | add | list | remove, driven through the built binary.

The packs are tests/fixtures/packs/: `mini` is valid; each broken-* pack holds problems of one kind. The
built-in pack's validation is test_builtin_pack.py.
"""
import json
import re
import shutil
import socketserver
import sqlite3
import subprocess
import threading
import unittest

from harness import SOURCE_DIR, WorkspaceTest

PACKS = SOURCE_DIR / "tests" / "fixtures" / "packs"


class OkHandler(socketserver.StreamRequestHandler):
    """Answers every request on its connection 200 with an empty body, counting them in server.hooks."""

    def handle(self):
        while self.rfile.readline() not in (b"", b"\r\n", b"\n"):
            pass
        self.server.hooks = getattr(self.server, "hooks", 0) + 1
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
TIME = re.compile(r"Validated pack (\S+) in ([0-9.]+) s \(--jobs (\d+)\)")


class ValidateTest(WorkspaceTest):
    def validate(self, pack, *args, timeout=300):
        return self.roadwork("pack", "validate", str(pack), *args, timeout=timeout)

    def test_mini_is_valid_and_prints_the_table(self):
        result = self.validate(PACKS / "mini", "--jobs", "2")
        self.assertEqual(result.code, 0, result)
        self.assertIn("0 errors, 0 warnings", result.out)
        self.assertRegex(result.out, r"exercise\s+stack\s+role\s+verdict\s+time")
        for role in ["solution", "starter", "mutant no-default"]:
            self.assertRegex(result.out, rf"greet\s+python\s+{role}\s+ok\s+\d", result)
        self.assertRegex(result.out, r"shout\s+python\s+starter\s+ok", result)
        self.assertRegex(result.out, r"shout\s+python\s+mutant not-upper-case\s+ok", result)
        self.assertRegex(result.out, TIME)
        self.assertIn("6 runs, everything holds", result.out)

    def test_repeat_runs_every_folder_again_and_agrees(self):
        result = self.validate(PACKS / "mini", "--exercise", "greet", "--repeat", "2")
        self.assertEqual(result.code, 0, result)
        self.assertIn("Running 3 folders in the sandbox 2 times each", result.out)
        self.assertIn("3 runs, everything holds", result.out)
        self.assertNotIn("FLAKY", result.out)

    def test_one_exercise_and_one_stack(self):
        result = self.validate(PACKS / "mini", "--exercise", "shout", "--stack", "python")
        self.assertEqual(result.code, 0, result)
        self.assertIn("3 runs, everything holds", result.out)
        self.assertNotRegex(result.out, r"\ngreet\s")
        result = self.validate(PACKS / "mini", "--exercise", "nope")
        self.assertEqual(result.code, 2, result)
        self.assertIn('pack mini has no written exercise "nope"', result.err)

    def test_broken_roadmap_reports_every_problem(self):
        result = self.validate(PACKS / "broken-roadmap")
        self.assertEqual(result.code, 2, result)
        self.assertIn("19 errors, 3 warnings", result.out)
        self.assertIn("Solutions not run: fix the files first", result.out)
        for line in ["lessons/roadmap.toml:2:1: error: unknown key `theme` in roadmap.toml",
                     'lessons/roadmap.toml:19:6: error: stage id "basics" is used twice (first at line 11)',
                     'lessons/roadmap.toml:23:13: error: stage "basics" lists no exercises',
                     'lessons/roadmap.toml:16:14: warning: exercise "later" has no folder exercises/later/ yet',
                     "lessons/01-basics/quiz.toml:6:10: error: a single question has exactly one answer"]:
            self.assertIn(line, result.err)

    def test_broken_exercises_report_every_problem(self):
        result = self.validate(PACKS / "broken-exercises")
        self.assertEqual(result.code, 2, result)
        self.assertIn("34 errors, 7 warnings", result.out)
        for line in ["exercises/cycle-b/exercise.toml:5:13: error: requires cycle: cycle-a → cycle-b → cycle-a",
                     "exercises/checks/checks/xpath.hurl:4:1: error: query xpath is not supported\n"
                     'xpath "string(//title)" == "Home"\n^\n',
                     "exercises/folders/exercise.toml:1:1: error: no python reference solution",
                     "exercises/mutants/mutants/bad-fails.toml:2:9: error: `fails` must be the name of a step",
                     "exercises/mutants/mutants/find-missing.toml:8:8: error: find occurs 0 times in server.py",
                     "exercises/mutants/mutants/find-twice.toml:8:8: error: find occurs 2 times in server.py",
                     'exercises/mutants/mutants/unknown-rule.toml:1:8: error: `rule` "no-such-rule" is not the id '
                     "of a [[rules]] entry",
                     'exercises/mutants/exercise.toml:16:6: error: no mutant breaks rule "unchecked" in the python '
                     "solution",
                     "lessons/roadmap.toml:11:13: error: exercises/no-toml/ has no exercise.toml",
                     "exercises/fields/exercise.toml:16:10: error: `output` needs `unset`",
                     "exercises/fields/exercise.toml:19:8: error: `PORT` is set by roadwork for every run",
                     "exercises/fields/exercise.toml:20:14: error: environment variable name `lower_case` must be",
                     "exercises/fields/exercise.toml:21:10: error: `NUMBER` must be a string"]:
            self.assertIn(line, result.err)

    def test_broken_toml_and_pattern_and_no_pack(self):
        result = self.validate(PACKS / "broken-toml")
        self.assertEqual(result.code, 2, result)
        self.assertIn("lessons/roadmap.toml:3:6: error: Error while parsing table header", result.err)
        result = self.validate(PACKS / "broken-pattern")
        self.assertEqual(result.code, 2, result)
        self.assertIn("exercises/log-line/exercise.toml:13:11: error: `pattern` is not a valid regular expression",
                      result.err)
        result = self.validate(PACKS)
        self.assertEqual(result.code, 2, result)
        self.assertIn("not a pack (there is no lessons/roadmap.toml)", result.err)

    def test_variables_nothing_sets_before_them_are_located_errors_before_any_run(self):
        result = self.validate(PACKS / "broken-variables")
        self.assertEqual(result.code, 2, result)
        self.assertIn("2 errors", result.out)
        self.assertIn("Solutions not run", result.out)
        self.assertIn("exercises/notes/checks/read.hurl:1:20: error: variable `note_id` is not defined here: no "
                      "earlier entry or step captures it", result.err)  # its capture is in the next step
        self.assertIn("GET {{host}}/notes/{{note_id}}\n                   ^\n", result.err)
        self.assertIn("exercises/notes/checks/create.hurl:7:24: error: variable `owner` is not defined here",
                      result.err)

    def test_an_unknown_key_gets_the_nearest_known_one(self):
        pack = self.tmp / "pack"
        shutil.copytree(PACKS / "mini", pack)
        toml = pack / "exercises" / "shout" / "exercise.toml"
        toml.write_text(toml.read_text().replace("hints = ", "hint = "))
        result = self.validate(pack)
        self.assertEqual(result.code, 2, result)
        self.assertIn("exercises/shout/exercise.toml:6:1: error: unknown key `hint` in exercise.toml; did you mean "
                      "`hints`?", result.err)

    def test_nothing_of_a_pack_leads_out_of_it(self):
        # A link in a starter, and check files named outside the exercise's folder: each a located error,
        # nothing read from where they lead (a parse error would print the file's first line).
        pack = self.tmp / "pack"
        shutil.copytree(PACKS / "mini", pack)
        link = pack / "exercises" / "greet" / "starter" / "python" / "notes.txt"
        link.symlink_to("/etc/passwd")
        toml = pack / "exercises" / "shout" / "exercise.toml"
        toml.write_text(toml.read_text().replace('"checks/shout.hurl"', '"../../../../../../../../etc/passwd"'))
        result = self.validate(pack)
        self.assertEqual(result.code, 2, result)
        self.assertIn(f"{link}:1:1: error: a symbolic link: a pack holds only files and folders", result.err)
        self.assertRegex(result.err, r"exercises/shout/exercise\.toml:10:8: error: `(\.\./)+etc/passwd` "
                                     r"leads out of the exercise's folder; a check file must be inside it")
        self.assertNotIn("root:", result.out + result.err)
        self.assertEqual(self.roadwork("pack", "add", str(pack), cwd=self.init("python")).code, 2)

    def test_materialize_writes_the_code_that_start_hands_out(self):
        out = self.tmp / "trees"
        result = self.roadwork("pack", "materialize", str(out), "--exercise", "taskboard-roles")
        self.assertEqual(result.code, 0, result)
        self.assertIn("taskboard-roles/python/{solution,starter,marked}", result.out)
        self.assertEqual(sorted(p.name for p in out.iterdir()), ["taskboard-roles"])
        tree = out / "taskboard-roles" / "python"
        solution, starter = (tree / "solution" / "server.py").read_text(), (tree / "starter" / "server.py").read_text()
        self.assertIn("TASKBOARD_ADMIN_EMAIL", solution)
        self.assertIn("TODO", starter)
        self.assertNotIn("roadwork: starter", solution + starter)
        self.assertIn("# roadwork: starter", (tree / "marked" / "server.py").read_text())
        # `start` writes that starter into the learner's project.
        workspace = self.init("python")
        started = self.roadwork("start", "taskboard-roles", "--force", cwd=workspace)
        self.assertEqual(started.code, 0, started)
        self.assertEqual((workspace / "taskboard" / "server.py").read_text(), starter)
        self.assertIn("The TODO comments of this exercise are in taskboard/server.py.", started.out)
        # Started again, the learner's file stays, and start says its TODOs are not there.
        again = self.roadwork("start", "taskboard-roles", "--force", cwd=workspace)
        self.assertIn("kept your taskboard/server.py", again.out)
        self.assertIn("Your own taskboard/server.py stayed as you left it, without the starter's TODOs", again.out)
        self.assertNotIn("The TODO comments of this exercise are in", again.out)
        # A folder that is not empty is never written into.
        again = self.roadwork("pack", "materialize", str(out))
        self.assertEqual(again.code, 2, again)
        self.assertIn("is not empty", again.err)

    def test_the_authoring_recipe_writes_a_patch_that_later_exercises_inherit(self):
        # exercises/README.md: materialise, edit B's marked source, diff it against A's solution into B's patch.
        pack = self.tmp / "pack"
        for part in ("lessons", "exercises"):
            shutil.copytree(SOURCE_DIR / part, pack / part)
        trees = self.tmp / "trees"
        self.assertEqual(self.roadwork("pack", "materialize", str(trees), "--pack", str(pack)).code, 0)
        marked = trees / "taskboard-roles" / "python" / "marked"
        (marked / "NOTES.md").write_text("Roles: why the admin's email comes from the environment.\n")
        patch = pack / "exercises" / "taskboard-roles" / "solution" / "python.patch"
        with open(patch, "w") as out:
            diff = subprocess.run(["diff", "-ruN", "../../taskboard-ownership/python/solution", "marked"],
                                  cwd=marked.parent, stdout=out)
        self.assertEqual(diff.returncode, 1)  # the folders differ
        again = self.tmp / "again"
        result = self.roadwork("pack", "materialize", str(again), "--pack", str(pack), "--stack", "python")
        self.assertEqual(result.code, 0, result)
        for exercise in ("taskboard-roles", "taskboard-v1", "taskboard-concurrency"):
            self.assertTrue((again / exercise / "python" / "solution" / "NOTES.md").is_file(), exercise)
        self.assertFalse((again / "taskboard-ownership" / "python" / "solution" / "NOTES.md").exists())
        self.assertEqual((again / "taskboard-roles" / "python" / "starter" / "server.py").read_text(),
                         (trees / "taskboard-roles" / "python" / "starter" / "server.py").read_text())

    def test_a_change_that_no_longer_applies_is_a_located_error(self):
        # A fix in taskboard-auth's solution that a line of taskboard-ownership's patch still expects.
        pack = self.tmp / "pack"
        for part in ("lessons", "exercises"):
            shutil.copytree(SOURCE_DIR / part, pack / part)
        patch = (pack / "exercises" / "taskboard-ownership" / "solution" / "python.patch").read_text().splitlines()
        base = pack / "exercises" / "taskboard-auth" / "solution" / "python" / "server.py"
        text = base.read_text()
        lines = text.splitlines()
        context = next(line[1:] for line in patch if line.startswith(" ") and line.strip()
                       and lines.count(line[1:]) == 1)
        base.write_text(text.replace(context + "\n", context + "  # changed\n"))
        result = self.validate(pack)
        self.assertEqual(result.code, 2, result)
        self.assertRegex(result.err, r"exercises/taskboard-ownership/solution/python\.patch:\d+:1: error: this hunk "
                                     r"does not apply to server\.py: line \d+ reads \".*# changed\" where the patch "
                                     r"has \"")
        # Every later exercise of the project applies that patch too: the error is reported once, nothing ran.
        self.assertEqual(result.err.count("does not apply"), 1, result)
        self.assertNotIn("Running", result.out)

    def test_checks_reach_only_the_server_under_test(self):
        pack = self.tmp / "pack"
        shutil.copytree(PACKS / "mini", pack)
        check = pack / "exercises" / "shout" / "checks" / "shout.hurl"
        original = check.read_text()
        check.write_text(original.replace("GET {{host}}/", "GET http://127.0.0.1:9/", 1))
        result = self.validate(pack)
        self.assertEqual(result.code, 2, result)
        self.assertIn("exercises/shout/checks/shout.hurl:1:5: error: the URL must start with {{host}}", result.err)
        # Text after {{host}} that does not begin the path names another host (userinfo, a longer host name).
        for other in ("{{host}}@127.0.0.1:9/", "{{host}}.example.test/"):
            check.write_text(original.replace("GET {{host}}/", f"GET {other}", 1))
            result = self.validate(pack)
            self.assertEqual(result.code, 2, result)
            self.assertIn("exercises/shout/checks/shout.hurl:1:5: error: the URL must start with {{host}}", result.err)
        # {{host}} itself redefined: the runner refuses the request, and the solution's run shows why.
        check.write_text(original.replace("GET {{host}}/shout?name=Ada\n",
                                          'GET {{host}}/shout?name=Ada\n[Options]\nvariable: host="http://127.0.0.1:9"\n', 1))
        result = self.validate(pack, "--exercise", "shout", "--skip-mutants")
        self.assertEqual(result.code, 1, result)
        self.assertRegex(result.out, r"shout\s+python\s+solution\s+PROBLEM")
        self.assertRegex(result.out + result.err, r"refused to send a request to http://127\.0\.0\.1:9: the checks may only "
                                                  r"reach the server under test, http://127\.0\.0\.1:\d+")

    def test_an_exercise_may_declare_other_origins_its_checks_reach(self):
        # A second real server the exercise names: its checks may reach it, and `pack add` says so.
        with socketserver.TCPServer(("127.0.0.1", 0), OkHandler) as other:
            threading.Thread(target=other.serve_forever, daemon=True).start()
            origin = f"http://127.0.0.1:{other.server_address[1]}"
            pack = self.tmp / "pack"
            shutil.copytree(PACKS / "mini", pack)
            check = pack / "exercises" / "shout" / "checks" / "shout.hurl"
            check.write_text(check.read_text() + f"\nGET {origin}/hook\nHTTP 200\n")
            result = self.validate(pack, "--exercise", "shout", "--skip-mutants")
            self.assertEqual(result.code, 2, result)
            self.assertIn("exercises/shout/checks/shout.hurl:6:5: error: the URL must start with {{host}}", result.err)
            toml = pack / "exercises" / "shout" / "exercise.toml"
            original = toml.read_text()
            toml.write_text(original.replace('hints = [', f'origins = ["{origin}"]\nhints = [', 1))
            result = self.validate(pack, "--exercise", "shout", "--skip-mutants")
            self.assertEqual(result.code, 0, result)
            self.assertRegex(result.out, r"shout\s+python\s+solution\s+ok")
            self.assertEqual(other.hooks, 1, "the declared origin was not reached")
            added = self.roadwork("pack", "add", str(pack), cwd=self.init("python"))
            self.assertEqual(added.code, 0, added)
            self.assertIn(f"note: mini/shout's checks may also send requests to {origin}\n", added.out)
            shutil.rmtree(self.tmp / "ws")
            # An origin with a path (or a template, a user, a control character) is no origin.
            toml.write_text(original.replace('hints = [', f'origins = ["{origin}/hook"]\nhints = [', 1))
            result = self.validate(pack)
            self.assertEqual(result.code, 2, result)
            self.assertIn(f'exercises/shout/exercise.toml:6:11: error: "{origin}/hook" is not an origin', result.err)
            # Nor is one whose port no server can listen on (a bracketed IPv6 host with a port is fine).
            for bad in ("http://127.0.0.1:0", "http://127.0.0.1:65536", "http://127.0.0.1:", "http://h:8o"):
                toml.write_text(original.replace('hints = [', f'origins = ["{bad}", "http://[::1]:8080"]\nhints = [', 1))
                result = self.validate(pack)
                self.assertEqual(result.code, 2, result)
                self.assertIn(f'exercises/shout/exercise.toml:6:11: error: "{bad}" is not an origin', result.err)
                self.assertNotIn("[::1]", result.err)

    def test_control_characters_of_a_pack_never_reach_the_terminal(self):
        # OSC 52 (a clipboard write), CSI (screen clear) and U+009B (8-bit CSI): raw and as numeric entities
        # in Markdown they are shown written out; as TOML escapes in a title or an origin they are refused
        # where they stand, and the error quotes nothing raw.
        pack = self.tmp / "pack"
        shutil.copytree(PACKS / "mini", pack)
        lesson = pack / "lessons" / "01-greetings" / "query-strings.md"
        lesson.write_text(lesson.read_text().replace("# Query strings", "# Query\x1b[2J strings", 1) +
                          "\nRaw \x1b]52;c;aGk=\x07 and &#27;[2J and &#155;31m and \u009b.\n")
        readme = pack / "exercises" / "greet" / "README.md"
        readme.write_text(readme.read_text() + "\n\x1b[2J\u009b31m\n")
        self.env["ROADWORK_PACK_DIR"] = str(pack)
        workspace = self.init("python")
        outputs = [self.roadwork(*args, cwd=workspace) for args in
                   (["roadmap"], [], ["lesson", "query-strings"], ["lesson", "--list"], ["start", "greet"])]
        for result in outputs:
            self.assertEqual(result.code, 0, result)
        self.assertIn("Raw \\x1b]52;c;aGk=\\x07 and \ufffd[2J and \ufffd31m and \\u009b.", outputs[2].out)
        self.assertIn("Query\\x1b[2J strings", outputs[3].out)

        evil = "\\u001b]52;c;aGk=\\u0007\\u009b31m"
        roadmap = pack / "lessons" / "roadmap.toml"
        roadmap.write_text(roadmap.read_text().replace('title = "Greetings"', f'title = "Greetings{evil}"'))
        toml = pack / "exercises" / "shout" / "exercise.toml"
        toml.write_text(toml.read_text().replace("hints = [", f'origins = ["http://x{evil}"]\nhints = [', 1))
        self.env["ROADWORK_PACK_DIR"] = str(SOURCE_DIR)
        refused = [self.validate(pack), self.roadwork("pack", "add", str(pack), cwd=workspace)]
        for result in refused:
            self.assertEqual(result.code, 2, result)
            self.assertRegex(result.err, r"roadmap\.toml:\d+:\d+: error: `title` holds a control character")
            self.assertRegex(result.err, r"exercise\.toml:6:\d+: error: `origins` holds a control character")
        for result in outputs + refused:
            text = result.out + result.err
            self.assertNotIn("\x1b", text, result)
            self.assertNotIn("\x07", text, result)
            self.assertIsNone(re.search("[\u0080-\u009f]", text), result)

    def test_start_copies_no_link_of_a_starter(self):
        pack = self.tmp / "pack"
        shutil.copytree(PACKS / "mini", pack)
        (pack / "exercises" / "greet" / "starter" / "python" / "keys").symlink_to(self.tmp / "outside")
        self.env["ROADWORK_PACK_DIR"] = str(pack)
        workspace = self.init("python")
        result = self.roadwork("start", "greet", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn("starter/python/keys: error: this file is a symbolic link; roadwork copies only files and folders", result.err)
        self.assertFalse((workspace / "greeter").exists(), "start changed the workspace before refusing")
        self.assertFalse((self.tmp / "outside").exists())

    def test_broken_runs_are_problems(self):
        result = self.validate(PACKS / "broken-runs", "--jobs", "2")
        self.assertEqual(result.code, 1, result)
        self.assertIn("0 errors, 0 warnings", result.out)
        for row in [r"greet\s+python\s+solution\s+PROBLEM", r"greet\s+python\s+starter\s+PROBLEM",
                    r"greet\s+python\s+mutant harmless\s+PROBLEM", r"greet\s+python\s+mutant wrong-step\s+PROBLEM",
                    r"crash\s+python\s+solution\s+PROBLEM", r"crash\s+python\s+starter\s+ok",
                    r"crash\s+python\s+mutant exits-1\s+PROBLEM"]:
            self.assertRegex(result.out, row)
        self.assertIn('greet: the python solution failed "GET /greet?name=Ada answers {"greeting": "Hello, Ada!"}": '
                      'jsonpath "$.greeting" == "Hello, Ada!": expected "Hello, Ada!", actual "Hi, Ada!"', result.out)
        self.assertIn("greet: the python starter passes every step; it must fail at least one", result.out)
        self.assertIn('greet: the python mutant harmless (is the solution itself) passes every step; it must fail '
                      '"GET /greet without a name greets the world"', result.out)
        self.assertIn('greet: the python mutant wrong-step (says Hey) failed "GET /greet?name=Ada answers '
                      '{"greeting": "Hello, Ada!"}" instead of "GET /greet without a name greets the world"', result.out)
        self.assertRegex(result.out, r"crash: the python solution never started: the server exited with status 3 "
                                     r"before listening on port \d+\n")
        self.assertIn("7 runs, 6 problems", result.out)
        # The failing solution's step as `roadwork check` shows it: where, expected and actual, and the curl.
        solution = result.out.split("greet: the python solution failed")[1].split("\n  greet: ")[0]
        self.assertIn("      exercises/greet/checks/name.hurl:7:1\n", solution)
        self.assertIn('        jsonpath "$.greeting" == "Hello, Ada!"\n', solution)
        self.assertIn('        expected: "Hello, Ada!"\n', solution)
        self.assertIn('        actual:   "Hi, Ada!"\n', solution)
        self.assertRegex(solution, r"      reproduce: curl -i 'http://127\.0\.0\.1:\d+/greet\?name=Ada'")

    def test_pack_new_validates_as_written(self):
        result = self.roadwork("pack", "new", "Web 101")
        self.assertEqual(result.code, 0, result)
        self.assertIn("Created the pack web-101", result.out)
        result = self.validate(self.tmp / "Web 101")
        self.assertEqual(result.code, 0, result)
        self.assertIn("0 errors, 0 warnings", result.out)
        self.assertRegex(result.out, r"ping\s+python\s+solution\s+ok")
        self.assertRegex(result.out, r"ping\s+python\s+starter\s+ok")
        self.assertRegex(result.out, r"ping\s+python\s+mutant pong-as-text\s+ok")
        result = self.roadwork("pack", "new", "Web 101")
        self.assertEqual(result.code, 2, result)
        self.assertIn("exists already and is not an empty folder", result.err)


class RegistryTest(WorkspaceTest):
    def test_add_list_remove_and_progress_is_kept(self):
        workspace = self.init("python")
        result = self.roadwork("pack", "add", str(PACKS / "mini"), cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertIn("Added the pack mini", result.out)
        self.assertIn(f'packs = [ "{PACKS / "mini"}" ]', (workspace / "roadwork.toml").read_text())

        result = self.roadwork("pack", "list", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertRegex(result.out, r"backend\s+Backend developer roadmap\s+\S+\s+built-in")
        self.assertRegex(result.out, rf"mini\s+Mini pack\s+1\.0\.0\s+added\s+{re.escape(str(PACKS / 'mini'))}")

        result = self.roadwork("pack", "add", str(PACKS / "mini"), cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn("is added already", result.err)
        result = self.roadwork("pack", "add", str(PACKS / "broken-roadmap"), cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn("is not added: its files have 19 errors", result.err)

        # greet is in mini and in broken-runs: the plain id is ambiguous, PACK/EXERCISE is not.
        result = self.roadwork("pack", "add", str(PACKS / "broken-runs"), cwd=workspace)
        self.assertEqual(result.code, 0, result)
        result = self.roadwork("start", "greet", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn('exercise "greet" is ambiguous: it is in several packs; name one of mini/greet, '
                      'broken-runs/greet', result.err)
        result = self.roadwork("start", "mini/greet", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        result = self.roadwork("check", cwd=workspace)  # the current exercise: mini/greet, its starter fails
        self.assertEqual(result.code, 1, result)
        self.assertIn("Checking greet", result.out)

        result = self.roadwork("pack", "remove", "backend", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn("the built-in pack backend cannot be removed", result.err)
        result = self.roadwork("pack", "remove", "mini", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertIn("your progress in it is kept", result.out)
        result = self.roadwork("pack", "list", cwd=workspace)
        self.assertNotIn("mini", result.out)
        result = self.roadwork("pack", "remove", "mini", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn('no pack "mini" was added to this workspace; added packs: broken-runs', result.err)

        with sqlite3.connect(workspace / ".roadwork" / "progress.db") as db:
            rows = db.execute("SELECT pack_id, exercise_id, verdict FROM attempts").fetchall()
        self.assertEqual(rows, [("mini", "greet", "fail")])

    def test_lessons_and_quizzes_of_an_added_pack_open_as_pack_slash_id(self):
        workspace = self.init("python")
        self.assertEqual(self.roadwork("pack", "add", str(PACKS / "mini"), cwd=workspace).code, 0)
        result = self.roadwork("lesson", "mini/query-strings", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertIn("Query strings", result.out)
        self.assertIn("Lesson 1 of 1 of Greetings, marked as read.", result.out)
        result = self.roadwork("quiz", "mini/greetings", "--json", "--answer", "query-start=1", cwd=workspace)
        self.assertEqual(result.json()["pack"], "mini", result)
        self.assertEqual(result.json()["stage"], "greetings", result)
        with sqlite3.connect(workspace / ".roadwork" / "progress.db") as db:
            self.assertEqual(db.execute("SELECT pack_id, lesson_id FROM lesson_reads").fetchall(),
                             [("mini", "01-greetings/query-strings")])
            self.assertEqual(db.execute("SELECT DISTINCT pack_id FROM quiz_answers").fetchall(), [("mini",)])
        result = self.roadwork("lesson", "nope/query-strings", cwd=workspace)
        self.assertEqual(result.code, 2, result)

    def test_a_failed_step_names_the_rules_it_checks_in_every_report(self):
        workspace = self.init("python")
        self.assertEqual(self.roadwork("pack", "add", str(PACKS / "mini"), cwd=workspace).code, 0)
        self.assertEqual(self.roadwork("start", "greet", cwd=workspace).code, 0)
        # The learner's server has the bug of the mutant no-default: it greets an empty name.
        solution = (PACKS / "mini" / "exercises" / "greet" / "solution" / "python" / "server.py").read_text()
        (workspace / "greeter" / "server.py").write_text(solution.replace("{name or 'world'}", "{name}"))
        result = self.roadwork("check", "--junit", str(self.tmp / "junit.xml"), cwd=workspace)
        self.assertEqual(result.code, 1, result)
        self.assertIn("✗ GET /greet without a name greets the world", result.out)
        self.assertIn("rule:      Without a name, GET /greet greets the world.", result.out)
        self.assertIn('hint:      Fall back to "world" when the query string has no name.', result.out)
        junit = (self.tmp / "junit.xml").read_text()
        self.assertIn("rule:      Without a name, GET /greet greets the world.", junit)

        result = self.roadwork("check", "--json", cwd=workspace)
        self.assertEqual(result.code, 1, result)
        tests = {test["name"]: test for test in json.loads(result.out)["tests"]}
        self.assertEqual(tests["GET /greet without a name greets the world"]["rules"],
                         [{"id": "world-by-default", "rule": "Without a name, GET /greet greets the world."}])
        self.assertEqual(tests['GET /greet?name=Ada answers {"greeting": "Hello, Ada!"}']["rules"], [])

    def test_grade_finds_exercises_of_added_packs_and_of_a_pack_folder(self):
        # A class of the mini pack's greet: the reference solution, and one with the bug of its mutant
        # no-default (it greets an empty name).
        solution = (PACKS / "mini" / "exercises" / "greet" / "solution" / "python" / "server.py").read_text()
        classroom = self.tmp / "class"
        for name, source in {"ada": solution, "bob": solution.replace("{name or 'world'}", "{name}")}.items():
            (classroom / name).mkdir(parents=True)
            (classroom / name / "server.py").write_text(source)

        # Outside a workspace, the built-in pack has no greet: --pack names the folder that does.
        unknown = self.roadwork("grade", "greet", "--submissions", str(classroom))
        self.assertEqual(unknown.code, 2, unknown)
        self.assertIn('no exercise "greet" in pack backend', unknown.err)
        by_folder = self.roadwork("grade", "greet", "--submissions", str(classroom), "--pack", str(PACKS / "mini"),
                                  "--json", str(self.tmp / "folder.json"), "--out", str(self.tmp / "out1"))
        self.assertEqual(by_folder.code, 1, by_folder)
        self.assertIn("2 submissions: 1 pass, 1 fail, 0 error", by_folder.out)
        report = json.loads((self.tmp / "folder.json").read_text())
        self.assertEqual((report["exercise"], report["pack"]), ("greet", "mini"))

        # In a workspace that added the pack, grade finds it as check does.
        workspace = self.init("python")
        self.assertEqual(self.roadwork("pack", "add", str(PACKS / "mini"), cwd=workspace).code, 0)
        added = self.roadwork("grade", "mini/greet", "--submissions", str(classroom), "--out", str(self.tmp / "out2"),
                              cwd=workspace)
        self.assertEqual(added.code, 1, added)
        self.assertIn("2 submissions: 1 pass, 1 fail, 0 error", added.out)
        self.assertRegex(added.out, r"bob\s+fail\s+1/2\s+.*GET /greet without a name")

    def test_a_pack_that_is_gone_is_listed_as_broken_and_removed_by_its_folder(self):
        workspace = self.init("python")
        gone = self.tmp / "gone"
        config = workspace / "roadwork.toml"
        config.write_text(config.read_text().replace('stack = "python"', f'packs = ["{gone}"]\nstack = "python"'))
        result = self.roadwork("roadmap", cwd=workspace)
        self.assertEqual(result.code, 2, result)
        self.assertIn(f"lists the pack {gone}, which is not there any more; unregister it with "
                      f"`roadwork pack remove {gone}`", result.err)
        result = self.roadwork("pack", "list", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertRegex(result.out, rf"\?\s+\(cannot be loaded: roadwork pack remove it\)\s+broken\s+{gone}")
        result = self.roadwork("pack", "remove", str(gone), cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertNotIn("packs", config.read_text())

    def test_add_needs_a_workspace(self):
        result = self.roadwork("pack", "add", str(PACKS / "mini"))
        self.assertEqual(result.code, 2, result)
        self.assertIn("no roadwork workspace here or above", result.err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
