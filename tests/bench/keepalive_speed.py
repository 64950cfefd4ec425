"""Benchmark: 20 GET checks with a JSON assert each, against a python HTTP/1.1 keep-alive server.

The server is python's http.server with protocol_version "HTTP/1.1", as many tutorials teach it: it writes
the head and the body of each response in two sends, so a client that delays its ACKs waits 40 ms a request.
Three graders make the same 20 requests and check `$.ok == true` in each answer; their runs alternate, and
the table gives each one's median wall time (process start-up included) over ROUNDS rounds:
  roadwork hurl   one .hurl file of 20 entries, one kept-alive connection
  curl + jq       a shell grader: one curl and one jq process per request, a new connection each
  newman          a Postman collection of 20 requests with a pm.test each
Targets (issue 13): roadwork at most 0.15x the curl grader and at most 0.05x newman. Printed, never asserted.

newman comes from the npm registry into build/bench-tools (tools/dev bench installs it); without it, its
row says so.
Usage: python3 tests/bench/keepalive_speed.py [path/to/roadwork] [rounds]
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
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 10
REQUESTS = 20
NEWMAN = ROOT / "build" / "bench-tools" / "node_modules" / ".bin" / "newman"

SERVER = """
import http.server, json, sys
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = json.dumps({"ok": True, "path": self.path}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def write_graders(tmp, host):
    """The three graders' inputs in `tmp`; returns each one's command line, by name."""
    hurl = "".join(f'GET {host}/items/{i}\nHTTP 200\n[Asserts]\njsonpath "$.ok" == true\n\n'
                   for i in range(REQUESTS))
    (tmp / "items.hurl").write_text(hurl)
    shell = "set -e\n" + "".join(f"curl -sf {host}/items/{i} | jq -e '.ok == true' >/dev/null\n"
                                 for i in range(REQUESTS))
    (tmp / "grade.sh").write_text(shell)
    collection = {
        "info": {"name": "items", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": f"item {i}", "request": {"method": "GET", "url": f"{host}/items/{i}"},
                  "event": [{"listen": "test", "script": {"exec": [
                      "pm.test('ok', () => pm.expect(pm.response.json().ok).to.eql(true));"]}}]}
                 for i in range(REQUESTS)],
    }
    (tmp / "items.postman_collection.json").write_text(json.dumps(collection))
    graders = {
        "roadwork hurl": [ROADWORK, "hurl", str(tmp / "items.hurl")],
        "curl + jq": ["sh", str(tmp / "grade.sh")],
    }
    if NEWMAN.exists():
        graders["newman"] = [str(NEWMAN), "run", str(tmp / "items.postman_collection.json"), "--bail",
                             "--reporters", "cli"]
    return graders


def main():
    for tool in ("curl", "jq"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed: run `bash tools/dev bench`, which installs it")
    tmp = Path(tempfile.mkdtemp(prefix="roadwork-bench-"))
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True)
    try:
        host = f"http://127.0.0.1:{server.stdout.readline().strip()}"
        graders = write_graders(tmp, host)
        times = {name: [] for name in graders}
        for round_ in range(ROUNDS):
            print(f"\rround {round_ + 1}/{ROUNDS}", end="", file=sys.stderr, flush=True)
            for name, command in graders.items():
                began = time.perf_counter()
                result = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
                elapsed = time.perf_counter() - began
                if result.returncode != 0:
                    sys.exit(f"\n{name} failed:\n{result.stdout}\n{result.stderr}")
                times[name].append(elapsed * 1000)
        print(file=sys.stderr)
    finally:
        server.kill()
        server.wait()
        shutil.rmtree(tmp)
    ours = statistics.median(times["roadwork hurl"])
    print(f"\n{REQUESTS} GET checks with a JSON assert each, python http.server HTTP/1.1, median of {ROUNDS} "
          "rounds (wall time, process start-up included)")
    print(f"{'grader':<16}{'total ms':>10}{'ms/request':>12}{'roadwork / it':>15}")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:<16}{median:>10.1f}{median / REQUESTS:>12.2f}{ours / median:>14.3f}x")
    if "newman" not in times:
        print(f"{'newman':<16}  not installed ({NEWMAN}): `bash tools/dev bench` installs it")
    print("targets: roadwork <= 0.15x curl + jq, <= 0.05x newman")


if __name__ == "__main__":
    main()
