"""Hostile servers through `roadwork check --limits strict` on the fixture pack tests/fixtures/hostile/pack.

Each server in tests/fixtures/hostile/servers/ misbehaves in one way. For each: the verdict names what
happened, it arrives within the limits (a hang detector with generous slack, not a speed test), no process
of the server remains (found in /proc by the marker every one of its processes carries in argv), roadwork's
peak RSS stays bounded (VmHWM read from /proc while it runs), and the progress store is intact.
"""
import os
import re
import sqlite3
import subprocess
import threading
import time
import unittest
import uuid

from harness import ROADWORK, SOURCE_DIR, Result, WorkspaceTest, marked_processes

HOSTILE = SOURCE_DIR / "tests" / "fixtures" / "hostile"
# The fixture exercise's limits (pack/exercises/hostile/exercise.toml) and the sandbox's stop grace period.
STARTUP_S, RUN_S, GRACE_S = 6, 10, 3  # start-up leaves time to drain 1 GiB of output on a loaded machine
# Slack on top of the limits before a run counts as hung: a busy CI machine is slow, never this slow.
SLACK_S = 30
# roadwork's peak RSS may exceed a well-behaved run's by this much, whatever the server sends or prints.
RSS_HEADROOM_KIB = 32 * 1024


def run_measured(args, cwd, env, timeout):
    """Runs roadwork; returns its Result, its wall time in seconds, and its peak RSS (VmHWM) in KiB."""
    started = time.monotonic()
    peak = 0
    with subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        # Threads drain the pipes, so that a long report never blocks roadwork while it is measured.
        chunks = {"out": b"", "err": b""}

        def drain(key, stream):
            chunks[key] = stream.read()

        readers = [threading.Thread(target=drain, args=("out", process.stdout)),
                   threading.Thread(target=drain, args=("err", process.stderr))]
        for reader in readers:
            reader.start()
        while process.poll() is None:
            try:
                with open(f"/proc/{process.pid}/status") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            peak = max(peak, int(line.split()[1]))
            except (FileNotFoundError, ProcessLookupError):
                pass
            if time.monotonic() - started > timeout:
                process.kill()
            time.sleep(0.02)
        for reader in readers:
            reader.join()
    completed = subprocess.CompletedProcess(args, process.returncode, chunks["out"].decode(errors="replace"),
                                            chunks["err"].decode(errors="replace"))
    return Result(completed), time.monotonic() - started, peak


