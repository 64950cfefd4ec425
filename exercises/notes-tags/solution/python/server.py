#!/usr/bin/env python3
"""Reference solution for the exercise notes-tags (project: notes): notes-query, plus tags on notes
(many-to-many), a filter by tag, and writes that are all or nothing.

Python standard library only. Run it with `PORT=3000 DATABASE_PATH=notes.db python3 server.py`.

Routes:
  GET    /health            200 {"status": "ok"}
  GET    /hello?name=Ada    200 {"message": "Hello, Ada!"}  (no name or an empty one: "Hello, world!")
  GET    /echo/<word>       200 {"word": "<word, percent-decoded>"}
  GET    /echo?a=1&c=x&c=y  200 {"query": {"a": "1", "c": ["x", "y"]}}
  POST   /echo              200 {"json": <the JSON object of the request body>}
  POST   /notes             201 the new note, Location: /notes/<id>  body {"title", "body", "folder"?, "tags"?}
  GET    /notes             200 [note, ...], header X-Total-Count: every note that matches the filter
         ?folder=work       only the notes of that folder
         ?tag=urgent        only the notes with that tag
         ?sort=id|-id|title|-title   the order (default id; ties by id), else 400
         ?limit=1..100&offset=0..   one page (default: all of them, from offset 0), else 400
  GET    /notes/<id>        200 the note, or 404
  PATCH  /notes/<id>        200 the updated note, or 404   body: any of title, body, folder, tags
  DELETE /notes/<id>        204 no body, or 404
  a known path with a method it does not support: 405 with an Allow header
  anything else             404 {"error": "..."}
A note is {"id": <integer>, "title": <string>, "body": <string>, "folder": <string>,
"tags": [<string>, ...] (sorted, no duplicates)}. Every response except a 204 is JSON,
and every error is {"error": "<message>"}, plus "field": "<name>" when one field of the body is wrong.

Reading a JSON body (POST /echo, POST /notes, PATCH /notes/<id>) checks, in this order:
  Content-Type is not application/json                      415
  the body does not parse as JSON, or is not an object      400
  a note field is missing (POST), not a string, blank (title) or too long
                                                            422 {"error": ..., "field": ...}
title: 1 to 100 characters, not only spaces; body: 0 to 1000 characters; folder (optional, "inbox" when
a note is created without one): 1 to 50 characters, not only spaces; tags (optional, [] when a note
is created without them; on PATCH they replace the note's tags): a list of strings, each 1 to 30
lowercase letters, digits or hyphens. A bad tag answers 422 {"field": "tags"}, and stores nothing.

The notes live in the SQLite database at DATABASE_PATH, in the table
  notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, body TEXT NOT NULL,
         folder TEXT NOT NULL DEFAULT 'inbox')
with an index on folder, and the tags in two more tables:
  tags      (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, CHECK on the name's format)
  note_tags (note_id -> notes.id, tag_id -> tags.id, PRIMARY KEY (note_id, tag_id)), ON DELETE CASCADE
all created by the migrations below when the server starts. Every write of a note (its row, its tags
and its links) is one transaction: when a tag breaks the CHECK, the whole write is rolled back.
"""

import json
import os
import re
import signal
import sqlite3
import sys
import traceback
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

# roadwork (and most hosting platforms) say where to listen through the environment.
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "3000"))
# ... and where the database file is. SQLite creates it on first use.
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
# SQLite connection is cheap. `with database() as db:` commits the block's writes when it ends and rolls
# them back when it raises. It does not begin the transaction: sqlite3 begins one just before the first
# write, so to keep what you read first from changing before you write, start with BEGIN IMMEDIATE.


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
    """CREATE TABLE notes (
         id    INTEGER PRIMARY KEY AUTOINCREMENT,
         title TEXT NOT NULL,
         body  TEXT NOT NULL
       )""",
    # notes-query: folders, and an index for the list's filter on them. Existing notes land in "inbox".
    "ALTER TABLE notes ADD COLUMN folder TEXT NOT NULL DEFAULT 'inbox'",
    "CREATE INDEX notes_folder ON notes (folder)",
    # notes-tags: a tag exists once, whatever number of notes carry it; note_tags links the two.
    # The CHECK states the rule for a tag's name in the database itself: lowercase letters, digits
    # and hyphens, 1 to 30 of them. A write that breaks it fails, and its transaction rolls back.
    """CREATE TABLE tags (
         id   INTEGER PRIMARY KEY AUTOINCREMENT,
         name TEXT NOT NULL UNIQUE,
         CONSTRAINT tag_name_format CHECK (
           length(name) BETWEEN 1 AND 30 AND name NOT GLOB '*[^a-z0-9-]*'
         )
       )""",
    """CREATE TABLE note_tags (
         note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
         tag_id  INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
         PRIMARY KEY (note_id, tag_id)
       )""",
    # The primary key serves lookups by note_id; the filter by tag needs its own index.
    "CREATE INDEX note_tags_tag_id ON note_tags (tag_id)",
]


