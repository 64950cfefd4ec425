#!/usr/bin/env python3
"""Your notes server, ready for the exercise notes-persistence.

Run it by hand:   PORT=3000 DATABASE_PATH=notes.db python3 server.py
Try it:           curl -i -X POST http://127.0.0.1:3000/notes -H 'Content-Type: application/json' \
                       -d '{"title": "Groceries", "body": "milk, eggs"}'
                  then stop the server (Ctrl-C), start it again, and: curl http://127.0.0.1:3000/notes
Check it:         roadwork check notes-persistence

Everything up to notes-validation works, but the notes still live in a dict in memory: stop the server
and they are gone. Move them into the SQLite database at DATABASE_PATH. The helpers database() and
migrate() below are ready; follow the TODO comments, and see README.md for what the checks expect.
"""

import json
import os
import re
import signal
import sqlite3
import sys
import threading
import traceback
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

# roadwork (and most hosting platforms) say where to listen through the environment.
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "3000"))
# ... and where the database file is (roadwork sets DATABASE_PATH). SQLite creates it on first use.
DATABASE_PATH = os.environ.get("DATABASE_PATH", "notes.db")

# Refuse request bodies larger than this instead of reading them into memory.
MAX_BODY_BYTES = 1024 * 1024


# --- Routing -----------------------------------------------------------------------------------
# A route is a method, a path pattern (a regular expression that must match the whole path) and a
# function that handles the request. Named groups in the pattern, like (?P<id>[0-9]+), are passed to
# the function as keyword arguments.

ROUTES = []


def route(method, pattern):
    """Decorator that registers a handler function for `method` and the path `pattern`."""

    def register(handler):
        ROUTES.append((method, re.compile(pattern), handler))
        return handler

    return register


class HttpError(Exception):
    """A failure that is the client's fault: the dispatcher answers it as {"error": message}, plus
    {"field": field} when the failure is about one field of the request body."""

    def __init__(self, status, message, field=None):
        super().__init__(message)
        self.status = status
        self.field = field


def read_json_object(request):
    """The request body parsed as a JSON object (a dict), or HttpError 415 or 400."""
    # get_content_type() drops parameters such as charset and lower-cases the media type; without a
    # Content-Type header it answers "text/plain", which is refused too.
    if request.headers.get_content_type() != "application/json":
        raise HttpError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "the request body must be JSON (Content-Type: application/json)"
        )
    try:
        data = json.loads(request.body)
    except ValueError:  # not UTF-8, not JSON, or no body at all
        raise HttpError(HTTPStatus.BAD_REQUEST, "the request body is not valid JSON")
    if not isinstance(data, dict):
        raise HttpError(HTTPStatus.BAD_REQUEST, "the request body must be a JSON object")
    return data


@route("GET", "/health")
def health(request):
    request.send_json(HTTPStatus.OK, {"status": "ok"})


@route("GET", "/hello")
def hello(request):
    # parse_qs leaves out empty values, so "?name=" and no name at all both fall back to "world".
    name = request.query.get("name", ["world"])[0]
    request.send_json(HTTPStatus.OK, {"message": f"Hello, {name}!"})


# --- Echo ----------------------------------------------------------------------------------------


@route("GET", "/echo/(?P<word>[^/]+)")
def echo_word(request, word):
    # The path is still percent-encoded ("two%20words"): decode the parameter after matching it, so
    # that an encoded slash (%2F) stays inside the word instead of splitting the path.
    request.send_json(HTTPStatus.OK, {"word": unquote(word)})


@route("GET", "/echo")
def echo_query(request):
    # keep_blank_values keeps "?note=" as {"note": [""]}; every value is a list, so unwrap the
    # parameters that were sent once and keep a list for those that were repeated.
    params = parse_qs(request.raw_query, keep_blank_values=True)
    query = {key: values[0] if len(values) == 1 else values for key, values in params.items()}
    request.send_json(HTTPStatus.OK, {"query": query})


@route("POST", "/echo")
def echo_body(request):
    request.send_json(HTTPStatus.OK, {"json": read_json_object(request)})


# --- The database ----------------------------------------------------------------------------------
# One connection per request: ThreadingHTTPServer answers requests on several threads, and opening an
# SQLite connection is cheap. Use it like this; the block's writes are committed when it ends:
#     with database() as db:
#         row = db.execute("SELECT id, title, body FROM notes WHERE id = ?", (note_id,)).fetchone()
#     note = dict(row) if row else None


