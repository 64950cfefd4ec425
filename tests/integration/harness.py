"""Shared helpers for the integration tests: a temporary workspace driven through the built binary.

The binary comes from $ROADWORK (ctest sets it); the source tree from $ROADWORK_SOURCE_DIR.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROADWORK = os.environ.get("ROADWORK", "build/roadwork")
SOURCE_DIR = Path(os.environ.get("ROADWORK_SOURCE_DIR", Path(__file__).resolve().parents[2]))
EXERCISES = SOURCE_DIR / "exercises"


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
        solution = EXERCISES / exercise / "solution" / stack
        shutil.copytree(solution, workspace / project, dirs_exist_ok=True)
        if stack == "node":
            link = workspace / project / "node_modules"
            if not link.exists():
                link.symlink_to(SOURCE_DIR / "node_modules")