def migrate():
    """Bring the database at DATABASE_PATH up to date. Runs once, before the server listens."""
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


# --- Notes ---------------------------------------------------------------------------------------

# The rules of each note field: (fewest, most) characters. Characters are code points, which is what
# len() counts on a str. A title must also have something besides spaces.
NOTE_RULES = {"title": (1, 100), "body": (0, 1000), "folder": (1, 50)}
# Fields a new note may leave out, and what they are then.
NOTE_DEFAULTS = {"folder": "inbox"}
# The columns a note is made of, in the order of its JSON: never SELECT *, so that a column added
# later cannot leak into the API by accident.
NOTE_COLUMNS = "id, title, body, folder"

# What ?sort= may say, and the ORDER BY each means: an allow-list, because a column name cannot be a ?
# parameter. Every order ends with id, so notes with the same title keep one order from page to page.
SORTS = {"id": "id", "-id": "id DESC", "title": "title, id", "-title": "title DESC, id"}
MAX_LIMIT = 100


class BadTag(Exception):
    """A tag's name broke the CHECK constraint of the tags table."""


def write_tags(db, note_id, tags):
    """Make `tags` the tags of the note: creates the tags that do not exist yet, and links them.

    Runs inside the caller's transaction. Raises BadTag when a name breaks the tags table's CHECK;
    the caller's `with database()` then rolls back everything the request wrote, the note included.
    """
    db.execute("DELETE FROM note_tags WHERE note_id = ?", (note_id,))
    for name in tags:
        try:
            # ON CONFLICT (name) DO NOTHING skips a tag that already exists. Not INSERT OR IGNORE:
            # that would also skip, silently, a name that breaks the CHECK.
            db.execute("INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (name,))
        except sqlite3.IntegrityError as error:
            if "tag_name_format" in str(error):
                raise BadTag(name)
            raise
        db.execute(
            "INSERT INTO note_tags (note_id, tag_id) SELECT ?, id FROM tags WHERE name = ?", (note_id, name)
        )


def bad_tag(name):
    return HttpError(
        HTTPStatus.UNPROCESSABLE_ENTITY,
        f"tag {name!r} must be 1 to 30 lowercase letters, digits or hyphens",
        "tags",
    )


def with_tags(db, rows):
    """The notes of `rows` as dicts, each with its "tags": one more query for all of them, not one each."""
    notes = [dict(row) for row in rows]
    for note in notes:
        note["tags"] = []
    by_id = {note["id"]: note for note in notes}
    if by_id:
        marks = ", ".join("?" for _ in by_id)  # one ? per id: the ids travel as parameters too
        links = db.execute(
            f"""SELECT note_tags.note_id, tags.name FROM note_tags JOIN tags ON tags.id = note_tags.tag_id
                WHERE note_tags.note_id IN ({marks}) ORDER BY tags.name""",
            list(by_id),
        )
        for note_id, name in links:
            by_id[note_id]["tags"].append(name)
    return notes


def find_note(db, note_id):
    """The note with this id, with its tags, or None."""
    rows = db.execute(f"SELECT {NOTE_COLUMNS} FROM notes WHERE id = ?", (note_id,)).fetchall()
    notes = with_tags(db, rows)
    return notes[0] if notes else None


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
            if field in NOTE_DEFAULTS:
                fields[field] = NOTE_DEFAULTS[field]
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
    if "tags" in data:
        fields["tags"] = read_tags(data["tags"])
    elif not partial:
        fields["tags"] = []
    return fields


def read_tags(value):
    """The tags of a request body as a sorted list without duplicates, or HttpError 422.

    Only the types are checked here. Whether each name is well-formed is the database's job: the CHECK
    constraint of the tags table refuses a bad name while the note is being written, and write_tags()
    turns that failure into a 422 after its transaction rolled everything back.
    """
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise HttpError(HTTPStatus.UNPROCESSABLE_ENTITY, "tags must be a list of strings", "tags")
    return sorted(set(value))


@route("POST", "/notes")
def create_note(request):
    fields = read_note_fields(request, partial=False)
    try:
        with database() as db:  # one transaction: the note, its tags and its links, or nothing
            cursor = db.execute(
                "INSERT INTO notes (title, body, folder) VALUES (?, ?, ?)",
                (fields["title"], fields["body"], fields["folder"]),
            )
            write_tags(db, cursor.lastrowid, fields["tags"])
            note = find_note(db, cursor.lastrowid)
    except BadTag as error:
        raise bad_tag(error.args[0])
    request.send_json(HTTPStatus.CREATED, note, headers={"Location": f"/notes/{note['id']}"})


def int_param(request, name, lowest, highest, default):
    """The query parameter `name` as an integer from lowest to highest, its default when it is missing
    or empty, or HttpError 400."""
    raw = request.query.get(name, [None])[0]  # parse_qs leaves out empty values: "?limit=" is missing
    if raw is None:
        return default
    value = int(raw) if re.fullmatch(r"[0-9]{1,9}", raw) else None  # digits only: no "-1", "2.5", "abc"
    if value is None or value < lowest or (highest is not None and value > highest):
        limits = f"from {lowest} to {highest}" if highest is not None else f"{lowest} or more"
        raise HttpError(HTTPStatus.BAD_REQUEST, f"{name} must be a whole number {limits}")
    return value


@route("GET", "/notes")
def list_notes(request):
    limit = int_param(request, "limit", 1, MAX_LIMIT, None)  # None: no limit, every matching note
    offset = int_param(request, "offset", 0, None, 0)
    sort = request.query.get("sort", ["id"])[0]
    if sort not in SORTS:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"sort must be one of: {', '.join(SORTS)}")
    # The filters: SQL fragments we wrote, and the values from the request as ? parameters.
    where, params = [], []
    if "folder" in request.query:
        where.append("folder = ?")
        params.append(request.query["folder"][0])
    if "tag" in request.query:
        where.append(
            "id IN (SELECT note_tags.note_id FROM note_tags JOIN tags ON tags.id = note_tags.tag_id"
            " WHERE tags.name = ?)"
        )
        params.append(request.query["tag"][0])
    where_sql = f"WHERE {' AND '.join(where)}" if where else ""
    with database() as db:
        # The total counts every note that matches the filter, not only those on this page.
        total = db.execute(f"SELECT count(*) FROM notes {where_sql}", params).fetchone()[0]
        rows = db.execute(
            f"SELECT {NOTE_COLUMNS} FROM notes {where_sql} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],  # LIMIT -1 means no limit in SQLite
        ).fetchall()
        notes = with_tags(db, rows)
    request.send_json(HTTPStatus.OK, notes, headers={"X-Total-Count": str(total)})