@contextmanager
def database():
    conn = sqlite3.connect(DATABASE_PATH, timeout=5)  # wait up to 5 s when another write holds the lock
    conn.row_factory = sqlite3.Row  # rows can be read by column name, and dict(row) works
    conn.execute("PRAGMA foreign_keys = ON")
    try:
        with conn:  # commit on success, roll back on an exception
            yield conn
    finally:
        conn.close()


# The schema, as numbered migrations: each runs once, in order, and PRAGMA user_version remembers how
# many have run. Append new ones at the end; never edit one that has already run somewhere.
MIGRATIONS = [
    # TODO 1: the first migration creates the table `notes`, with the columns
    #         id (INTEGER PRIMARY KEY AUTOINCREMENT), title (TEXT NOT NULL) and body (TEXT NOT NULL).
    #         AUTOINCREMENT keeps ids unique forever: without it SQLite gives the id of a deleted
    #         newest note out again.
]


def migrate():
    """Bring the database at DATABASE_PATH up to date. main() runs it once, before the server listens."""
    conn = sqlite3.connect(DATABASE_PATH, timeout=5, isolation_level=None)  # we BEGIN and COMMIT ourselves
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for number, sql in enumerate(MIGRATIONS[version:], start=version + 1):
            conn.execute("BEGIN")  # a migration is all or nothing
            conn.execute(sql)
            conn.execute(f"PRAGMA user_version = {number}")  # PRAGMA takes no ? parameters
            conn.execute("COMMIT")
    finally:
        conn.close()


# --- Notes, kept in memory -----------------------------------------------------------------------
# TODO 2: this dict, the counter and the lock are what gets lost on every restart. Replace each use of
#         them in the five routes below with SQL through database(), values always as ? parameters:
#           create  INSERT INTO notes (title, body) VALUES (?, ?)   -> the new id is cursor.lastrowid
#           list    SELECT id, title, body FROM notes ORDER BY id
#           get     SELECT id, title, body FROM notes WHERE id = ?  -> fetchone() is None: 404
#           update  UPDATE notes SET title = ? WHERE id = ?  (and/or body), then SELECT it again
#           delete  DELETE FROM notes WHERE id = ?                  -> cursor.rowcount == 0: 404
#         Then delete `notes`, `next_id` and `notes_lock`: SQLite keeps the ids and the locking now.

# The rules of each note field: (fewest, most) characters. Characters are code points, which is what
# len() counts on a str. A title must also have something besides spaces.
NOTE_RULES = {"title": (1, 100), "body": (0, 1000)}
notes = {}  # id (int) -> {"id": int, "title": str, "body": str}
next_id = 1
notes_lock = threading.Lock()


def note_not_found(note_id):
    return HttpError(HTTPStatus.NOT_FOUND, f"note {note_id} not found")


def read_note_fields(request, partial):
    """The checked note fields of the request body, or HttpError 415, 400 or 422.

    With partial=False (POST) both fields are required; with partial=True (PATCH) any subset will do.
    Keys other than the note fields are ignored: only checked fields are ever stored.
    """
    data = read_json_object(request)
    fields = {}
    for field, (fewest, most) in NOTE_RULES.items():
        if field not in data:
            if partial:
                continue
            raise HttpError(HTTPStatus.UNPROCESSABLE_ENTITY, f"{field} is required", field)
        value = data[field]
        if not isinstance(value, str):  # null, numbers, booleans, lists and objects are not strings
            raise HttpError(HTTPStatus.UNPROCESSABLE_ENTITY, f"{field} must be a string", field)
        if len(value.strip()) < fewest:
            raise HttpError(HTTPStatus.UNPROCESSABLE_ENTITY, f"{field} must not be blank", field)
        if len(value) > most:
            raise HttpError(HTTPStatus.UNPROCESSABLE_ENTITY, f"{field} must be at most {most} characters", field)
        fields[field] = value
    return fields


@route("POST", "/notes")
def create_note(request):
    global next_id
    fields = read_note_fields(request, partial=False)
    with notes_lock:
        note = {"id": next_id, **fields}
        notes[next_id] = note
        next_id += 1
        created = dict(note)
    request.send_json(HTTPStatus.CREATED, created, headers={"Location": f"/notes/{created['id']}"})


