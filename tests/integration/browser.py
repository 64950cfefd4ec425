"""Headless Chromium (Debian's `chromium`) driven over the Chrome DevTools Protocol on a pipe
(--remote-debugging-pipe: JSON messages ended by NUL, commands on fd 3, replies on fd 4), so that a test reads
a report page as a reader sees it: the rendered text (innerText, which follows the layout and CSS), the
requests the page made, and a screenshot kept as a test artifact.
"""
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    """One headless Chromium process; use as a context manager."""

    def __init__(self, timeout=60):
        if not CHROMIUM:
            raise RuntimeError("chromium is not installed (bash tools/dev test installs it)")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="roadwork-chromium-")
        commands_read, self.commands = os.pipe()
        self.replies, replies_write = os.pipe()

        def onto_fds_3_and_4():
            # Moved above 4 first, so that neither dup2 overwrites the other end.
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (commands_read, replies_write)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        # --no-sandbox: Chromium's own sandbox refuses to start as root, which the suite's machines are. No
        # close_fds: dup2 makes 3 and 4 inheritable, and Python's other descriptors never are (PEP 446).
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=onto_fds_3_and_4, close_fds=False)
        os.close(commands_read)
        os.close(replies_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.commands)
        os.close(self.replies)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.replies], [], [], left)[0]:
                raise RuntimeError("chromium did not answer in time")
            chunk = os.read(self.replies, 1 << 20)
            if not chunk:
                raise RuntimeError(f"chromium closed its pipe (exit status {self.process.poll()})")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None):
        """Sends one command and returns its result; events that arrive meanwhile are kept in .events."""
        self.next_id += 1
        command = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        os.write(self.commands, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._message(deadline)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for_event(self, method, session):
        deadline = time.monotonic() + self.timeout
        while True:
            for event in self.events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self.events.remove(event)
                    return event
            self.events.append(self._message(deadline))

    def load(self, path, width=1200, height=900):
        """Opens file `path` in a new tab; returns a Page once its load event fired."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network"):
            self.send(f"{domain}.enable", session=session)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
        self.send("Page.navigate", {"url": f"file://{os.path.abspath(path)}"}, session=session)
        self.wait_for_event("Page.loadEventFired", session)
        requests = [event["params"]["request"]["url"] for event in self.events
                    if event.get("sessionId") == session and event.get("method") == "Network.requestWillBeSent"]
        return Page(self, session, requests)


class Page:
    def __init__(self, browser, session, requests):
        self.browser = browser
        self.session = session
        self.requests = requests  # every URL the page asked for while loading, its own first

    def evaluate(self, expression):
        result = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                   session=self.session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def text(self):
        """The page's rendered text, as a reader would select and copy it."""
        return self.evaluate("document.body.innerText")

    def screenshot(self, path):
        """Saves the whole page, beyond the viewport, as PNG at `path`."""
        data = self.browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                                 session=self.session)["data"]
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
