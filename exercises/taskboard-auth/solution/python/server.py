#!/usr/bin/env python3
# roadwork: starter
#| """Your taskboard server, ready for the exercise taskboard-auth.
# roadwork: solution
"""Reference solution for the exercise taskboard-auth (project: taskboard): accounts with hashed
passwords and bearer tokens, kept in SQLite.
# roadwork: end

# roadwork: starter
#| Run it by hand:   PORT=3000 DATABASE_PATH=taskboard.db python3 server.py
#| Try it:           curl -i -X POST http://127.0.0.1:3000/signup -H 'Content-Type: application/json' \
#|                        -d '{"email": "ada@example.com", "password": "correct horse"}'
#| Check it:         roadwork check taskboard-auth
# roadwork: solution
Python standard library only. Run it with `PORT=3000 DATABASE_PATH=taskboard.db python3 server.py`.
# roadwork: end

# roadwork: starter
#| This is a new project: a task manager with users. The skeleton already listens on PORT, opens the
#| SQLite database at DATABASE_PATH, routes requests and answers errors in the API's one format. The three
#| account routes answer "501 Not Implemented" until you write them: follow the TODO comments below, and
#| see README.md for exactly what each route must answer.
# roadwork: solution
Routes:
  POST /signup   {"email", "password"}   201 {"id", "email", "role"}; 400 bad input; 409 email taken
  POST /login    {"email", "password"}   200 {"token": "..."}; 401 wrong email or password
  GET  /me       Authorization: Bearer <token>   200 {"id", "email", "role"}
  another method on a known path  405, with an Allow header that lists the path's methods
  anything else  404
Every route except /signup and /login needs `Authorization: Bearer <token>`: 401 without a valid one.
Every error is {"error": {"code": "<snake_case>", "message": "<sentence>"}}.
# roadwork: end

The file is organised in sections that later exercises extend: configuration, errors, the database,
passwords and sessions, routing, the routes, and the HTTP handler that ties them together.
"""

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import signal
import sqlite3
import sys
import time
import traceback
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# --- Configuration, read once at startup ------------------------------------------------------------

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "3000"))
DATABASE_PATH = os.environ.get("DATABASE_PATH", "taskboard.db")
MAX_BODY_BYTES = 1024 * 1024  # refuse larger request bodies instead of reading them into memory
SESSION_SECONDS = 7 * 24 * 3600  # how long a token from /login stays valid


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
    # roadwork: starter
    #| 501: "not_implemented",  # only until the TODOs are done
    # roadwork: solution
    # roadwork: end
}


class ApiError(Exception):
    # roadwork: starter
    #| """raise ApiError(404, "task 3 not found") anywhere in a handler: the client gets that error."""
    #|
    # roadwork: solution
    # roadwork: end
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
    def __init__(self, status, data=None, headers=None):
        self.status = int(status)
        self.data = data  # None: no body at all (204)
        self.headers = dict(headers or {})


