"""Benchmark: `roadwork grade` throughput, its overhead per submission, and its memory under a flood.

Prints (targets from issue 4; printed, never asserted):
  submissions per minute  grading SUBMISSIONS copies of hello-server's python solution, --jobs 1 and 2,
                          isolated (the default) and not (--unsafe)
  isolation cost          per submission: the difference of the wall times per submission, and of the
                          servers' mean start-up (spawn to listening) as the reports give it (target from
                          issue 14: at most 10 ms)
  overhead per submission wall time per submission (--jobs 1) minus the server's own start-up, split into
                          the checks, the server's shut-down, and what is left: roadwork's own cost
  peak RSS                roadwork's VmHWM while a server answers with a 1 GiB body (target <= 32 MiB),
                          with the default and the strict limits, and grading 4 such servers at once

Usage: python3 tests/bench/grade_speed.py [path/to/roadwork] [submissions]
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
HOSTILE = ROOT / "tests/fixtures/hostile"


def run_with_peak_rss(args, cwd, env):
    """Runs `args`; returns (CompletedProcess-like stdout text, wall seconds, peak VmHWM in KiB)."""
    started = time.monotonic()
    peak = 0
    with subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as process:
        while process.poll() is None:
            try:
                with open(f"/proc/{process.pid}/status") as f:
                    peak = max([peak] + [int(line.split()[1]) for line in f if line.startswith("VmHWM:")])
            except (FileNotFoundError, ProcessLookupError):
                pass
            time.sleep(0.01)
        out = process.stdout.read()
    return out, time.monotonic() - started, peak


def grade(folder, jobs, env, out, isolated):
    """Grades every submission of `folder`; returns (wall seconds, the --json document)."""
    report = out / "grades.json"
    began = time.monotonic()
    result = subprocess.run([ROADWORK, "grade", "hello-server", "--submissions", str(folder), "--jobs", str(jobs),
                             "--run", "python3 server.py", "--out", str(out), "--json", str(report)]
                            + ([] if isolated else ["--unsafe"]), env=env, capture_output=True, text=True)
    wall = time.monotonic() - began
    if result.returncode != 0:
        sys.exit(f"grade failed:\n{result.stdout}\n{result.stderr}")
    document = json.loads(report.read_text())
    if any(s["report"]["isolated"] != isolated for s in document["submissions"]):
        sys.exit(f"a report's isolation is not {isolated}")
    return wall, document


def mean_startup(document):
    return statistics.mean(s["report"]["server_start_ms"] for s in document["submissions"])


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
        runs = {}
        for jobs in (1, 2):
            for isolated in (False, True):
                wall, document = grade(folder, jobs, env, tmp / f"out-{jobs}-{isolated}", isolated)
                runs[jobs, isolated] = (wall, document)
                label = f"submissions per minute, --jobs {jobs}, {'isolated' if isolated else 'not isolated'}"
                print(f"{label:<56} {SUBMISSIONS / wall * 60:>10.1f}")
        for jobs in (1, 2):
            (plain, plain_document), (isolated, isolated_document) = runs[jobs, False], runs[jobs, True]
            print(f"{f'isolation cost per submission, --jobs {jobs} (wall, ms)':<56} "
                  f"{(isolated - plain) * 1000 / SUBMISSIONS:>10.1f}")
            print(f"{f'isolation cost of a server start, --jobs {jobs} (ms)':<56} "
                  f"{mean_startup(isolated_document) - mean_startup(plain_document):>10.1f}")

        wall, document = runs[1, True]
        reports = [s["report"] for s in document["submissions"]]
        per_submission = wall * 1000 / SUBMISSIONS
        startup = mean_startup(document)
        checks = statistics.mean(sum(t["time_ms"] for t in r["tests"]) for r in reports)
        stop = statistics.mean(r["server_stop_ms"] for r in reports)
        rows = [("wall time per submission, --jobs 1 (ms)", per_submission),
                ("  server start-up: spawn -> listening (ms)", startup),
                ("overhead beyond the server's start-up (ms)", per_submission - startup),
                ("  the checks' requests (ms)", checks),
                ("  the server's shut-down: SIGTERM -> reaped (ms)", stop),
                ("  roadwork's own: the rest (ms)", per_submission - startup - checks - stop)]
        for name, value in rows:
            print(f"{name:<56} {value:>10.1f}")

        # Memory: a server that answers every request with a 1 GiB body.
        subprocess.run([ROADWORK, "init", "ws", "--stack", "python"], cwd=tmp, check=True, capture_output=True,
                       env=dict(env, ROADWORK_PACK_DIR=str(HOSTILE / "pack")))
        ws = tmp / "ws"
        (ws / "app").mkdir()
        with open(ws / "roadwork.toml", "a") as config:
            config.write(f'\n[projects.app]\ndir = "app"\nrun = "python3 {HOSTILE / "servers" / "sends_1gib.py"}"\n')
        hostile_env = dict(env, ROADWORK_PACK_DIR=str(HOSTILE / "pack"))
        for preset in ("default", "strict"):
            _, _, peak = run_with_peak_rss([ROADWORK, "check", "hostile", "--limits", preset, "--json"], ws,
                                           hostile_env)
            print(f"{f'peak RSS, check, 1 GiB body, {preset} limits (MiB)':<56} {peak / 1024:>10.1f}  target <= 32")
        flood = tmp / "flood"
        for i in range(4):
            (flood / f"f{i}").mkdir(parents=True)
        _, _, peak = run_with_peak_rss([ROADWORK, "grade", "hostile", "--submissions", str(flood), "--jobs", "4",
                                        "--run", f"python3 {HOSTILE / 'servers' / 'sends_1gib.py'}"], tmp,
                                       hostile_env)
        print(f"{'peak RSS, grade --jobs 4, 1 GiB bodies, strict (MiB)':<56} {peak / 1024:>10.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
