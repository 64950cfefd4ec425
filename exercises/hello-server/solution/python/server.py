#!/usr/bin/env python3
"""Reference solution for the exercise hello-server (project: notes).

Python standard library only. Run it with `PORT=3000 python3 server.py`.

Routes:
  GET /health            200 {"status": "ok"}
  GET /hello?name=Ada    200 {"message": "Hello, Ada!"}  (no name or an empty one: "Hello, world!")
  anything else          404 {"error": "..."}
Every response is JSON, errors included.
"""

import json
import os
import re
import signal
import sys
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# roadwork (and most hosting platforms) say where to listen through the environment.
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "3000"))

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


@route("GET", "/health")
def health(request):
    request.send_json(HTTPStatus.OK, {"status": "ok"})


@route("GET", "/hello")
def hello(request):
    # parse_qs leaves out empty values, so "?name=" and no name at all both fall back to "world".
    name = request.query.get("name", ["world"])[0]
    request.send_json(HTTPStatus.OK, {"message": f"Hello, {name}!"})


# --- The request handler -----------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    server_version = "notes/0.1"

    # http.server calls do_<METHOD>; send them all through one dispatcher, so that an unknown route
    # answers a JSON 404 whatever its method.
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
        self.query = parse_qs(url.query)
        # Read the body even when no route needs it: a server that closes the connection on unread
        # bytes can make the client lose the response.
        self.body = self.read_body()
        if self.body is None:
            return
        try:
            for method, pattern, handler in ROUTES:
                match = pattern.fullmatch(url.path)
                if match and method == self.command:
                    handler(self, **match.groupdict())
                    return
            self.send_json(HTTPStatus.NOT_FOUND, {"error": f"not found: {self.command} {url.path}"})
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

    def send_error(self, code, message=None, explain=None):
        """http.server's own errors (bad request line, unsupported method, ...) as JSON too."""
        self.close_connection = True
        self.send_json(code, {"error": message or HTTPStatus(code).phrase})


class Server(ThreadingHTTPServer):
    # One thread per connection. On shutdown, do not wait for connections a client left open.
    daemon_threads = True
    block_on_close = False


def main():
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
