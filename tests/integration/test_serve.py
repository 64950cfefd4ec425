"""roadwork serve: the learner's server started as `roadwork check` starts it (same environment, same
sandbox), its output streamed, reachable with the curl line a failed check prints, and gone without a trace
after Ctrl-C. Driven through the built binary with the small pack in tests/fixtures/tutor (exercise `ping`)."""
import re
import signal
import subprocess
import unittest
import urllib.request
import uuid

from harness import SOURCE_DIR, LiveRoadwork, WorkspaceTest, marked_processes

FIXTURE = SOURCE_DIR / "tests" / "fixtures" / "tutor"

# A ping server that prints the environment roadwork gave it, a line per request, and an escape sequence
# that must reach the terminal escaped.
SERVER = r'''
import http.server, os, sys
for name in ["PORT", "HOST", "DATA_DIR", "DATABASE_PATH", "ROADWORK"]:
    print(f"env {name}={os.environ.get(name)}", flush=True)
print("colour \x1b[31mred", flush=True)

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        print(f"got {self.path}", flush=True)
        body = b'{"pong": true}' if self.path == "/ping" else b'{"error": "not found"}'
        self.send_response(200 if self.path == "/ping" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
'''


class ServeTest(WorkspaceTest):
    def setUp(self):
        super().setUp()
        self.env.update(ROADWORK_PACK_DIR=str(FIXTURE), COLUMNS="80")
        self.workspace = self.init("python")
        self.assertEqual(self.roadwork("start", "ping", cwd=self.workspace).code, 0)
        self.marker = f"serve-{uuid.uuid4().hex}"
        config = self.workspace / "roadwork.toml"
        config.write_text(re.sub(r"""run = ["']python3 server.py["']""",
                                 f'run = "python3 server.py --marker={self.marker}"', config.read_text()))
        self.assertIn(self.marker, config.read_text())

    def test_serves_as_check_does_streams_output_and_ctrl_c_leaves_nothing(self):
        (self.workspace / "pinger" / "server.py").write_text(SERVER)
        serve = LiveRoadwork(self, self.workspace, "serve")
        url, port = serve.wait_for(r"Your server for ping runs at (http://127\.0\.0\.1:(\d+))").groups()
        with urllib.request.urlopen(f"{url}/ping", timeout=10) as response:
            self.assertEqual(response.status, 200)
            self.assertEqual(response.read(), b'{"pong": true}')
        serve.wait_for(r"^got /ping$")  # streamed as it comes: what the server printed before is shown too
        text = serve.text()
        self.assertIn(f"env PORT={port}\n", text)
        self.assertIn("env HOST=127.0.0.1\n", text)
        self.assertIn("env ROADWORK=1\n", text)
        data_dir = re.search(r"env DATA_DIR=(.*)\n", text).group(1)
        self.assertTrue(data_dir.startswith(str(self.workspace / ".roadwork" / "runs")), data_dir)
        self.assertIn(f"env DATABASE_PATH={data_dir}/pinger.db\n", text)
        self.assertIn("colour \\x1b[31mred\n", text)
        self.assertNotIn("\x1b", text)
        self.assertTrue(marked_processes(self.marker), "no server process carries the marker")

        self.assertEqual(serve.stop(), 130, serve.text())
        self.assertIn("Stopped your server.", serve.text())
        self.assertEqual(marked_processes(self.marker), [], "a server process outlived Ctrl-C")
        self.assertEqual(list((self.workspace / ".roadwork" / "runs").glob("*")), [], "the data folder is left")

    def test_the_curl_line_of_a_failed_check_reaches_the_server_serve_starts(self):
        check = self.roadwork("check", cwd=self.workspace)  # the starter answers 404
        self.assertEqual(check.code, 1, check)
        curl = re.search(r"reproduce: (curl .*)\n", check.out).group(1)
        serve_command = re.search(r"first start your server again, in another terminal: (roadwork serve .*)\n",
                                  check.out).group(1)
        port = re.search(r"http://127\.0\.0\.1:(\d+)/ping", curl).group(1)
        self.assertEqual(serve_command, f"roadwork serve ping --port {port}")

        serve = LiveRoadwork(self, self.workspace, "serve", *serve_command.split()[2:])
        serve.wait_for(rf"runs at http://127\.0\.0\.1:{port}$")
        reproduced = subprocess.run(curl, shell=True, capture_output=True, text=True, timeout=30)
        self.assertEqual(reproduced.returncode, 0, reproduced.stderr)
        self.assertIn("HTTP/1.0 404", reproduced.stdout)
        self.assertEqual(serve.stop(signal.SIGTERM), 143, serve.text())
        self.assertEqual(marked_processes(self.marker), [])

    def test_a_server_that_exits_ends_serve_with_its_output(self):
        (self.workspace / "pinger" / "server.py").write_text('print("cannot read config.json")\nraise SystemExit(3)\n')
        result = self.roadwork("serve", cwd=self.workspace, timeout=60)
        self.assertEqual(result.code, 1, result)
        self.assertIn("cannot read config.json", result.out)
        self.assertIn("your server did not start", result.err)
        self.assertIn("exited with status 3", result.err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
