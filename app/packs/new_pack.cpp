#include "app/packs/new_pack.hpp"

#include <fstream>
#include <optional>
#include <utility>

namespace roadwork::packs {

namespace fs = std::filesystem;

namespace {

constexpr const char* kRoadmap =
    R"file(# The pack's roadmap: what the pack is, then its stages in the order a learner meets them. roadwork's
# lessons/README.md describes every key.

[pack]
id = "{id}"                  # kebab-case, unique among the packs a learner installs
title = "{title}"
version = "0.1.0"            # semantic; bump it when exercises change

[[stages]]
id = "first-steps"
title = "First steps"
goal = "Answer an HTTP request with JSON"
lessons = ["01-first-steps/json-answers.md"]    # relative to this lessons/ folder
quiz = "01-first-steps/quiz.toml"
exercises = ["ping"]                            # folders of exercises/, in the order learners meet them
)file";

constexpr const char* kLesson = R"file(# Answering with JSON

A server answers every request with a **status code**, **headers** and a **body**. An API answers with a
JSON body and says so in a header:

```http
HTTP/1.1 200 OK
Content-Type: application/json

{"pong": true}
```

Try it on any server you run: `curl -i http://127.0.0.1:3000/ping` prints the status line, the headers
and the body.
)file";

constexpr const char* kQuiz = R"file(# The quiz of the stage first-steps: `roadwork quiz first-steps`.

[[questions]]
id = "json-header"
kind = "single"
prompt = "Which header tells the client that the body is JSON?"
choices = ["Accept: application/json", "Content-Type: application/json", "Content-Length: 14"]
answer = [2]
explanation = "Content-Type describes the body that comes with it. Accept is what a client sends to say what it would like back."

[[questions]]
id = "ok-status"
kind = "text"
prompt = "Which status code means that the request succeeded? (just the number)"
accept = ["^200$", "^200 ok$"]
explanation = "200 OK: the request succeeded and the body holds the answer."
)file";

constexpr const char* kExercise = R"file(id = "ping"                   # the folder's name
title = "Ping: answer GET /ping with JSON"
stage = "first-steps"         # the stage of roadmap.toml that lists it
project = "ping"              # the learner's folder this exercise grows
requires = []                 # exercises to pass first
startup_timeout = "10s"
time_limit = "30s"
hints = [
  "Look at the path of the request: for /ping, answer 200 with the body {\"pong\": true}.",
  "Send the header Content-Type: application/json with the body, as the starter's send_json does.",
]

[[steps]]
name = "GET /ping answers 200 with the JSON {\"pong\": true}"
hurl = "checks/ping.hurl"
hint = "pong is the JSON boolean true, not the string \"true\"."    # optional: shown when the step fails

# Each rule README.md states, the steps that check it, and (in mutants/) a bug that breaks it.
[[rules]]
id = "ping-answers-pong"
rule = "GET /ping answers 200 with Content-Type: application/json and the body {\"pong\": true}."
steps = ["GET /ping answers 200 with the JSON {\"pong\": true}"]
)file";

// A mutant: the solution with one bug that breaks a rule, as edits of it (exercises/README.md: Mutants).
constexpr const char* kMutant = R"file(rule = "ping-answers-pong"     # the rule it breaks
fails = "GET /ping answers 200 with the JSON {\"pong\": true}"   # the step that must fail first
why = "answers the string \"true\" instead of the boolean true"

[[edit]]
stack = "python"
file = "server.py"            # in solution/python/
find = "{\"pong\": True}"      # must occur exactly once there
replace = "{\"pong\": \"true\"}"
)file";

constexpr const char* kReadme = R"file(# ping: answer GET /ping with JSON

Your server answers `GET /ping` with status `200`, the header `Content-Type: application/json` and the
body `{"pong": true}`.

```console
$ curl -i http://127.0.0.1:3000/ping
HTTP/1.0 200 OK
Content-Type: application/json

{"pong": true}
```

`roadwork check` starts your server with the port to listen on in `PORT` and sends it that request.
)file";

constexpr const char* kCheck = R"file(# GET /ping answers 200 with the JSON {"pong": true}.
GET {{host}}/ping
HTTP 200
[Asserts]
header "Content-Type" contains "application/json"
jsonpath "$.pong" == true
)file";

// The python server of the starter and the solution; `{route}` is what do_GET does.
constexpr const char* kServer = R"file(#!/usr/bin/env python3
"""{doc}

Run it by hand: PORT=3000 python3 server.py
"""

import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
{route}

    def send_json(self, status, data):
        body = json.dumps(data).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    server = ThreadingHTTPServer((os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "3000"))), Handler)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
)file";

constexpr const char* kStarterRoute = R"file(        # TODO: GET /ping answers 200 with {"pong": true}.
        self.send_json(501, {"error": "not implemented yet: GET " + self.path}))file";

constexpr const char* kSolutionRoute = R"file(        if self.path == "/ping":
            self.send_json(200, {"pong": True})
        else:
            self.send_json(404, {"error": "not found"}))file";

// `text` with each `{name}` replaced by its value (fmt would trip over the braces of TOML, JSON and Python).
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) {
    for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
      text.replace(at, name.size(), value);
  }
  return text;
}

// The text of a TOML basic string: backslashes and quotes escaped.
std::string toml_escaped(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string server(const char* doc, const char* route) {
  return fill(kServer, {{"{doc}", doc}, {"{route}", route}});
}

std::optional<Diagnostic> write(const fs::path& path, const std::string& text) {
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) return unplaced("cannot write " + path.string());
  return std::nullopt;
}

}  // namespace

Expected<std::vector<std::string>> write_new_pack(const fs::path& root, const std::string& id,
                                                  const std::string& title) {
  std::error_code error;
  if (fs::exists(root, error) && !(fs::is_directory(root, error) && fs::is_empty(root, error)))
    return unplaced(root.string() +
                    " exists already and is not an empty folder; pick a new folder for the pack");
  const std::vector<std::pair<std::string, std::string>> files = {
      {"lessons/roadmap.toml", fill(kRoadmap, {{"{id}", id}, {"{title}", toml_escaped(title)}})},
      {"lessons/01-first-steps/json-answers.md", kLesson},
      {"lessons/01-first-steps/quiz.toml", kQuiz},
      {"exercises/ping/exercise.toml", kExercise},
      {"exercises/ping/README.md", kReadme},
      {"exercises/ping/checks/ping.hurl", kCheck},
      {"exercises/ping/mutants/pong-as-text.toml", kMutant},
      {"exercises/ping/starter/python/server.py",
       server("The starter of ping: it answers every request with 501 until you write the route.",
              kStarterRoute)},
      {"exercises/ping/solution/python/server.py",
       server("The reference solution of ping: GET /ping answers {\"pong\": true}, anything else a JSON 404.",
              kSolutionRoute)},
  };
  std::vector<std::string> written;
  for (const auto& [relative, text] : files) {
    if (auto failed = write(root / relative, text)) return std::move(*failed);
    written.push_back(relative);
  }
  return written;
}

}  // namespace roadwork::packs