@route("GET", r"/notes/(?P<note_id>[0-9]+)")
def get_note(request, note_id):
    with database() as db:
        note = find_note(db, int(note_id))
    if note is None:
        raise note_not_found(note_id)
    request.send_json(HTTPStatus.OK, note)


@route("PATCH", r"/notes/(?P<note_id>[0-9]+)")
def update_note(request, note_id):
    # Check every field before changing any: a PATCH with one bad field changes nothing.
    fields = read_note_fields(request, partial=True)
    tags = fields.pop("tags", None)
    try:
        with database() as db:  # one transaction: a bad tag rolls back the other changes too
            if find_note(db, int(note_id)) is None:
                raise note_not_found(note_id)
            # The column names come from NOTE_RULES (our own list), never from the request; the
            # values travel as ? parameters.
            for field, value in fields.items():
                db.execute(f"UPDATE notes SET {field} = ? WHERE id = ?", (value, int(note_id)))
            if tags is not None:  # tags in a PATCH replace the note's tags
                write_tags(db, int(note_id), tags)
            note = find_note(db, int(note_id))
    except BadTag as error:
        raise bad_tag(error.args[0])
    request.send_json(HTTPStatus.OK, note)


@route("DELETE", r"/notes/(?P<note_id>[0-9]+)")
def delete_note(request, note_id):
    with database() as db:
        deleted = db.execute("DELETE FROM notes WHERE id = ?", (int(note_id),)).rowcount
    if deleted == 0:  # no row changed: there was no such note
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
