'use strict';
// Your notes server. It starts as the exercise hello-server and grows with every notes exercise.
//
// Run it by hand:   PORT=3000 node server.js
// Try it:           curl -i http://127.0.0.1:3000/health
// Check it:         roadwork check hello-server
//
// It already listens on the right address and answers every request, but only with
// "501 Not Implemented". Follow the TODO comments below to build the real routes; README.md
// describes exactly what each one must answer.
//
// This file uses only Node's built-in `http` module, so it runs without `npm install`.
// Prefer Express? package.json already lists it: run `npm install`, then rewrite this file with
// `const express = require('express')`. roadwork still starts it with `node server.js`.

const http = require('node:http');

// roadwork tells your server where to listen through environment variables: HOST is 127.0.0.1
// and PORT is a free port it picked. The defaults are for running the server by hand.
const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT) || 3000;

// Answers with `data` (an object or array) as JSON and the status code `status`.
function sendJson(res, status, data) {
  const body = JSON.stringify(data);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

const server = http.createServer((req, res) => {
  // "/hello?name=Ada" -> url.pathname "/hello", url.searchParams.get('name') "Ada"
  // (get() returns null when the name is missing).
  const url = new URL(req.url, 'http://localhost');

  // TODO 1: GET /health answers 200 with the JSON {"status": "ok"}.
  //         Check req.method and url.pathname, call sendJson(...) and then return.

  // TODO 2: GET /hello answers 200 with {"message": "Hello, <name>!"}, where <name> comes from
  //         the query string (?name=Ada). No name, or an empty one, greets "world".

  // TODO 3: any other method or path answers 404 with a JSON error such as {"error": "not found"}.

  // Until every route is done, whatever is left over lands here. Delete this line at the end.
  sendJson(res, 501, {
    error: `not implemented yet: ${req.method} ${url.pathname} (open server.js and follow the TODOs)`,
  });
});

server.listen(PORT, HOST, () => {
  console.log(`notes server listening on http://${HOST}:${PORT}`);
});

// roadwork stops your server with SIGTERM: close the server and exit cleanly.
function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