@route("GET", "/notes")
def list_notes(request):
    with notes_lock:
        listed = [dict(note) for _, note in sorted(notes.items())]
    request.send_json(HTTPStatus.OK, listed)


@route("GET", r"/notes/(?P<note_id>[0-9]+)")
def get_note(request, note_id):
    with notes_lock:
        note = notes.get(int(note_id))
        found = dict(note) if note else None
    if found is None:
        raise note_not_found(note_id)
    request.send_json(HTTPStatus.OK, found)


@route("PATCH", r"/notes/(?P<note_id>[0-9]+)")
def update_note(request, note_id):
    # Check every field before changing any: a PATCH with one bad field changes nothing.
    fields = read_note_fields(request, partial=True)
    with notes_lock:
        note = notes.get(int(note_id))
        if note is not None:
            note.update(fields)
            note = dict(note)
    if note is None:
        raise note_not_found(note_id)
    request.send_json(HTTPStatus.OK, note)


@route("DELETE", r"/notes/(?P<note_id>[0-9]+)")
def delete_note(request, note_id):
    with notes_lock:
        note = notes.pop(int(note_id), None)
    if note is None:
        raise note_not_found(note_id)
    request.send_empty(HTTPStatus.NO_CONTENT)


# --- The request handler -----------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    server_version = "notes/0.1"

    # http.server calls do_<METHOD>; send them all through one dispatcher, so that an unknown route
    # answers a JSON 404 (or 405) whatever its method.
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
        self.raw_query = url.query
        self.query = parse_qs(url.query)
        # Read the body even when no route needs it: a server that closes the connection on unread
        # bytes can make the client lose the response.
        self.body = self.read_body()
        if self.body is None:
            return
        try:
            allowed = []  # the methods of the routes whose pattern matches the path
            for method, pattern, handler in ROUTES:
                match = pattern.fullmatch(url.path)
                if not match:
                    continue
                if method == self.command:
                    handler(self, **match.groupdict())
                    return
                allowed.append(method)
            if allowed:
                # The path exists, the method does not: 405, and Allow says what would have worked.
                self.send_json(
                    HTTPStatus.METHOD_NOT_ALLOWED,
                    {"error": f"method {self.command} not allowed on {url.path}"},
                    headers={"Allow": ", ".join(allowed)},
                )
                return
            self.send_json(HTTPStatus.NOT_FOUND, {"error": f"not found: {self.command} {url.path}"})
        except HttpError as error:  # the client's mistake, with its status code
            body = {"error": str(error)}
            if error.field is not None:
                body["field"] = error.field
            self.send_json(error.status, body)
        except Exception:  # the "error-handling middleware": a bug answers a JSON 500, not silence
            traceback.print_exc()
            self.send_json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "internal server error"})

    def read_body(self):
        """Return the request body as bytes, or None after answering 400/413 for a bad length."""
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0:
            self.send_json(HTTPStatus.BAD_REQUEST, {"error": "invalid Content-Length header"})
            return None
        if length > MAX_BODY_BYTES:
            self.close_connection = True
            self.send_json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "request body too large"})
            return None
        return self.rfile.read(length)

    def send_json(self, status, data, headers=None):
        """Answer with `data` encoded as JSON, the given status code and any extra headers."""
        payload = json.dumps(data).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def send_empty(self, status):
        """Answer with a status code and no body at all (for 204 No Content)."""
        self.send_response(status)
        self.end_headers()

    def send_error(self, code, message=None, explain=None):
        """http.server's own errors (bad request line, unsupported method, ...) as JSON too."""
        self.close_connection = True
        self.send_json(code, {"error": message or HTTPStatus(code).phrase})


class Server(ThreadingHTTPServer):
    # One thread per connection. On shutdown, do not wait for connections a client left open.
    daemon_threads = True
    block_on_close = False


def main():
    migrate()  # the tables exist before the first request
    server = Server((HOST, PORT), Handler)
    # roadwork stops the server with SIGTERM: leave serve_forever() and exit with status 0.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    print(f"notes server listening on http://{HOST}:{PORT}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # Ctrl-C when run by hand
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
