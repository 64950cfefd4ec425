"""Benchmark: requests per second of roadwork's HTTP runner over one kept-alive loopback connection.

Three clients send GET /ping to the same C++ server (tests/bench/runner_rps_server.cpp, answering 200 "pong"):
  roadwork runner  `roadwork hurl` on one entry repeated with [Options] repeat, asserting status and body;
                   the rate comes from the step's own time in the JSON report, so process start-up and
                   parsing are left out: it is the runner's rate (request, response, asserts, report)
  wrk              `wrk -c1 -t1 -d5s`: one connection, one thread, no checking (the ceiling)
  curl loop        a shell loop of `curl` processes, a new process and connection per request (what a
                   script of curl lines costs)
Target (issue 13): the runner reaches wrk's rate (issue 3 asked for half of it).
The runner and wrk take turns, ROUNDS times: a loopback's rate on a shared or virtual machine drifts by a
quarter from one minute to the next, so each round's ratio compares two runs made seconds apart, and the
verdict is the median of those ratios.

Usage: python3 tests/bench/runner_rps.py [path/to/roadwork] [path/to/runner_rps_server]
The server defaults to tests/runner_rps_server in the build folder of roadwork (BUILD_TESTING=ON).
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROADWORK = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / "build" / "roadwork"
SERVER = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else ROADWORK.parent / "tests" / "runner_rps_server"
RUNNER_REQUESTS = 20000
ROUNDS = 7
CURL_REQUESTS = 300
WRK_SECONDS = 2

CHECK = """GET {{host}}/ping
[Options]
repeat: %d
HTTP 200
`pong`
"""


def start_server():
    server = subprocess.Popen([str(SERVER), "0"], stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    match = re.match(r"listening on (\d+)", line)
    if not match:
        server.kill()
        sys.exit(f"runner_rps_server did not start: {line!r}")
    return server, f"http://127.0.0.1:{match.group(1)}"


def runner_rps(host, check):
    result = subprocess.run([str(ROADWORK), "hurl", "--json", "--variable", f"host={host}", str(check)],
                            capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
    if result.returncode != 0:
        sys.exit(f"roadwork hurl failed:\n{result.stdout}\n{result.stderr}")
    step = json.loads(result.stdout)["tests"][0]
    return RUNNER_REQUESTS, RUNNER_REQUESTS / (step["time_ms"] / 1000)


def wrk_rps(host):
    result = subprocess.run(["wrk", "-c1", "-t1", f"-d{WRK_SECONDS}s", f"{host}/ping"], capture_output=True,
                            text=True, check=True)
    rate = float(re.search(r"Requests/sec:\s*([\d.]+)", result.stdout).group(1))
    total = int(re.search(r"(\d+) requests in", result.stdout).group(1))
    return total, rate


def curl_rps(host):
    loop = f'i=0; while [ $i -lt {CURL_REQUESTS} ]; do curl -s -o /dev/null "{host}/ping"; i=$((i+1)); done'
    began = time.perf_counter()
    subprocess.run(["sh", "-c", loop], check=True)
    return CURL_REQUESTS, CURL_REQUESTS / (time.perf_counter() - began)


def main():
    if not SERVER.is_file():
        sys.exit(f"{SERVER} is missing: build the target runner_rps_server (tools/dev bench does)")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (tools/dev bench does)")
    tmp = Path(tempfile.mkdtemp(prefix="roadwork-bench-"))
    server, host = start_server()
    check = tmp / "ping.hurl"
    check.write_text(CHECK % RUNNER_REQUESTS)
    runner, wrk, ratios = [], [], []
    try:
        for round_number in range(1, ROUNDS + 1):
            print(f"round {round_number} of {ROUNDS}", file=sys.stderr, flush=True)
            runner.append(runner_rps(host, check))
            wrk.append(wrk_rps(host))
            ratios.append(runner[-1][1] / wrk[-1][1])
        curl = curl_rps(host)
    finally:
        server.kill()
        server.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    median = statistics.median
    wrk_rate = median(rate for _, rate in wrk)
    rows = [("roadwork runner (roadwork hurl, one connection)", sum(n for n, _ in runner),
             median(rate for _, rate in runner)),
            ("wrk -c1 -t1 (one connection)", sum(n for n, _ in wrk), wrk_rate),
            ("curl loop (a process and a connection each)", *curl)]
    print(f"GET /ping on loopback to a cpp-httplib server, {os.cpu_count()} cores, {ROUNDS} rounds taking turns")
    print(f"{'client':<50} {'requests':>9} {'req/s':>9} {'vs wrk':>7}")
    for name, requests, rate in rows:
        print(f"{name:<50} {requests:>9} {rate:>9.0f} {rate / wrk_rate:>7.2f}")
    ratio = median(ratios)
    print(f"runner/wrk per round: median {ratio:.2f}, from {min(ratios):.2f} to {max(ratios):.2f}")
    print(f"target: roadwork runner >= 1.00 of wrk's rate (median of the rounds): {'met' if ratio >= 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