def json_response(status, data, headers=None):
    return Response(status, data, headers)


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
# roadwork: starter
# roadwork: solution
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
# roadwork: end
"""
# roadwork: starter
#| # TODO 4: add a sessions table for the tokens /login hands out, e.g.
#| #         sessions (token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
#| #                   expires_at INTEGER NOT NULL)
#| #         In the database, not in a dict: tokens must survive a restart of the server.
# roadwork: solution
# roadwork: end


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
# roadwork: starter
#| # The functions below are yours to write; until then they answer "501 Not Implemented".
# roadwork: solution
# Passwords are stored in the PHC string format "$scrypt$ln=14,r=8,p=1$<salt>$<hash>" (salt and hash in
# base64 without padding): a fresh random salt per password and a slow, memory-hard hash, with its cost in
# the string, so that the cost can be raised later and old hashes still verify. Tokens are random; the
# database keeps only their SHA-256, so a leaked sessions table logs nobody in.

SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P = 14, 8, 1
# roadwork: end


# roadwork: starter
#| def not_yet(what):
#|     return ApiError(HTTPStatus.NOT_IMPLEMENTED, f"not implemented yet: {what} (see the TODOs in server.py)")
# roadwork: solution
def b64(data):
    return base64.b64encode(data).decode().rstrip("=")
# roadwork: end


def hash_password(password):
    # roadwork: starter
    #| # TODO 1: return a salted, slow hash of the password in the PHC string format, which holds the
    #| #         cost, the salt and the hash (salt and hash in base64 without the "=" padding):
    #| #             salt = secrets.token_bytes(16)
    #| #             key = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    #| #             b64 = lambda data: base64.b64encode(data).decode().rstrip("=")
    #| #             return f"$scrypt$ln=14,r=8,p=1${b64(salt)}${b64(key)}"
    #| #         Never store the password itself, nor anything it can be read back from.
    #| raise not_yet("hash_password")
    # roadwork: solution
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=2**SCRYPT_LOG_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"$scrypt$ln={SCRYPT_LOG_N},r={SCRYPT_R},p={SCRYPT_P}${b64(salt)}${b64(key)}"
    # roadwork: end


def verify_password(password, stored):
# roadwork: starter
#|     # TODO 3: split `stored` at "$", decode the salt and the hash (base64.b64decode(text + "=="[:-len(text) % 4])),
#|     #         hash `password` again with the stored salt and the cost in the string, and compare with hmac.compare_digest(actual, expected) (it takes the same time however
#|     #         many bytes match).
#|     raise not_yet("verify_password")
# roadwork: solution
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
    return hashlib.sha256(token.encode()).hexdigest()


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
# roadwork: end


def authenticate(request):
    """The current user (a row of users), or ApiError 401 without a valid bearer token."""
    # roadwork: starter
    #| # TODO 5: read request.headers.get("Authorization", ""), which must be "Bearer <token>"; look the
    #| #         token up in sessions (JOIN users) and return the user row. No header, another scheme, or
    #| #         an unknown token: raise ApiError(HTTPStatus.UNAUTHORIZED, "log in first"). Every route
    #| #         registered without public=True calls this before its handler runs.
    #| raise not_yet("authentication")
    # roadwork: solution
    match = re.fullmatch(r"Bearer +(\S+)", request.headers.get("Authorization", "").strip())
    user = user_for_token(match.group(1)) if match else None
    if user is None:
        raise ApiError(HTTPStatus.UNAUTHORIZED, "log in first: send Authorization: Bearer <token>",
                       headers={"WWW-Authenticate": "Bearer"})
    return user
    # roadwork: end


def public_user(row):
    """What the API shows of a user: never the password hash."""
    return {"id": row["id"], "email": row["email"], "role": row["role"]}


# --- Routing ------------------------------------------------------------------------------------------
# A route is a method, a path template such as "/tasks/{task_id}" and a handler. Each {name} matches a
# number and is passed to the handler as a keyword argument (as text). Routes need a logged-in user
# unless they are registered with public=True; the handler then finds it in request.user.

ROUTES = []


class Route:
    def __init__(self, method, template, handler, public):
        self.method = method
        self.template = template
        self.handler = handler
        self.public = public
        self.pattern = re.compile(re.sub(r"\{(\w+)\}", r"(?P<\1>[0-9]+)", template))


def route(method, template, public=False):
    """Decorator that registers a handler for `method` and the path `template`."""

    def register(handler):
        ROUTES.append(Route(method, template, handler, public))
        return handler

    return register


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


# --- Accounts -----------------------------------------------------------------------------------------


@route("POST", "/signup", public=True)
def signup(request):
    email, password = read_credentials(request, new_account=True)
    # roadwork: starter
    #| # TODO 2: hash the password, INSERT the user (email, password_hash, role 'user'), and
    #| #         return json_response(HTTPStatus.CREATED, public_user(user)) with the new row.
    #| #         The email is UNIQUE: catch sqlite3.IntegrityError and raise ApiError(HTTPStatus.CONFLICT, ...).
    #| raise not_yet("POST /signup")
    # roadwork: solution
    password_hash = hash_password(password)  # slow on purpose: outside the transaction
    try:
        with transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO users (email, password_hash, role) VALUES (?, ?, 'user')", (email, password_hash))
            user = conn.execute("SELECT * FROM users WHERE id = ?", (cursor.lastrowid,)).fetchone()
    except sqlite3.IntegrityError:
        raise ApiError(HTTPStatus.CONFLICT, "an account with this email already exists") from None
    return json_response(HTTPStatus.CREATED, public_user(user))
    # roadwork: end


@route("POST", "/login", public=True)
def login(request):
    email, password = read_credentials(request, new_account=False)
    # roadwork: starter
    #| # TODO 3: find the user by email and check the password with verify_password. Unknown email or
    #| #         wrong password: the same ApiError(HTTPStatus.UNAUTHORIZED, "wrong email or password").
    #| #         Right: token = secrets.token_urlsafe(32), store it in sessions (TODO 4), and
    #| #         return json_response(HTTPStatus.OK, {"token": token}).
    #| raise not_yet("POST /login")
    # roadwork: solution
    with transaction() as conn:
        user = conn.execute("SELECT * FROM users WHERE email = ?", (email,)).fetchone()
    # Verify even when there is no such user, so that timing does not reveal which emails exist.
    password_ok = verify_password(password, user["password_hash"] if user else DUMMY_HASH)
    if user is None or not password_ok:
        raise ApiError(HTTPStatus.UNAUTHORIZED, "wrong email or password")
    with transaction() as conn:
        token = create_session(conn, user["id"])
    return json_response(HTTPStatus.OK, {"token": token})
    # roadwork: end


@route("GET", "/me")
def me(request):
    # roadwork: starter
    #| # TODO 6: once authenticate() works, request.user is the logged-in user's row:
    #| #         return json_response(HTTPStatus.OK, public_user(request.user))
    #| raise not_yet("GET /me")
    # roadwork: solution
    return json_response(HTTPStatus.OK, public_user(request.user))
    # roadwork: end


# --- The HTTP handler ---------------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    server_version = "taskboard/0.1"

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

    def dispatch(self):
        url = urlsplit(self.path)
        self.route_path = url.path
        self.query = parse_qs(url.query)
        self.user = None
        try:
            response = self.handle_request()
        except ApiError as error:
            response = json_response(error.status, error_body(error.status, error.message), error.headers)
        except Exception:  # a bug answers a JSON 500, and the details go to the log only
            traceback.print_exc()
            response = json_response(HTTPStatus.INTERNAL_SERVER_ERROR,
                                     error_body(500, "something went wrong on our side"))
        self.send(response)

    def handle_request(self):
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

    def send(self, response):
        """Write a Response: JSON when it has data, no body at all otherwise."""
        payload = b"" if response.data is None else json.dumps(response.data).encode("utf-8")
        self.send_response(response.status)
        if response.data is not None:
            self.send_header("Content-Type", "application/json")
        if response.data is not None or response.status != HTTPStatus.NO_CONTENT:
            self.send_header("Content-Length", str(len(payload)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def send_error(self, code, message=None, explain=None):
        """http.server's own errors (bad request line, unknown method, ...) in the same JSON shape."""
        self.close_connection = True
        self.send(json_response(code, error_body(code, message or HTTPStatus(code).phrase)))


class Server(ThreadingHTTPServer):
    daemon_threads = True  # one thread per connection; do not wait for idle ones on shutdown
    block_on_close = False


def main():
    init_db()
    server = Server((HOST, PORT), Handler)
    # roadwork stops the server with SIGTERM: leave serve_forever() and exit with status 0.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    print(f"taskboard server listening on http://{HOST}:{PORT}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # Ctrl-C when run by hand
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
