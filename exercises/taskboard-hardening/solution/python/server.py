#!/usr/bin/env python3
"""Reference solution for the exercise taskboard-hardening (project: taskboard): the taskboard-ops server
hardened: parameterised SQL everywhere (a search included), an HTML page that escapes what it shows,
security headers, a CORS allow-list, quiet errors, and a limit on failed logins per email.

Python standard library only. Run it with
`TASKBOARD_SECRET=dev-only-secret ALLOWED_ORIGINS=http://localhost:5173 PORT=3000 python3 server.py`.

Routes:
  POST /signup   {"email", "password"}   201 {"id", "email", "role"}; 400 bad input; 409 email taken
  POST /login    {"email", "password"}   200 {"token": "..."}; 401 wrong email or password
  GET  /me       Authorization: Bearer <token>   200 {"id", "email", "role"}
  POST   /tasks        {"title", "done"?}   201 the task, Location: /tasks/<id>; 400 bad input
  GET    /tasks                             200 [task, ...]: the caller's own tasks, in id order
  GET    /tasks?q=text                      200 the caller's tasks whose title contains the text (any case)
  GET    /tasks/<id>                        200 the task; 404 when it is not the caller's
  PATCH  /tasks/<id>   any of title, done   200 the updated task; 400 bad input; 404 not the caller's
  DELETE /tasks/<id>                        204 no body; 404 when it is not the caller's
  GET    /tasks/<id>/print                  200 a printable HTML page of the task, every value escaped
  GET    /users                             admins only: 200 [{"id", "email", "role"}, ...]; others 403
  GET    /openapi.json                      200 the OpenAPI 3.1 description of all of the above
  GET    /health                            200 {"status": "ok"}: the process answers (public)
  GET    /ready                             200 {"status": "ready"}; 503 no database or shutting down (public)
  GET    /slow                              200 {"status": "ok"} after half a second (public)
  another method on a known path  405, with an Allow header that lists the path's methods
  anything else  404
Every route answers both at its path and under /api/v1 (/api/v1/tasks is /tasks). Every response has an
X-Request-Id header: the request's own one when it sent a sane one, a fresh random id otherwise.
A task is {"id": <integer>, "title": <string>, "done": <boolean>, "owner_id": <integer>}. Another
user's task answers exactly like a task that does not exist: 404, so its existence is not revealed.
The account that signs up with the email in TASKBOARD_ADMIN_EMAIL gets the role "admin"; all others
get "user".
Every route except /signup, /login and /openapi.json needs `Authorization: Bearer <token>`: 401 without
a valid one.
Every line the server prints is a JSON object; one per request, with method, path, status, duration_ms.
Without TASKBOARD_SECRET it refuses to start (exit status 1); on SIGTERM it finishes the requests in
flight, then exits 0.
Every response carries security headers (nosniff, a Content-Security-Policy, X-Frame-Options); CORS
allows exactly the origins in ALLOWED_ORIGINS. After 5 failed logins within 15 minutes for one email,
POST /login for it answers 429 with Retry-After. Errors never carry tracebacks or driver messages.
Every error is {"error": {"code": "<snake_case>", "message": "<sentence>"}}.

The file is organised in sections that later exercises extend: configuration, errors, the database,
passwords and sessions, routing, the routes, and the HTTP handler that ties them together.
"""

import base64
import hashlib
import html
import hmac
import json
import os
import re
import secrets
import signal
import sqlite3
import sys
import threading
import time
import traceback
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# --- Configuration, read once at startup ------------------------------------------------------------

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "3000"))
DATABASE_PATH = os.environ.get("DATABASE_PATH", "taskboard.db")
MAX_BODY_BYTES = 1024 * 1024  # refuse larger request bodies instead of reading them into memory
SESSION_SECONDS = 7 * 24 * 3600  # how long a token from /login stays valid
SLOW_SECONDS = 0.5  # how long GET /slow takes
# The key that session tokens are hashed with (HMAC-SHA256), so that a copy of the database alone logs
# nobody in. Required: load_config() refuses to start without it; there is no default in the code.
SECRET = os.environ.get("TASKBOARD_SECRET", "")
# The web pages (origins) whose scripts may call this API from a browser: an exact, comma-separated list,
# e.g. "https://app.example.com,https://admin.example.com". Unset: no other origin at all.
ALLOWED_ORIGINS = frozenset(
    origin.strip() for origin in os.environ.get("ALLOWED_ORIGINS", "").split(",") if origin.strip())
