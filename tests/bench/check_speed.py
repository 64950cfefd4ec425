"""Benchmark: how fast `roadwork check hello-server` grades the python reference solution.

Prints these figures, each over RUNS runs:
  detection lag  from the server's listen() to the first HTTP request roadwork sends   (target <= 2 ms)
  overhead       `roadwork check` wall time minus the server's own start-up             (target <= 20 ms)
  verdict        from the start of `roadwork check` (text output) to its "N of M steps passed." line,
                 which it prints while the server shuts down, minus the server's start-up
The server's start-up is measured from the spawn of its run command to its listen() call. Python's own
shut-down (SIGTERM until the process is reaped, from the JSON report) is part of the wall time, so the table
also shows the overhead without it: what roadwork itself costs.

The learner's server is the reference solution, wrapped to write timestamps (CLOCK_REALTIME, ns) to files.
Usage: python3 tests/bench/check_speed.py [path/to/roadwork] [runs]
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
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 20

WRAPPER = '''
import importlib.util, os, time
spec = importlib.util.spec_from_file_location("solution", os.environ["BENCH_SOLUTION"])
solution = importlib.util.module_from_spec(spec)
spec.loader.exec_module(solution)
out = os.environ["BENCH_OUT"]

class TimedServer(solution.Server):
    def server_activate(self):
        super().server_activate()
        with open(out + ".listen", "w") as f:
            f.write(str(time.time_ns()))

class TimedHandler(solution.Handler):
    def parse_request(self):
        marker = out + ".request"
        if not os.path.exists(marker):
            with open(marker, "w") as f:
                f.write(str(time.time_ns()))
        return super().parse_request()

solution.Server = TimedServer
solution.Handler = TimedHandler
solution.main()
'''


def read_ns(path):
    return int(Path(path).read_text())


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    tmp = Path(tempfile.mkdtemp(prefix="roadwork-bench-"))
    try:
        env = dict(os.environ, NO_COLOR="1", ROADWORK_PACK_DIR=str(ROOT),
                   BENCH_SOLUTION=str(ROOT / "exercises/hello-server/solution/python/server.py"))
        subprocess.run([ROADWORK, "init", "ws", "--stack", "python"], cwd=tmp, env=env, check=True,
                       capture_output=True)
        ws = tmp / "ws"
        subprocess.run([ROADWORK, "start", "hello-server"], cwd=ws, env=env, check=True, capture_output=True)
        (ws / "notes" / "server.py").write_text(WRAPPER)
        config = ws / "roadwork.toml"
        config.write_text(config.read_text().replace(
            'run = "python3 server.py"', 'run = "date +%s%N > \\"$BENCH_OUT.spawn\\"; exec python3 server.py"'))

        lags, totals, startups, stops, overheads, own, verdicts = [], [], [], [], [], [], []
        for run in range(RUNS):
            out = ws / "notes" / f".bench-text{run}"
            env["BENCH_OUT"] = str(out)
            began = time.time_ns()
            with subprocess.Popen([ROADWORK, "check", "hello-server"], cwd=ws, env=env, stdout=subprocess.PIPE,
                                  text=True) as check:
                for line in check.stdout:
                    if "steps passed." in line:
                        verdicts.append((time.time_ns() - began) / 1e6)
                check.stdout.read()
            if check.returncode != 0 or len(verdicts) != run + 1:
                sys.exit(f"check failed or printed no summary (exit {check.returncode})")
            verdicts[-1] -= (read_ns(f"{out}.listen") - read_ns(f"{out}.spawn")) / 1e6
        for run in range(RUNS):
            out = ws / "notes" / f".bench-run{run}"  # the project folder: the one the sandbox lets the server write
            env["BENCH_OUT"] = str(out)
            began = time.time_ns()
            result = subprocess.run([ROADWORK, "check", "hello-server", "--json"], cwd=ws, env=env, capture_output=True,
                                    text=True)
            ended = time.time_ns()
            if result.returncode != 0:
                sys.exit(f"check failed:\n{result.stdout}\n{result.stderr}")
            spawn, listen, request = (read_ns(f"{out}.{name}") for name in ("spawn", "listen", "request"))
            lags.append((request - listen) / 1e6)
            totals.append((ended - began) / 1e6)
            startups.append((listen - spawn) / 1e6)
            overheads.append(totals[-1] - startups[-1])
            stops.append(json.loads(result.stdout)["server_stop_ms"])
            own.append(overheads[-1] - stops[-1])

        print(f"roadwork check hello-server (python solution), {RUNS} runs, {os.cpu_count()} cores")
        print(f"{'figure':<44} {'median':>9} {'p90':>9} {'target':>9}")
        rows = [("detection lag: listen() -> first request (ms)", lags, "<= 2"),
                ("check wall time (ms)", totals, ""),
                ("server start-up: spawn -> listen() (ms)", startups, ""),
                ("server shut-down: SIGTERM -> reaped (ms)", stops, ""),
                ("roadwork overhead: wall - start-up (ms)", overheads, "<= 20"),
                ("  without the server's shut-down (ms)", own, ""),
                ("verdict shown: summary line - start-up (ms)", verdicts, "")]
        for name, values, target in rows:
            print(f"{name:<44} {statistics.median(values):>9.2f} {percentile(values, 0.9):>9.2f} {target:>9}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
