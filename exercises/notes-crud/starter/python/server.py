#!/usr/bin/env python3
"""Your notes server, ready for the exercise notes-crud.

Run it by hand:   PORT=3000 python3 server.py
Try it:           curl -i -X POST http://127.0.0.1:3000/notes -H 'Content-Type: application/json' \
                       -d '{"title": "Groceries", "body": "milk, eggs"}'
Check it:         roadwork check notes-crud

/health, /hello and /echo already work as hello-server and echo-server asked, and so do the 405 for a
known path with the wrong method and the 400 for a body that is not a JSON object. The /notes routes
answer "501 Not Implemented" until you write them: follow the TODO comments below, and see README.md
for exactly what each route must answer.
"""

import json
import os
import re
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

# roadwork tells your server where to listen through environment variables: HOST is 127.0.0.1
# and PORT is a free port it picked. The defaults are for running the server by hand.
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "3000"))

# Matches the path "/echo/<word>", one segment after /echo; group(1) is the word, still
# percent-encoded: "/echo/two%20words" -> "two%20words", and unquote("two%20words") -> "two words".
ECHO_WORD_PATH = re.compile(r"/echo/([^/]+)")
# Matches the path of one note, "/notes/42"; group(1) is the id as text, "42".
NOTE_PATH = re.compile(r"/notes/([0-9]+)")

# The notes live in memory for now (the database stage comes later), in a dict keyed by id:
#   {1: {"id": 1, "title": "Groceries", "body": "milk, eggs"}, ...}
notes = {}
next_id = 1  # the id the next new note gets; it only ever goes up
# ThreadingHTTPServer handles requests on several threads at once. Wrap every read and change of
# `notes` and `next_id` in `with notes_lock:` so that two requests never change them at the same time.
notes_lock = threading.Lock()


def allowed_methods(path):
    """The methods `path` supports, or None when no route knows the path (then it is a 404)."""
    if path in ("/health", "/hello") or ECHO_WORD_PATH.fullmatch(path):
        return ["GET"]
    if path == "/echo":
        return ["GET", "POST"]
    if path == "/notes":
        return ["GET", "POST"]
    if NOTE_PATH.fullmatch(path):
        return ["GET", "PATCH", "DELETE"]
    return None


class BadRequest(Exception):
    """Raised by read_json_object(); route() answers it with 400 and {"error": <the message>}."""


def read_json_object(body):
    """The request body (bytes) parsed as a JSON object (a dict), or BadRequest."""
    try:
        data = json.loads(body)
    except ValueError:  # not UTF-8, not JSON, or no body at all
        raise BadRequest("the request body is not valid JSON")
    if not isinstance(data, dict):
        raise BadRequest("the request body must be a JSON object")
    return data


class Handler(BaseHTTPRequestHandler):
    # http.server calls do_GET for a GET, do_POST for a POST, and so on; they all go to route(),
    # through handle_request(), which turns a BadRequest into a 400.
    def do_GET(self):
        self.handle_request()

    def do_POST(self):
        self.handle_request()

    def do_PUT(self):
        self.handle_request()

    def do_PATCH(self):
        self.handle_request()

    def do_DELETE(self):
        self.handle_request()

    def handle_request(self):
        try:
            self.route()
        except BadRequest as error:  # the client sent a body we cannot use
            self.send_json(400, {"error": str(error)})

    def route(self):
        global next_id  # lets the code below change the module-level next_id
        method = self.command  # "GET", "POST", ...
        url = urlsplit(self.path)  # "/hello?name=Ada" -> url.path "/hello", url.query "name=Ada"
        query = parse_qs(url.query)  # "name=Ada" -> {"name": ["Ada"]}
        body = self.read_body()  # the request body as bytes; read_json_object(body) parses it
        word_match = ECHO_WORD_PATH.fullmatch(url.path)
        note_match = NOTE_PATH.fullmatch(url.path)

        # The path first, then the method: an unknown path is a 404, a known path with a method it
        # does not support is a 405 whose Allow header lists the methods it does support.
        allowed = allowed_methods(url.path)
        if allowed is None:
            self.send_json(404, {"error": f"not found: {method} {url.path}"})

        elif method not in allowed:
            error = {"error": f"method {method} not allowed on {url.path}"}
            self.send_json(405, error, headers={"Allow": ", ".join(allowed)})

        elif url.path == "/health":
            self.send_json(200, {"status": "ok"})

        elif url.path == "/hello":
            name = query.get("name", ["world"])[0]  # parse_qs leaves out "?name=" with no value
            self.send_json(200, {"message": f"Hello, {name}!"})

        elif url.path == "/echo" and method == "GET":
            # keep_blank_values keeps "?note=" as {"note": [""]}; unwrap the keys sent once.
            params = parse_qs(url.query, keep_blank_values=True)
            echoed = {key: values[0] if len(values) == 1 else values for key, values in params.items()}
            self.send_json(200, {"query": echoed})

        elif url.path == "/echo":  # POST
            self.send_json(200, {"json": read_json_object(body)})

        elif word_match:
            self.send_json(200, {"word": unquote(word_match.group(1))})

        elif url.path == "/notes":
            # TODO 1: POST /notes creates a note. Parse the body with read_json_object(body) (it
            #         already answers 400 for broken JSON), store {"id": next_id, "title": ...,
            #         "body": ...} in `notes`, add 1 to next_id, and answer 201 with the note, plus
            #         the header Location: /notes/<id>:
            #             self.send_json(201, note, headers={"Location": f"/notes/{note['id']}"})
            # TODO 2: GET /notes answers 200 with a JSON list of every note.
            self.send_json(501, {"error": f"not implemented yet: {method} {url.path} (see the TODOs in server.py)"})

        elif note_match:
            note_id = int(note_match.group(1))  # an int, like the keys of `notes`
            # TODO 3: GET /notes/<id> answers 200 with the note, or 404 with {"error": "..."}.
            # TODO 4: PATCH /notes/<id> changes only the fields in the JSON body ("title", "body",
            #         or both) and answers 200 with the whole updated note; 404 if there is none.
            # TODO 5: DELETE /notes/<id> removes the note and answers self.send_empty(204);
            #         404 if there is none.
            self.send_json(501, {"error": f"not implemented yet: {method} {url.path} (see the TODOs in server.py)"})

    def read_body(self):
        """The request body as bytes (b"" when the request has none)."""
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length)

    def send_json(self, status, data, headers=None):
        """Answer with `data` (a dict or list) as JSON, the status code `status` and extra `headers`."""
        body = json.dumps(data).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def send_empty(self, status):
        """Answer with the status code `status` and no body at all, as 204 No Content requires."""
        self.send_response(status)
        self.end_headers()


def main():
    server = ThreadingHTTPServer((HOST, PORT), Handler)
    # roadwork stops your server with SIGTERM; this makes Python leave serve_forever() cleanly.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    print(f"notes server listening on http://{HOST}:{PORT}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # Ctrl-C when you run it by hand
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