# Failed logins per email: after LOGIN_MAX_FAILURES within LOGIN_WINDOW_SECONDS, 429 until the oldest expires.
LOGIN_MAX_FAILURES = 5
LOGIN_WINDOW_SECONDS = 15 * 60
API_PREFIX = "/api/v1"  # every route also answers under this prefix
# The account that signs up with this email becomes an admin (unset: nobody does).
ADMIN_EMAIL = os.environ.get("TASKBOARD_ADMIN_EMAIL", "").strip().lower()


# --- Errors -----------------------------------------------------------------------------------------
# A handler raises ApiError(status, message); the dispatcher turns it into the one error body of the
# API: {"error": {"code": ..., "message": ...}}. The code follows from the status.

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "bad_request",
    415: "unsupported_media_type",
    429: "too_many_requests",
    500: "internal",
}


class ApiError(Exception):
    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = int(status)
        self.code = ERROR_CODES.get(self.status, "bad_request" if self.status < 500 else "internal")
        self.message = message
        self.headers = headers or {}


def error_body(status, message):
    code = ERROR_CODES.get(int(status), "bad_request" if int(status) < 500 else "internal")
    return {"error": {"code": code, "message": message}}


# --- Responses ----------------------------------------------------------------------------------------
# Handlers return a Response; only the HTTP handler at the end of the file writes it to the socket, so
# headers every response needs are added in one place.


class Response:
    def __init__(self, status, data=None, headers=None, text=None, content_type=None):
        self.status = int(status)
        self.data = data  # None: no body at all (204), unless `text` is given
        self.headers = dict(headers or {})
        self.text = text  # a body that is not JSON, such as an HTML page, with its content_type
        self.content_type = content_type


def json_response(status, data, headers=None):
    return Response(status, data, headers)


def html_response(status, page):
    return Response(status, text=page, content_type="text/html; charset=utf-8")


def empty_response(status=HTTPStatus.NO_CONTENT, headers=None):
    return Response(status, None, headers)


