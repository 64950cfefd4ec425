"""Ctrl-C during `roadwork check`: exit 130 and nothing of the learner's server left running."""
import signal
import subprocess
import time
import unittest
import uuid

from harness import ROADWORK, WorkspaceTest, alive, marked_processes

# Listens, forks a grandchild that sleeps, and never answers a request, so the check is mid-request.
HANGING_SERVER = '''
import os, socket, sys, time
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", int(os.environ["PORT"])))
listener.listen()
child = os.fork()
if child == 0:
    time.sleep(600)
    os._exit(0)
with open("started", "w") as f:
    f.write("listening")
print("listening", flush=True)
connections = []
while True:
    connection, _ = listener.accept()
    connections.append(connection)
'''


class InterruptTest(WorkspaceTest):
    def start_hanging_check(self, stderr=subprocess.PIPE):
        """`roadwork check` with a server that never answers, once its first request waits; returns (the
        process, the pids of the server and its grandchild)."""
        workspace = self.init("python")
        self.roadwork("start", "hello-server", cwd=workspace)
        project = workspace / "notes"
        (project / "server.py").write_text(HANGING_SERVER)
        # The pids the server sees are its PID namespace's: the test finds its processes by a marker.
        marker = f"interrupt-{uuid.uuid4().hex}"
        config = workspace / "roadwork.toml"
        config.write_text(config.read_text().replace('run = "python3 server.py"',
                                                      f'run = "python3 server.py --marker={marker}"'))
        check = subprocess.Popen([ROADWORK, "check"], cwd=workspace, env=self.env, stdout=subprocess.PIPE,
                                 stderr=stderr, text=True)
        started = project / "started"
        deadline = time.monotonic() + 30
        while not started.exists() or len(marked_processes(marker)) < 2:
            self.assertLess(time.monotonic(), deadline, "the server never started")
            time.sleep(0.02)
        time.sleep(0.3)  # the first request is now waiting for an answer that never comes
        pids = marked_processes(marker)
        self.assertTrue(all(alive(pid) for pid in pids))
        return check, pids

    def assert_none_alive(self, pids):
        time.sleep(0.2)
        self.assertEqual([pid for pid in pids if alive(pid)], [], "a process of the server survived")

    def test_ctrl_c_stops_every_process_and_exits_130(self):
        check, pids = self.start_hanging_check()
        check.send_signal(signal.SIGINT)
        out, err = check.communicate(timeout=10)
        self.assertEqual(check.returncode, 130, out + err)
        self.assert_none_alive(pids)

    def test_a_reader_that_goes_away_stops_every_process(self):
        # `roadwork check | head -1`: the next line roadwork writes, after the request times out, meets a
        # closed pipe.
        check, pids = self.start_hanging_check(stderr=subprocess.DEVNULL)
        check.stdout.close()
        self.assertEqual(check.wait(timeout=60), 128 + signal.SIGPIPE)
        self.assert_none_alive(pids)


if __name__ == "__main__":
    unittest.main(verbosity=2)