class HostileServerTest(WorkspaceTest):
    baseline_rss_kib = None

    def setUp(self):
        super().setUp()
        self.env["ROADWORK_PACK_DIR"] = str(HOSTILE / "pack")
        # ASan's 256 MB quarantine keeps freed memory resident, so VmHWM would measure how much a run churns,
        # not what roadwork keeps; a small quarantine leaves what it keeps. No effect on a build without ASan.
        self.env["ASAN_OPTIONS"] = ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"), "quarantine_size_mb=16"]))
        self.workspace = self.init("python")
        (self.workspace / "app").mkdir()
        self.checks = 0

    def check(self, server, *flags, limit_s, json=True):
        """`roadwork check hostile --limits strict --json` with the fixture `server` as the project's run
        command; returns the Result and the report (None without --json, when `json` is false), after the
        checks every hostile run must pass."""
        marker = f"hostile-{uuid.uuid4().hex}"
        run = f"python3 {HOSTILE / 'servers' / server} --marker={marker}"
        config = self.workspace / "roadwork.toml"
        text = config.read_text().split("\n[projects.app]")[0]
        config.write_text(text + f'\n[projects.app]\ndir = "app"\nrun = "{run}"\n')
        json_flag = ["--json"] if json else []
        result, elapsed, peak = run_measured([ROADWORK, "check", "hostile", "--limits", "strict", *json_flag, *flags],
                                             self.workspace, self.env, timeout=limit_s + SLACK_S + 60)
        self.checks += 1
        self.assertLess(elapsed, limit_s + SLACK_S, f"no verdict within the limits\n{result}")
        self.assertIn(result.code, (0, 1), result)
        time.sleep(0.1)  # a killed process takes a moment to leave /proc once reaped
        self.assertEqual(marked_processes(marker), [], f"a process of the server survived\n{result}")
        self.assert_store_intact()
        self.assert_rss_bounded(peak, result)
        return result, result.json() if json else None

    def assert_store_intact(self):
        with sqlite3.connect(self.workspace / ".roadwork" / "progress.db") as db:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            self.assertEqual(db.execute("SELECT count(*) FROM attempts").fetchone()[0], self.checks)

    def assert_rss_bounded(self, peak_kib, result):
        if HostileServerTest.baseline_rss_kib is None:
            HostileServerTest.baseline_rss_kib = self.baseline_rss()
        self.assertLess(peak_kib, HostileServerTest.baseline_rss_kib + RSS_HEADROOM_KIB,
                        f"roadwork's peak RSS grew with what the server sent\n{result}")

    def baseline_rss(self):
        """roadwork's peak RSS checking a well-behaved server, in KiB."""
        config = self.workspace / "roadwork.toml"
        saved = config.read_text()
        text = saved.split("\n[projects.app]")[0]
        config.write_text(text + f'\n[projects.app]\ndir = "app"\nrun = "python3 {HOSTILE / "servers" / "all_interfaces.py"}"\n')
        result, _, peak = run_measured([ROADWORK, "check", "hostile", "--limits", "strict", "--json"], self.workspace,
                                       self.env, timeout=120)
        self.assertEqual(result.code, 0, result)
        self.checks += 1
        config.write_text(saved)
        return peak

    def step_message(self, report, index):
        return report["tests"][index]["message"] or ""

    def test_never_listens(self):
        result, report = self.check("never_listens.py", limit_s=STARTUP_S + GRACE_S)
        self.assertEqual(report["status"], "error")
        self.assertRegex(report["message"], r"did not listen on port \d+ within 6 s")
        self.assertIn("starting up", report["output"])

    def test_exits_at_once(self):
        result, report = self.check("exits_at_once.py", limit_s=STARTUP_S)
        self.assertEqual(report["status"], "error")
        self.assertIn("exited with status 3 before listening", report["message"])
        self.assertIn("cannot read config.json", report["output"])

    def test_accepts_and_never_answers(self):
        result, report = self.check("accepts_never_answers.py", limit_s=STARTUP_S + 5 + GRACE_S)
        self.assertEqual(report["status"], "fail")
        failure = report["tests"][0]["failures"][0]["message"]
        self.assertIn("no response within 5000 ms", failure)

    def test_answers_one_byte_a_second(self):
        # Each read is quick, so only a limit on the whole exchange ends it: the request's 5 s, not the run's 10.
        result, report = self.check("byte_per_second.py", limit_s=STARTUP_S + RUN_S + GRACE_S)
        self.assertEqual(report["status"], "fail")
        self.assertIn("no complete response within 5000 ms, the limit of one request (set by [Options] max-time)",
                      report["tests"][0]["failures"][0]["message"])
        self.assertNotIn("time limit of 10 s ran out", report["output"] or "")
        self.assertGreaterEqual(report["tests"][0]["time_ms"], 4900)
        self.assertLess(report["tests"][0]["time_ms"], RUN_S * 1000)

    def test_sends_1_gib(self):
        result, report = self.check("sends_1gib.py", limit_s=STARTUP_S + RUN_S + GRACE_S)
        self.assertEqual(report["status"], "fail")
        self.assertIn("the response body is larger than 1048576 bytes", report["tests"][0]["failures"][0]["message"])

    def test_sends_an_endless_chunked_body(self):
        result, report = self.check("endless_chunked.py", limit_s=STARTUP_S + RUN_S + GRACE_S)
        self.assertEqual(report["status"], "fail")
        self.assertIn("the response body is larger than 1048576 bytes", report["tests"][0]["failures"][0]["message"])

    def test_ignores_sigterm(self):
        result, report = self.check("ignores_sigterm.py", limit_s=STARTUP_S + RUN_S + GRACE_S)
        self.assertEqual(report["status"], "pass")
        self.assertIn("did not exit within 3 s of SIGTERM, so roadwork killed it (SIGKILL)", report["output"])

    def test_ignores_sigterm_and_the_verdict_does_not_wait_for_the_stop(self):
        # The summary is shown (and the attempt recorded: assert_store_intact) while the server shuts down;
        # the sandbox's note on the stop exists only once the stop has ended, so it can only come after.
        result, _ = self.check("ignores_sigterm.py", json=False, limit_s=STARTUP_S + RUN_S + GRACE_S)
        self.assertEqual(result.code, 0, result)
        summary = result.out.index("steps passed.")
        self.assertLess(summary, result.out.index("server output (last lines):"), result)
        self.assertLess(summary, result.out.index("did not exit within 3 s of SIGTERM"), result)

    def test_forks_a_grandchild_that_keeps_the_port(self):
        result, report = self.check("grandchild_keeps_port.py", limit_s=STARTUP_S + RUN_S + GRACE_S)
        self.assertEqual(report["status"], "pass")
        self.assertIn("outside its process group (setsid or setpgid); roadwork killed it", report["output"])

    def test_prints_1_gib(self):
        result, report = self.check("prints_1gib.py", limit_s=STARTUP_S + RUN_S + GRACE_S)
        self.assertEqual(report["status"], "pass", result)
        # 1 GiB and a few bytes: the shell's own words when SIGTERM stops the server count too.
        self.assertRegex(report["output"], r"the server printed 1(\.0)? GiB of output; roadwork kept only the last 64 KiB")

    def test_forks_without_end(self):
        result, report = self.check("fork_bomb.py", limit_s=STARTUP_S + GRACE_S)
        self.assertEqual(report["status"], "error")
        if os.geteuid() == 0:  # the pids cgroup that bounds it exactly needs root, and a cgroup file system
            if any(os.access(f"/sys/fs/cgroup/{v}cgroup.procs", os.W_OK) for v in ("", "pids/")):
                self.assertIn("limit of 64 processes and threads", report["message"])
            else:
                self.assertIn("could not apply the limit of 64 processes and threads", report["output"])

    def test_listens_only_on_ipv6_loopback(self):
        result, report = self.check("ipv6_only.py", limit_s=STARTUP_S + GRACE_S)
        self.assertEqual(report["status"], "error")
        self.assertRegex(report["message"], r"listens on \[::1\]:\d+ only, which 127\.0\.0\.1 does not reach")

    def test_listens_on_all_interfaces(self):
        result, report = self.check("all_interfaces.py", limit_s=STARTUP_S + RUN_S + GRACE_S)
        self.assertEqual(report["status"], "pass", result)
        self.assertEqual(result.code, 0)

    def test_listens_on_all_interfaces_in_its_own_network(self):
        result, report = self.check("all_interfaces.py", "--isolate-network", limit_s=STARTUP_S + RUN_S + GRACE_S)
        self.assertEqual(report["status"], "pass", result)
        if os.geteuid() != 0:
            self.assertIn("network isolation is not available here", result.err)

    def test_closes_the_connection_mid_response(self):
        result, report = self.check("closes_mid_response.py", limit_s=STARTUP_S + RUN_S + GRACE_S)
        self.assertEqual(report["status"], "fail")
        self.assertIn("closed", report["tests"][0]["failures"][0]["message"])

    def test_crashes_half_way_through_the_run(self):
        result, report = self.check("crashes_halfway.py", limit_s=STARTUP_S + RUN_S + GRACE_S)
        self.assertEqual(report["status"], "fail")
        self.assertEqual(report["tests"][0]["status"], "pass")
        self.assertIn("the server stopped running during this step: it exited with status 1",
                      self.step_message(report, 1))
        self.assertIn("RuntimeError: the database connection is gone", report["tests"][1]["output"])