# --- The database -----------------------------------------------------------------------------------
# One SQLite file at DATABASE_PATH. Each request opens its own connection (cheap for SQLite, and safe
# with many threads); `transaction()` commits when the block ends and rolls back on an exception.

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id            INTEGER PRIMARY KEY,
    email         TEXT UNIQUE NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'user'
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tasks (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title    TEXT NOT NULL,
    done     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS tasks_owner_id ON tasks (owner_id);
"""


def connect():
    conn = sqlite3.connect(DATABASE_PATH, timeout=10)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


@contextmanager
def transaction():
    conn = connect()
    try:
        with conn:  # commit on success, roll back on an exception
            yield conn
    finally:
        conn.close()


def init_db():
    directory = os.path.dirname(os.path.abspath(DATABASE_PATH))
    os.makedirs(directory, exist_ok=True)
    with transaction() as conn:
        conn.executescript(SCHEMA)


# --- Passwords and sessions -------------------------------------------------------------------------
# Passwords are stored in the PHC string format "$scrypt$ln=14,r=8,p=1$<salt>$<hash>" (salt and hash in
# base64 without padding): a fresh random salt per password and a slow, memory-hard hash, with its cost in
# the string, so that the cost can be raised later and old hashes still verify. Tokens are random; the
# database keeps only their SHA-256, so a leaked sessions table logs nobody in.

SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P = 14, 8, 1


def b64(data):
    return base64.b64encode(data).decode().rstrip("=")


def hash_password(password):
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=2**SCRYPT_LOG_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"$scrypt$ln={SCRYPT_LOG_N},r={SCRYPT_R},p={SCRYPT_P}${b64(salt)}${b64(key)}"


def verify_password(password, stored):
    try:
        empty, scheme, cost, salt, expected = stored.split("$")
        cost = dict(item.split("=") for item in cost.split(","))
        n, r, p = 2 ** int(cost["ln"]), int(cost["r"]), int(cost["p"])
        salt, expected = (base64.b64decode(part + "=" * (-len(part) % 4)) for part in (salt, expected))
    except (ValueError, KeyError):
        return False
    if empty or scheme != "scrypt":
        return False
    actual = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=len(expected))
    return hmac.compare_digest(actual, expected)


# Checked against when the email is unknown, so that a wrong email takes as long as a wrong password.
DUMMY_HASH = hash_password(secrets.token_hex(16))


def token_hash(token):
    return hmac.new(SECRET.encode(), token.encode(), hashlib.sha256).hexdigest()


def create_session(conn, user_id):
    token = secrets.token_urlsafe(32)
    conn.execute(
        "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
        (token_hash(token), user_id, int(time.time()) + SESSION_SECONDS),
    )
    return token


def user_for_token(token):
    """The user row the token belongs to, or None for an unknown or expired token."""
    with transaction() as conn:
        return conn.execute(
            "SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id"
            " WHERE sessions.token_hash = ? AND sessions.expires_at > ?",
            (token_hash(token), int(time.time())),
        ).fetchone()


def authenticate(request):
    """The current user (a row of users), or ApiError 401 without a valid bearer token."""
    match = re.fullmatch(r"Bearer +(\S+)", request.headers.get("Authorization", "").strip())
    user = user_for_token(match.group(1)) if match else None
    if user is None:
        raise ApiError(HTTPStatus.UNAUTHORIZED, "log in first: send Authorization: Bearer <token>",
                       headers={"WWW-Authenticate": "Bearer"})
    return user


def require_role(user, role):
    """ApiError 403 unless the user has the role: logged in, but not allowed."""
    if user["role"] != role:
        raise ApiError(HTTPStatus.FORBIDDEN, f"only an {role} may do this")


def public_user(row):
    """What the API shows of a user: never the password hash."""
    return {"id": row["id"], "email": row["email"], "role": row["role"]}


# --- Routing ------------------------------------------------------------------------------------------
# A route is a method, a path template such as "/tasks/{task_id}" and a handler. Each {name} matches a
# number and is passed to the handler as a keyword argument (as text). Routes need a logged-in user
# unless they are registered with public=True; the handler then finds it in request.user.
# `responses` (status -> description), `body` and `returns` (names of schemas in OPENAPI_SCHEMAS, "X[]"
# for an array of X) and the first line of the handler's docstring are the route's entry in the OpenAPI
# document, so the contract is written next to the code that keeps it.

ROUTES = []


class Route:
    def __init__(self, method, template, handler, public, responses, body, returns):
        self.method = method
        self.template = template
        self.handler = handler
        self.public = public
        self.responses = responses
        self.body = body
        self.returns = returns
        self.summary = (handler.__doc__ or "").strip().splitlines()[0] if handler.__doc__ else template
        self.pattern = re.compile(re.sub(r"\{(\w+)\}", r"(?P<\1>[0-9]+)", template))


def route(method, template, public=False, responses=None, body=None, returns=None):
    """Decorator that registers a handler for `method` and the path `template`."""

    def register(handler):
        ROUTES.append(Route(method, template, handler, public, responses or {200: "OK"}, body, returns))
        return handler

    return register


def strip_api_prefix(path):
    """"/api/v1/tasks" -> "/tasks": the versioned paths are the same routes."""
    if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
        return path[len(API_PREFIX):] or "/"
    return path


def find_route(method, path):
    """(route, path parameters) for the request. A path no route knows is ApiError 404; a known path
    with a method it does not have is ApiError 405, with an Allow header that names the path's methods.
    This runs before the token check, so a wrong method is a 405 with or without a token."""
    allowed = []
    for candidate in ROUTES:
        match = candidate.pattern.fullmatch(path)
        if not match:
            continue
        if candidate.method == method or (method == "HEAD" and candidate.method == "GET"):
            return candidate, match.groupdict()
        allowed.append(candidate.method)
    if allowed:
        allow = ", ".join(allowed)
        raise ApiError(HTTPStatus.METHOD_NOT_ALLOWED, f"{path} takes {allow}, not {method}",
                       headers={"Allow": allow})
    raise ApiError(HTTPStatus.NOT_FOUND, f"no route for {method} {path}")


# --- Input helpers ------------------------------------------------------------------------------------

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024


def read_credentials(request, new_account):
    """(email, password) from the JSON body, or ApiError 400 saying what is wrong.

    The rules for a good email and password apply to new accounts only: a login with a short password
    is simply a wrong password (401).
    """
    data = request.json()
    email, password = data.get("email"), data.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        raise ApiError(HTTPStatus.BAD_REQUEST, "send a JSON object with an email and a password, both strings")
    email = email.strip().lower()
    if new_account and not EMAIL.fullmatch(email):
        raise ApiError(HTTPStatus.BAD_REQUEST, "email must be an email address such as ada@example.com")
    if new_account and not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise ApiError(HTTPStatus.BAD_REQUEST,
                       f"password must be {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters long")
    return email, password


# --- Failed logins ---------------------------------------------------------------------------------------
# Counted per email, never per client address: behind a proxy, or in roadwork's checks, everyone shares
# one address, and one attacker would lock everybody out. In memory: enough for one process.


class LoginLimiter:
    def __init__(self, max_failures, window_seconds):
        self.max_failures, self.window = max_failures, window_seconds
        self.failures = {}  # email -> monotonic times of its recent failures
        self.lock = threading.Lock()

    def retry_after(self, key):
        """Seconds to wait before the next attempt, or 0 when an attempt is allowed now."""
        now = time.monotonic()
        with self.lock:
            recent = [t for t in self.failures.get(key, []) if now - t < self.window]
            if recent:
                self.failures[key] = recent
            else:
                self.failures.pop(key, None)
            if len(recent) < self.max_failures:
                return 0
            return int(self.window - (now - recent[0])) + 1

    def failed(self, key):
        with self.lock:
            self.failures.setdefault(key, []).append(time.monotonic())

    def succeeded(self, key):
        with self.lock:
            self.failures.pop(key, None)


login_limiter = LoginLimiter(LOGIN_MAX_FAILURES, LOGIN_WINDOW_SECONDS)


# --- Accounts -----------------------------------------------------------------------------------------


@route("POST", "/signup", public=True, body="Credentials", returns="User",
       responses={201: "the new user", 400: "a bad email or a short password", 409: "the email is taken"})
def signup(request):
    """Create an account (the role comes from the server, never from the body)."""
    email, password = read_credentials(request, new_account=True)
    password_hash = hash_password(password)  # slow on purpose: outside the transaction
    # The role comes from the server's configuration, never from the request body.
    role = "admin" if ADMIN_EMAIL and email == ADMIN_EMAIL else "user"
    try:
        with transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO users (email, password_hash, role) VALUES (?, ?, ?)", (email, password_hash, role))
            user = conn.execute("SELECT * FROM users WHERE id = ?", (cursor.lastrowid,)).fetchone()
    except sqlite3.IntegrityError:
        raise ApiError(HTTPStatus.CONFLICT, "an account with this email already exists") from None
    return json_response(HTTPStatus.CREATED, public_user(user))


@route("POST", "/login", public=True, body="Credentials", returns="Token",
       responses={200: "{\"token\": \"...\"} for Authorization: Bearer", 401: "wrong email or password"})
def login(request):
    """Exchange an email and a password for a bearer token."""
    email, password = read_credentials(request, new_account=False)
    # Too many recent failures for this email: refuse before checking anything, even the right password.
    wait = login_limiter.retry_after(email)
    if wait:
        raise ApiError(HTTPStatus.TOO_MANY_REQUESTS, "too many failed logins for this account; try again later",
                       headers={"Retry-After": str(wait)})
    with transaction() as conn:
        user = conn.execute("SELECT * FROM users WHERE email = ?", (email,)).fetchone()
    # Verify even when there is no such user, so that timing does not reveal which emails exist.
    password_ok = verify_password(password, user["password_hash"] if user else DUMMY_HASH)
    if user is None or not password_ok:
        login_limiter.failed(email)
        raise ApiError(HTTPStatus.UNAUTHORIZED, "wrong email or password")
    login_limiter.succeeded(email)
    with transaction() as conn:
        token = create_session(conn, user["id"])
    return json_response(HTTPStatus.OK, {"token": token})


@route("GET", "/me", returns="User", responses={200: "the current user"})
def me(request):
    """The user the token belongs to."""
    return json_response(HTTPStatus.OK, public_user(request.user))


@route("GET", "/users", returns="User[]", responses={200: "every user", 403: "the caller is not an admin"})
def list_users(request):
    """List every account (admins only)."""
    require_role(request.user, "admin")
    with transaction() as conn:
        rows = conn.execute("SELECT * FROM users ORDER BY id").fetchall()
    return json_response(HTTPStatus.OK, [public_user(row) for row in rows])


# --- Tasks ----------------------------------------------------------------------------------------------
# Every query names the owner: WHERE id = ? AND owner_id = ?. A task of another user is then simply not
# found, for reads and writes alike, and the answer (404) is the same as for a task that never existed.

MAX_TITLE_LENGTH = 200


def task_json(row):
    return {"id": row["id"], "title": row["title"], "done": bool(row["done"]), "owner_id": row["owner_id"]}


def read_task_fields(request, required):
    """The task fields of the JSON body ({"title": str, "done": bool}, any subset unless required), or
    ApiError 400. Other keys, such as id or owner_id, are ignored: the server decides those."""
    data = request.json()
    fields = {}
    if "title" in data or required:
        title = data.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ApiError(HTTPStatus.BAD_REQUEST, "title is required and must be a non-empty string")
        if len(title) > MAX_TITLE_LENGTH:
            raise ApiError(HTTPStatus.BAD_REQUEST, f"title must be at most {MAX_TITLE_LENGTH} characters long")
        fields["title"] = title
    if "done" in data:
        if not isinstance(data["done"], bool):
            raise ApiError(HTTPStatus.BAD_REQUEST, "done must be true or false")
        fields["done"] = int(data["done"])
    return fields


MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger id cannot exist (and would not fit in a query)


def find_own_task(conn, user, task_id):
    """The caller's task with this id, or ApiError 404 (also when it belongs to someone else)."""
    if int(task_id) > MAX_ID:
        raise ApiError(HTTPStatus.NOT_FOUND, "task not found")
    row = conn.execute("SELECT * FROM tasks WHERE id = ? AND owner_id = ?", (int(task_id), user["id"])).fetchone()
    if row is None:
        raise ApiError(HTTPStatus.NOT_FOUND, f"task {task_id} not found")
    return row


@route("POST", "/tasks", body="NewTask", returns="Task", responses={201: "the new task, with a Location header", 400: "a bad title or done"})
def create_task(request):
    """Create a task owned by the caller."""
    fields = read_task_fields(request, required=True)
    with transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO tasks (owner_id, title, done) VALUES (?, ?, ?)",
            (request.user["id"], fields["title"], fields.get("done", 0)),
        )
        task = find_own_task(conn, request.user, cursor.lastrowid)
    location = f"{request.api_prefix}/tasks/{task['id']}"  # under /api/v1 when the request was
    return json_response(HTTPStatus.CREATED, task_json(task), headers={"Location": location})


