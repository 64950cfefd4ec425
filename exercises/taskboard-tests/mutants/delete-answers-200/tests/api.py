"""Small helpers the tests share: one HTTP call, a fresh user, a fresh task.

Every test talks to the server at BASE_URL over real HTTP, the way a client would. Run the suite with
    BASE_URL=http://127.0.0.1:3000 python3 -m unittest discover -s tests
Standard library only: urllib.request for HTTP, json, uuid for unique values.
"""

import json
import os
import urllib.error
import urllib.request
import uuid

if not os.environ.get("BASE_URL"):
    raise SystemExit("set BASE_URL to the server to test, e.g. BASE_URL=http://127.0.0.1:3000")
BASE_URL = os.environ["BASE_URL"].rstrip("/")

PASSWORD = "a long test password 123"


def unique(prefix):
    """A value no earlier run has used, e.g. "task-3f9c2a71b0"."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


class Response:
    """What came back: status (int), headers (case-insensitive), body (parsed JSON or None), raw (bytes)."""

    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw
        try:
            self.body = json.loads(raw) if raw else None
        except ValueError:
            self.body = None

    def __repr__(self):
        return f"<{self.status} {self.raw[:200]!r}>"


def call(method, path, body=None, token=None):
    """Send one request and return a Response; 4xx and 5xx are answers like any other, not exceptions."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(BASE_URL + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


def signup(email=None, password=PASSWORD):
    """Sign up a new user; returns (email, Response)."""
    email = email or unique("user") + "@example.com"
    return email, call("POST", "/signup", {"email": email, "password": password})


def new_user():
    """A brand-new user who owns nothing yet: returns (email, token)."""
    email, response = signup()
    assert response.status == 201, f"signup failed: {response}"
    response = call("POST", "/login", {"email": email, "password": PASSWORD})
    assert response.status == 200, f"login failed: {response}"
    return email, response.body["token"]


def make_task(token, title=None):
    """Create a task for the user with this token; returns the task as the server sent it."""
    response = call("POST", "/tasks", {"title": title or unique("task")}, token=token)
    assert response.status == 201, f"creating a task failed: {response}"
    return response.body