class TerminalEscapesTest(WorkspaceTest):
    """A server that prints and answers escape sequences (OSC 52 writes the clipboard, CSI clears the screen,
    U+009B is an 8-bit CSI): the terminal report shows them written out, never raw."""

    SERVER = (
        "import json, os, sys\n"
        "from http.server import BaseHTTPRequestHandler, HTTPServer\n"
        "EVIL = '\\x1b]52;c;aGk=\\x07\\x1b[2J\\u009b31m'\n"
        "class Handler(BaseHTTPRequestHandler):\n"
        "    def do_GET(self):\n"
        "        print(EVIL + 'printed', flush=True)\n"
        "        body = json.dumps({'status': EVIL}, ensure_ascii=False).encode()\n"
        "        self.send_response(200)\n"
        "        self.send_header('Content-Type', 'application/json')\n"
        "        self.send_header('Content-Length', str(len(body)))\n"
        "        self.end_headers()\n"
        "        self.wfile.write(body)\n"
        "        self.wfile.flush()\n"
        "        os._exit(1)\n"
        "HTTPServer(('127.0.0.1', int(os.environ['PORT'])), Handler).serve_forever()\n")

    def test_escape_sequences_from_a_server_reach_the_terminal_written_out(self):
        workspace = self.init("python")
        self.assertEqual(self.roadwork("start", "hello-server", cwd=workspace).code, 0)
        (workspace / "notes" / "server.py").write_text(self.SERVER)
        completed = subprocess.run([ROADWORK, "check", "hello-server"], cwd=workspace, env=self.env,
                                   capture_output=True, timeout=120)
        self.assertEqual(completed.returncode, 1, completed)
        out = completed.stdout + completed.stderr
        self.assertNotIn(b"\x1b", out)
        self.assertIsNone(re.search(b"\xc2[\x80-\x9f]", out), out)
        text = out.decode()
        self.assertIn("\\x1b]52;c;aGk=\\x07\\x1b[2J\\u009b31mprinted", text)  # the server's output
        self.assertIn("\\u001b]52;c;aGk=\\u0007\\u001b[2J\\u009b31m", text)  # the JSON value it answered


if __name__ == "__main__":
    unittest.main(verbosity=2)