@route("GET", "/tasks", returns="Task[]", responses={200: "the caller's tasks, in id order"})
def list_tasks(request):
    """List the caller's own tasks."""
    # ?q=text keeps the tasks whose title contains the text (any case). The text reaches SQL only as a
    # bound parameter, so quotes and SQL keywords in it are just characters to look for.
    q = request.query.get("q", [""])[0]
    with transaction() as conn:
        if q:
            rows = conn.execute(
                "SELECT * FROM tasks WHERE owner_id = ? AND instr(lower(title), lower(?)) > 0 ORDER BY id",
                (request.user["id"], q)).fetchall()
        else:
            rows = conn.execute("SELECT * FROM tasks WHERE owner_id = ? ORDER BY id", (request.user["id"],)).fetchall()
    return json_response(HTTPStatus.OK, [task_json(row) for row in rows])


@route("GET", "/tasks/{task_id}", returns="Task", responses={200: "the task", 404: "no such task of the caller's"})
def get_task(request, task_id):
    """One of the caller's tasks."""
    with transaction() as conn:
        task = find_own_task(conn, request.user, task_id)
    return json_response(HTTPStatus.OK, task_json(task))


@route("PATCH", "/tasks/{task_id}", body="TaskChanges", returns="Task",
       responses={200: "the updated task", 400: "a bad title or done", 404: "no such task of the caller's"})
