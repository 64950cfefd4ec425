#!/usr/bin/env python3
"""Your notes server, ready for the exercise echo-server.

Run it by hand:   PORT=3000 python3 server.py
Try it:           curl -i http://127.0.0.1:3000/echo/hello
                  curl -i 'http://127.0.0.1:3000/echo?color=blue&tag=a&tag=b'
                  curl -i http://127.0.0.1:3000/echo -H 'Content-Type: application/json' -d '{"a": 1}'
Check it:         roadwork check echo-server

/health and /hello already work as hello-server asked. The /echo routes answer
"501 Not Implemented" until you write them: follow the TODO comments below, and see README.md for
exactly what each route must answer.
"""

import json
import os
import re
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

# roadwork tells your server where to listen through environment variables: HOST is 127.0.0.1
# and PORT is a free port it picked. The defaults are for running the server by hand.
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "3000"))

# Matches the path "/echo/<word>", one segment after /echo; group(1) is the word, still
# percent-encoded: "/echo/two%20words" -> "two%20words", and unquote("two%20words") -> "two words".
ECHO_WORD_PATH = re.compile(r"/echo/([^/]+)")


class Handler(BaseHTTPRequestHandler):
    # http.server calls do_GET for a GET, do_POST for a POST, and so on; they all go to route().
    def do_GET(self):
        self.route()

    def do_POST(self):
        self.route()

    def do_PUT(self):
        self.route()

    def do_PATCH(self):
        self.route()

    def do_DELETE(self):
        self.route()

    def route(self):
        method = self.command  # "GET", "POST", ...
        url = urlsplit(self.path)  # "/hello?name=Ada" -> url.path "/hello", url.query "name=Ada"
        query = parse_qs(url.query)  # "name=Ada" -> {"name": ["Ada"]}
        body = self.read_body()  # the request body as bytes; json.loads(body) parses JSON
        word_match = ECHO_WORD_PATH.fullmatch(url.path)

        # TODO 4: a known path with a method it does not support answers 405 Method Not Allowed with
        #         a JSON error and the header Allow, which lists the methods the path supports:
        #             self.send_json(405, {"error": "..."}, headers={"Allow": "GET, POST"})
        #         /health, /hello and /echo/<word> support GET; /echo supports GET and POST. Today a
        #         POST /health falls through to the 404 at the bottom: check the path first, then the
        #         method, so that a known path with the wrong method gets its 405.

        if method == "GET" and url.path == "/health":
            self.send_json(200, {"status": "ok"})

        elif method == "GET" and url.path == "/hello":
            name = query.get("name", ["world"])[0]  # parse_qs leaves out "?name=" with no value
            self.send_json(200, {"message": f"Hello, {name}!"})

        elif url.path == "/echo":
            # TODO 1: GET /echo answers 200 with {"query": {...}}: every query parameter, its value a
            #         string. parse_qs(url.query, keep_blank_values=True) keeps "?note=" as
            #         {"note": [""]}; it gives a list for every key, so unwrap the ones that were
            #         sent once and keep a list for repeated keys (?tag=a&tag=b -> ["a", "b"]).
            # TODO 2: POST /echo parses the body with json.loads(body) and answers 200 with
            #         {"json": <the parsed object>}. json.loads raises ValueError on broken JSON:
            #         catch it and answer 400 with {"error": "..."}. Valid JSON that is not an object
            #         (a list, a number, ...) is a 400 too: isinstance(data, dict) tells you.
            self.send_json(501, {"error": f"not implemented yet: {method} {url.path} (see the TODOs in server.py)"})

        elif word_match:
            # TODO 3: GET /echo/<word> answers 200 with {"word": "<the word>"}, percent-decoded with
            #         unquote(word_match.group(1)).
            self.send_json(501, {"error": f"not implemented yet: {method} {url.path} (see the TODOs in server.py)"})

        else:
            self.send_json(404, {"error": f"not found: {method} {url.path}"})

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
