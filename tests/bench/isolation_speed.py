"""Benchmark: what isolation costs `roadwork grade` (target from issue 14: at most 10 ms per submission).

Prints (printed, never asserted): submissions per minute grading SUBMISSIONS copies of hello-server's
python solution with --jobs 1 and --jobs 2, isolated (the default) and not (--unsafe), in one run, and the
cost of isolation per submission: the difference of the wall times per submission, and of the servers'
mean start-up (spawn to listening) as the reports give it.

Usage: python3 tests/bench/isolation_speed.py [path/to/roadwork] [submissions]
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROADWORK = str(Path(sys.argv[1]).resolve()) if len(sys.argv) > 1 else str(ROOT / "build" / "roadwork")
SUBMISSIONS = int(sys.argv[2]) if len(sys.argv) > 2 else 50
SOLUTION = ROOT / "exercises/hello-server/solution/python/server.py"


def grade(folder, jobs, isolated, out, env):
    """Grades every submission of `folder`; returns (wall seconds, mean server start-up in ms)."""
    report = out / "grades.json"
    args = [ROADWORK, "grade", "hello-server", "--submissions", str(folder), "--jobs", str(jobs), "--run",
            "python3 server.py", "--out", str(out), "--json", str(report)] + ([] if isolated else ["--unsafe"])
    began = time.monotonic()
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    wall = time.monotonic() - began
    if result.returncode != 0:
        sys.exit(f"grade failed:\n{result.stdout}\n{result.stderr}")
    reports = [s["report"] for s in json.loads(report.read_text())["submissions"]]
    if any(r["isolated"] != isolated for r in reports):
        sys.exit(f"a report's isolation is not {isolated}")
    return wall, statistics.mean(r["server_start_ms"] for r in reports)


def main():
    tmp = Path(tempfile.mkdtemp(prefix="roadwork-bench-"))
    try:
        env = dict(os.environ, NO_COLOR="1", ROADWORK_PACK_DIR=str(ROOT))
        folder = tmp / "submissions"
        for i in range(SUBMISSIONS):
            (folder / f"s{i:03}").mkdir(parents=True)
            shutil.copy(SOLUTION, folder / f"s{i:03}" / "server.py")
        print(f"roadwork grade hello-server, {SUBMISSIONS} copies of the python solution, strict limits, "
              f"{os.cpu_count()} cores, {'root' if os.geteuid() == 0 else 'a normal user'}")
        print(f"{'figure':<56} {'value':>10}")
        walls = {}
        for jobs in (1, 2):
            for isolated in (False, True):
                wall, startup = grade(folder, jobs, isolated, tmp / f"out-{jobs}-{isolated}", env)
                walls[jobs, isolated] = (wall, startup)
                label = f"submissions per minute, --jobs {jobs}, {'isolated' if isolated else 'not isolated'}"
                print(f"{label:<56} {SUBMISSIONS / wall * 60:>10.1f}")
        for jobs in (1, 2):
            (plain, plain_startup), (isolated, isolated_startup) = walls[jobs, False], walls[jobs, True]
            cost = (isolated - plain) * 1000 / SUBMISSIONS
            print(f"{f'isolation cost per submission, --jobs {jobs} (wall, ms)':<56} {cost:>10.1f}")
            print(f"{f'isolation cost of a server start, --jobs {jobs} (ms)':<56} "
                  f"{isolated_startup - plain_startup:>10.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