def update_task(request, task_id):
    """Change the title or done of one of the caller's tasks."""
    fields = read_task_fields(request, required=False)
    with transaction() as conn:
        find_own_task(conn, request.user, task_id)
        if fields:
            assignments = ", ".join(f"{name} = ?" for name in fields)  # names come from our own code
            conn.execute(f"UPDATE tasks SET {assignments} WHERE id = ? AND owner_id = ?",
                         (*fields.values(), int(task_id), request.user["id"]))
        task = find_own_task(conn, request.user, task_id)
    return json_response(HTTPStatus.OK, task_json(task))


@route("DELETE", "/tasks/{task_id}", responses={204: "deleted", 404: "no such task of the caller's"})
def delete_task(request, task_id):
    """Delete one of the caller's tasks."""
    with transaction() as conn:
        find_own_task(conn, request.user, task_id)
        conn.execute("DELETE FROM tasks WHERE id = ? AND owner_id = ?", (int(task_id), request.user["id"]))
    return empty_response(HTTPStatus.NO_CONTENT)


# --- The API contract ------------------------------------------------------------------------------------
# Built from the routing table, so that a new route is documented the moment it is registered. Paths are
# listed under /api/v1, the address new clients should use.

OPENAPI_SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string", "examples": ["not_found"]}, "message": {"type": "string"}},
        }},
    },
    "Credentials": {
        "type": "object",
        "required": ["email", "password"],
        "properties": {"email": {"type": "string", "format": "email"}, "password": {"type": "string", "minLength": 8}},
    },
    "Token": {"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}},
    "User": {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "email": {"type": "string"},
                       "role": {"type": "string", "enum": ["user", "admin"]}},
    },
    "Task": {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "title": {"type": "string", "minLength": 1, "maxLength": 200},
                       "done": {"type": "boolean"}, "owner_id": {"type": "integer"}},
    },
    "NewTask": {
        "type": "object",
        "required": ["title"],
        "properties": {"title": {"type": "string", "minLength": 1, "maxLength": 200}, "done": {"type": "boolean"}},
    },
    "TaskChanges": {
        "type": "object",
        "properties": {"title": {"type": "string", "minLength": 1, "maxLength": 200}, "done": {"type": "boolean"}},
    },
    "OpenAPI": {"type": "object", "description": "an OpenAPI 3.1 document"},
}


