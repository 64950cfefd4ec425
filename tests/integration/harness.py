"""Shared helpers for the integration tests: a temporary workspace driven through the built binary.

The binary comes from $ROADWORK (ctest sets it); the source tree from $ROADWORK_SOURCE_DIR.
"""
import atexit
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest
from pathlib import Path

ROADWORK = os.environ.get("ROADWORK", "build/roadwork")
SOURCE_DIR = Path(os.environ.get("ROADWORK_SOURCE_DIR", Path(__file__).resolve().parents[2]))
EXERCISES = SOURCE_DIR / "exercises"
_trees = None


def exercise_code(exercise, stack, variant="solution"):
    """The folder of `exercise`'s code in `stack` ("solution", "starter" or "marked"), as `roadwork pack
    materialize` writes it from the source tree's pack (exercises/README.md: Exercise code); all exercises are
    materialised once per test process, into a temporary folder removed at exit."""
    global _trees
    if _trees is None:
        _trees = Path(tempfile.mkdtemp(prefix="roadwork-trees-"))
        atexit.register(shutil.rmtree, _trees, True)
        subprocess.run([ROADWORK, "pack", "materialize", str(_trees / "all"), "--pack", str(SOURCE_DIR)],
                       check=True, capture_output=True)
    folder = _trees / "all" / exercise / stack / variant
    if not folder.is_dir():
        raise FileNotFoundError(f"{exercise} has no {stack} {variant}")
    return folder


def alive(pid):
    """True while process `pid` runs (it exists and is not a zombie)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            return "\nState:\tZ" not in f.read()
    except FileNotFoundError:
        return False


def marked_processes(marker):
    """Pids of live (non-zombie) processes whose argv holds `marker`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if marker.encode() not in f.read():
                    continue
        except (FileNotFoundError, ProcessLookupError):
            continue
        if alive(int(entry)):
            found.append(int(entry))
    return found


class Result:
    def __init__(self, completed):
        self.code = completed.returncode
        self.out = completed.stdout
        self.err = completed.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


class LiveRoadwork:
    """A roadwork command that runs until it is stopped (practice, serve), as a subprocess of `test`, its
    output read line by line as it comes; killed at the test's end if it still runs."""

    def __init__(self, test, cwd, *args):
        self.process = subprocess.Popen([ROADWORK, *args], cwd=cwd, env=test.env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        test.addCleanup(lambda: self.process.poll() is None and self.process.kill())
        self.lines = queue.Queue()
        self.output = []
        self.reader = threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stdout],
                                       daemon=True)
        self.reader.start()

    def wait_for(self, pattern, timeout=30):
        """The match of the first line from now on that matches `pattern`."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r} in:\n{''.join(self.output)}") from None
            self.output.append(line)
            if match := re.search(pattern, line):
                return match

    def stop(self, signo=signal.SIGINT):
        """Sends `signo` and returns the exit status once the process and its output have ended."""
        self.process.send_signal(signo)
        code = self.process.wait(timeout=30)
        self.reader.join(timeout=30)  # until the end of its output
        self.process.stdout.close()
        while not self.lines.empty():
            self.output.append(self.lines.get())
        return code

    def text(self):
        return "".join(self.output)


class WorkspaceTest(unittest.TestCase):
    """Each test gets a fresh temporary folder, removed afterwards."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="roadwork-it-"))
        self.env = dict(os.environ, NO_COLOR="1", ROADWORK_PACK_DIR=str(SOURCE_DIR))
        self.env.pop("PORT", None)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def roadwork(self, *args, cwd=None, timeout=120):
        completed = subprocess.run([ROADWORK, *args], cwd=cwd or self.tmp, env=self.env, capture_output=True,
                                   text=True, timeout=timeout)
        return Result(completed)

    def init(self, stack):
        """Creates workspace `ws` with `stack`; returns its path."""
        result = self.roadwork("init", "ws", "--stack", stack)
        self.assertEqual(result.code, 0, result)
        return self.tmp / "ws"

    def install_solution(self, workspace, exercise, stack, project="notes"):
        """Copies the reference solution over the project folder, as if the learner had written it."""
        shutil.copytree(exercise_code(exercise, stack), workspace / project, dirs_exist_ok=True)
        if stack == "node":
            link = workspace / project / "node_modules"
            if not link.exists():
                link.symlink_to(SOURCE_DIR / "node_modules")
