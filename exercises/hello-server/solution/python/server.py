#!/usr/bin/env python3
# roadwork: starter
#| """Your notes server. It starts as the exercise hello-server and grows with every notes exercise.
# roadwork: solution
"""Reference solution for the exercise hello-server (project: notes).
# roadwork: end

# roadwork: starter
#| Run it by hand:   PORT=3000 python3 server.py
#| Try it:           curl -i http://127.0.0.1:3000/health
#| Check it:         roadwork check hello-server
# roadwork: solution
Python standard library only. Run it with `PORT=3000 python3 server.py`.
# roadwork: end

# roadwork: starter
#| It already listens on the right address and answers every request, but only with
#| "501 Not Implemented". Follow the TODO comments below to build the real routes; README.md
#| describes exactly what each one must answer.
# roadwork: solution
Routes:
  GET /health            200 {"status": "ok"}
  GET /hello?name=Ada    200 {"message": "Hello, Ada!"}  (no name or an empty one: "Hello, world!")
  anything else          404 {"error": "..."}
Every response is JSON, errors included.
# roadwork: end
"""

import json
import os
# roadwork: starter
# roadwork: solution
import re
# roadwork: end
import signal
import sys
# roadwork: starter
# roadwork: solution
import traceback
from http import HTTPStatus
# roadwork: end
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# roadwork: starter
#| # roadwork tells your server where to listen through environment variables: HOST is 127.0.0.1
#| # and PORT is a free port it picked. The defaults are for running the server by hand.
# roadwork: solution
# roadwork (and most hosting platforms) say where to listen through the environment.
# roadwork: end
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "3000"))

# roadwork: starter
# roadwork: solution
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

# roadwork: end

class Handler(BaseHTTPRequestHandler):
    # roadwork: starter
    #| # http.server calls do_GET for every GET request, do_POST for every POST, and so on.
    # roadwork: solution
    server_version = "notes/0.1"

    # http.server calls do_<METHOD>; send them all through one dispatcher, so that an unknown route
    # answers a JSON 404 whatever its method.
    # roadwork: end
    def do_GET(self):
        # roadwork: starter
        #| url = urlsplit(self.path)  # "/hello?name=Ada" -> url.path "/hello", url.query "name=Ada"
        #| query = parse_qs(url.query)  # "name=Ada" -> {"name": ["Ada"]}  (a missing name is not a key)
        # roadwork: solution
        self.dispatch()
        # roadwork: end

    # roadwork: starter
    #|     # TODO 1: GET /health answers 200 with the JSON {"status": "ok"}.
    #|     #         Check url.path, call self.send_json(...) and then return.
    # roadwork: solution
    def do_POST(self):
        self.dispatch()
    # roadwork: end

    # roadwork: starter
    #|     # TODO 2: GET /hello answers 200 with {"message": "Hello, <name>!"}, where <name> comes from
    #|     #         the query string (?name=Ada). No name, or an empty one, greets "world".
    # roadwork: solution
    def do_PUT(self):
        self.dispatch()
    # roadwork: end

    # roadwork: starter
    #|     # TODO 3: any other path answers 404 with a JSON error such as {"error": "not found"}.
    # roadwork: solution
    def do_PATCH(self):
        self.dispatch()
    # roadwork: end

    # roadwork: starter
    #|     # Until every route is done, whatever is left over lands here. Delete this line at the end.
    #|     self.send_json(501, {"error": f"not implemented yet: GET {url.path} (open server.py and follow the TODOs)"})
    # roadwork: solution
    def do_DELETE(self):
        self.dispatch()
    # roadwork: end

    # roadwork: starter
    #| # TODO 4: an unknown route is a 404 for every method, not only GET. Without a do_POST method,
    #| #         http.server answers a POST with its own HTML error page. Add do_POST, do_PUT,
    #| #         do_PATCH and do_DELETE that answer 404 in JSON (they can share one helper method).
    # roadwork: solution
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
    # roadwork: end

    # roadwork: starter
    #| def send_json(self, status, data):
    #|     """Answer with `data` (a dict or list) as JSON and the status code `status`."""
    #|     body = json.dumps(data).encode("utf-8")
    # roadwork: solution
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
    # roadwork: end
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        # roadwork: starter
        #| self.send_header("Content-Length", str(len(body)))
        # roadwork: solution
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        # roadwork: end
        self.end_headers()
# roadwork: starter
#|         self.wfile.write(body)
# roadwork: solution
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
# roadwork: end


def main():
    # roadwork: starter
    #| server = ThreadingHTTPServer((HOST, PORT), Handler)
    #| # roadwork stops your server with SIGTERM; this makes Python leave serve_forever() cleanly.
    # roadwork: solution
    server = Server((HOST, PORT), Handler)
    # roadwork stops the server with SIGTERM: leave serve_forever() and exit with status 0.
    # roadwork: end
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    print(f"notes server listening on http://{HOST}:{PORT}", flush=True)
    try:
        server.serve_forever()
    # roadwork: starter
    #| except KeyboardInterrupt:  # Ctrl-C when you run it by hand
    # roadwork: solution
    except KeyboardInterrupt:  # Ctrl-C when run by hand
    # roadwork: end
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