def schema_ref(name):
    if name.endswith("[]"):
        return {"type": "array", "items": schema_ref(name[:-2])}
    return {"$ref": f"#/components/schemas/{name}"}


def openapi_operation(entry):
    operation = {"summary": entry.summary, "responses": {}}
    for status, description in sorted(entry.responses.items()):
        response = {"description": description}
        schema = "Error" if status >= 400 else entry.returns
        if status != 204 and schema:
            response["content"] = {"application/json": {"schema": schema_ref(schema)}}
        operation["responses"][str(status)] = response
    if not entry.public:
        operation["security"] = [{"bearerAuth": []}]
        operation["responses"]["401"] = {"description": "no valid bearer token", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    params = re.findall(r"\{(\w+)\}", entry.template)
    if params:
        operation["parameters"] = [{"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}
                                   for name in params]
    if entry.body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": schema_ref(entry.body)}}}
    return operation


def openapi_document():
    paths = {}
    for entry in ROUTES:
        paths.setdefault(API_PREFIX + entry.template, {})[entry.method.lower()] = openapi_operation(entry)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Taskboard API", "version": "1.0.0",
                 "description": "Every path also answers without the /api/v1 prefix."},
        "paths": paths,
        "components": {
            "schemas": OPENAPI_SCHEMAS,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }


@route("GET", "/openapi.json", public=True, returns="OpenAPI", responses={200: "this document"})
def openapi(request):
    """The OpenAPI description of this API."""
    return json_response(HTTPStatus.OK, openapi_document())


@route("GET", "/tasks/{task_id}/print",
       responses={200: "an HTML page of the task", 404: "no such task of the caller's"})
def print_task(request, task_id):
    """A printable HTML page of one task. Every value from the database is escaped on the way out."""
    with transaction() as conn:
        task = find_own_task(conn, request.user, task_id)
    title = html.escape(task["title"])  # & < > " ' become entities: shown as text, never run as markup
    status = "done" if task["done"] else "to do"
    page = ("<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
            f"<title>Task {task['id']}: {title}</title></head>\n"
            f"<body>\n<h1>{title}</h1>\n<p>Task {task['id']}, {status}.</p>\n</body>\n</html>\n")
    return html_response(HTTPStatus.OK, page)


# --- Operations: health, readiness and a slow route -----------------------------------------------------
# /health says the process can answer (and checks nothing else, so a database hiccup never gets every
# instance restarted at once); /ready says it can do useful work: the database answers and the server is
# not shutting down. /slow stands for any slow request, so graceful shutdown can be tried out.

shutting_down = threading.Event()  # set by the SIGTERM handler


@route("GET", "/health", public=True)
def health(request):
    """Liveness: the process can answer."""
    return json_response(HTTPStatus.OK, {"status": "ok"})


@route("GET", "/ready", public=True)
def ready(request):
    """Readiness: the database answers and the server is not shutting down (503 otherwise)."""
    if shutting_down.is_set():
        return json_response(HTTPStatus.SERVICE_UNAVAILABLE, {"status": "shutting down"})
    try:
        with transaction() as conn:
            conn.execute("SELECT 1").fetchone()
    except sqlite3.Error:
        return json_response(HTTPStatus.SERVICE_UNAVAILABLE, {"status": "database unavailable"})
    return json_response(HTTPStatus.OK, {"status": "ready"})


@route("GET", "/slow", public=True)
def slow(request):
    """Answers after half a second: a request that is still running when the server is told to stop."""
    time.sleep(SLOW_SECONDS)
    return json_response(HTTPStatus.OK, {"status": "ok"})


# --- Logs ------------------------------------------------------------------------------------------------
# Everything the server prints is one JSON object per line, on stdout: one line per request, plus the
# rare line about the server itself. Log collectors and `jq` can then filter on any field.

log_lock = threading.Lock()  # one line at a time, never two interleaved


def log(**fields):
    line = json.dumps({"time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), **fields})
    with log_lock:
        print(line, flush=True)


# --- The HTTP handler ---------------------------------------------------------------------------------
# A request id follows one request through the logs of every system it passes: keep the one the client
# (or a proxy) sent when it is a sane token, make a new one otherwise. It is attacker-controlled text
# that ends up in logs and headers, hence the strict pattern.

SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9_.:-]{1,128}")


def request_id_for(sent):
    return sent if SAFE_REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex



# Sent with every response. For a JSON API: nothing may load from or frame a response, and browsers must
# believe the Content-Type. The print page needs no more: it has no scripts, styles or images.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
CORS_METHODS = "GET, POST, PATCH, DELETE"
CORS_HEADERS = "Content-Type, Authorization, X-Request-Id"


class Handler(BaseHTTPRequestHandler):
    def version_string(self):
        return "taskboard"  # the Server header, without version numbers for an attacker to look up

    # http.server calls do_<METHOD>; all of them go through one dispatcher.
    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_PATCH(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def do_HEAD(self):
        self.dispatch()

    def do_OPTIONS(self):
        self.dispatch()

    def log_message(self, format, *args):
        pass  # http.server's plain-text access log: replaced by the JSON line dispatch() writes

    def dispatch(self):
        started = time.perf_counter()
        self.error_detail = None
        try:
            self.answer()
        finally:
            fields = {"method": self.command, "path": urlsplit(self.path).path, "status": getattr(self, "status", None),
                      "duration_ms": round((time.perf_counter() - started) * 1000, 1)}
            if self.error_detail:
                fields["error"] = self.error_detail
            log(**fields)

    def answer(self):
        url = urlsplit(self.path)
        self.request_id = request_id_for(self.headers.get("X-Request-Id", ""))
        self.route_path = strip_api_prefix(url.path)
        self.api_prefix = API_PREFIX if self.route_path != url.path else ""
        self.query = parse_qs(url.query)
        self.user = None
        try:
            response = self.handle_request()
        except ApiError as error:
            response = json_response(error.status, error_body(error.status, error.message), error.headers)
        except Exception:  # a bug answers a JSON 500, and the details go to the log only
            self.error_detail = traceback.format_exc()
            response = json_response(HTTPStatus.INTERNAL_SERVER_ERROR,
                                     error_body(500, "something went wrong on our side"))
        self.send(response)

    def handle_request(self):
        if self.command == "OPTIONS":  # a CORS preflight: the headers say it all (see end_headers)
            self.read_body()
            return empty_response(HTTPStatus.NO_CONTENT)
        self.body = self.read_body()
        matched, params = find_route(self.command, self.route_path)
        if not matched.public:
            self.user = authenticate(self)
        return matched.handler(self, **params)

    def read_body(self):
        """The request body as bytes; ApiError for a bad or too large Content-Length."""
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            raise ApiError(HTTPStatus.BAD_REQUEST, "invalid Content-Length header")
        if length > MAX_BODY_BYTES:
            self.close_connection = True
            raise ApiError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is too large")
        return self.rfile.read(length)

    def json(self):
        """The request body as a JSON object (a dict), or ApiError 415/400."""
        content_type = self.headers.get("Content-Type", "application/json").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise ApiError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as JSON with Content-Type: application/json")
        try:
            data = json.loads(self.body)
        except ValueError:
            raise ApiError(HTTPStatus.BAD_REQUEST, "the request body is not valid JSON") from None
        if not isinstance(data, dict):
            raise ApiError(HTTPStatus.BAD_REQUEST, "the request body must be a JSON object")
        return data

    def send_response(self, code, message=None):
        self.status = int(code)  # remembered for the log line
        super().send_response(code, message)

    def send(self, response):
        """Write a Response: JSON when it has data, no body at all otherwise."""
        if response.text is not None:
            payload, content_type = response.text.encode("utf-8"), response.content_type
        elif response.data is not None:
            payload, content_type = json.dumps(response.data).encode("utf-8"), "application/json"
        else:
            payload, content_type = b"", None
        self.send_response(response.status)
        self.send_header("X-Request-Id", getattr(self, "request_id", None) or request_id_for(""))
        if content_type:
            self.send_header("Content-Type", content_type)
        if payload or response.status != HTTPStatus.NO_CONTENT:
            self.send_header("Content-Length", str(len(payload)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def end_headers(self):
        """Every response passes here: add the security headers and, for an allowed origin, CORS."""
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Vary", "Origin")
        origin = self.headers.get("Origin") if getattr(self, "headers", None) else None
        if origin and origin in ALLOWED_ORIGINS:  # an exact match: never a prefix, a pattern or "*"
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Expose-Headers", "Location, X-Request-Id, Retry-After")
            if getattr(self, "command", None) == "OPTIONS":
                self.send_header("Access-Control-Allow-Methods", CORS_METHODS)
                self.send_header("Access-Control-Allow-Headers", CORS_HEADERS)
                self.send_header("Access-Control-Max-Age", "600")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        """http.server's own errors (bad request line, unknown method, ...) in the same JSON shape."""
        self.close_connection = True
        self.send(json_response(code, error_body(code, message or HTTPStatus(code).phrase)))


class Server(ThreadingHTTPServer):
    # On shutdown, server_close() waits for the threads of running requests instead of abandoning them.
    daemon_threads = False
    block_on_close = True

    def handle_error(self, request, client_address):
        """An error outside any request handler (a client that hung up, ...): one JSON line, no traceback."""
        log(level="error", msg="connection error", method=None, path=None, status=None, duration_ms=None,
            error=traceback.format_exc(limit=1).strip().splitlines()[-1])


def load_config():
    """Refuse to start, with a message that names what is missing, unless the configuration is complete."""
    if not SECRET:
        sys.exit("taskboard: missing required environment variable TASKBOARD_SECRET (the key for session tokens)")


def main():
    load_config()
    init_db()
    server = Server((HOST, PORT), Handler)

    def on_sigterm(signum, frame):
        # Runs in the main thread, inside serve_forever(): shutdown() waits for serve_forever() to return,
        # so it must run on another thread. Requests already running carry on.
        shutting_down.set()
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, on_sigterm)  # Ctrl-C when run by hand: the same clean stop
    # Returns once shutdown() has run: no new connections from here on. The loop notices shutdown() between
    # its waits for a connection, every poll_interval seconds (0.5 by default): 0.1 makes the stop quicker.
    server.serve_forever(poll_interval=0.1)
    server.server_close()  # closes the socket and waits for the requests in flight to finish
    sys.exit(0)


if __name__ == "__main__":
    main()
