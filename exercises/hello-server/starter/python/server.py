#!/usr/bin/env python3
"""Your notes server. It starts as the exercise hello-server and grows with every notes exercise.

Run it by hand:   PORT=3000 python3 server.py
Try it:           curl -i http://127.0.0.1:3000/health
Check it:         roadwork check hello-server

It already listens on the right address and answers every request, but only with
"501 Not Implemented". Follow the TODO comments below to build the real routes; README.md
describes exactly what each one must answer.
"""

import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# roadwork tells your server where to listen through environment variables: HOST is 127.0.0.1
# and PORT is a free port it picked. The defaults are for running the server by hand.
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "3000"))


class Handler(BaseHTTPRequestHandler):
    # http.server calls do_GET for every GET request, do_POST for every POST, and so on.
    def do_GET(self):
        url = urlsplit(self.path)  # "/hello?name=Ada" -> url.path "/hello", url.query "name=Ada"
        query = parse_qs(url.query)  # "name=Ada" -> {"name": ["Ada"]}  (a missing name is not a key)

        # TODO 1: GET /health answers 200 with the JSON {"status": "ok"}.
        #         Check url.path, call self.send_json(...) and then return.

        # TODO 2: GET /hello answers 200 with {"message": "Hello, <name>!"}, where <name> comes from
        #         the query string (?name=Ada). No name, or an empty one, greets "world".

        # TODO 3: any other path answers 404 with a JSON error such as {"error": "not found"}.

        # Until every route is done, whatever is left over lands here. Delete this line at the end.
        self.send_json(501, {"error": f"not implemented yet: GET {url.path} (open server.py and follow the TODOs)"})

    # TODO 4: an unknown route is a 404 for every method, not only GET. Without a do_POST method,
    #         http.server answers a POST with its own HTML error page. Add do_POST, do_PUT,
    #         do_PATCH and do_DELETE that answer 404 in JSON (they can share one helper method).

    def send_json(self, status, data):
        """Answer with `data` (a dict or list) as JSON and the status code `status`."""
        body = json.dumps(data).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
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
