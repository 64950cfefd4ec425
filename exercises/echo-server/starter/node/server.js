'use strict';
// Your notes server, ready for the exercise echo-server.
//
// Run it by hand:   PORT=3000 node server.js
// Try it:           curl -i http://127.0.0.1:3000/echo/hello
//                   curl -i 'http://127.0.0.1:3000/echo?color=blue&tag=a&tag=b'
//                   curl -i http://127.0.0.1:3000/echo -H 'Content-Type: application/json' -d '{"a": 1}'
// Check it:         roadwork check echo-server
//
// /health and /hello already work as hello-server asked. The /echo routes answer
// "501 Not Implemented" until you write them: follow the TODO comments below, and see README.md for
// exactly what each route must answer.
//
// This file uses only Node's built-in `http` module, so it runs without `npm install`.
// Prefer Express? package.json already lists it: run `npm install`, then rewrite this file with
// `const express = require('express')`. roadwork still starts it with `node server.js`.

const http = require('node:http');

// roadwork tells your server where to listen through environment variables: HOST is 127.0.0.1
// and PORT is a free port it picked. The defaults are for running the server by hand.
const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT) || 3000;

// Answers with `data` (an object or array) as JSON, the status code `status` and extra `headers`.
function sendJson(res, status, data, headers = {}) {
  const body = JSON.stringify(data);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

// Resolves to the whole request body as a string ('' when the request has none).
// Parse JSON with JSON.parse(text), which throws on malformed input.
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function route(req, res) {
  const method = req.method; // 'GET', 'POST', ...
  // "/hello?name=Ada" -> url.pathname "/hello", url.searchParams.get('name') "Ada"
  const url = new URL(req.url, 'http://localhost');
  // "/echo/two%20words" -> wordMatch[1] "two%20words" (still percent-encoded:
  // decodeURIComponent("two%20words") gives "two words")
  const wordMatch = url.pathname.match(/^\/echo\/([^/]+)$/);

  // TODO 4: a known path with a method it does not support answers 405 Method Not Allowed with a
  //         JSON error and the header Allow, which lists the methods the path supports:
  //             sendJson(res, 405, { error: '...' }, { Allow: 'GET, POST' });
  //         /health, /hello and /echo/<word> support GET; /echo supports GET and POST. Today a
  //         POST /health falls through to the 404 at the bottom: check the path first, then the
  //         method, so that a known path with the wrong method gets its 405.

  if (method === 'GET' && url.pathname === '/health') {
    sendJson(res, 200, { status: 'ok' });
  } else if (method === 'GET' && url.pathname === '/hello') {
    const name = url.searchParams.get('name') || 'world'; // null or '' -> 'world'
    sendJson(res, 200, { message: `Hello, ${name}!` });
  } else if (url.pathname === '/echo') {
    // TODO 1: GET /echo answers 200 with {"query": {...}}: every query parameter, its value a string
    //         ('' for "?note="), and a list for a key sent more than once (?tag=a&tag=b -> ["a", "b"]).
    //         url.searchParams.keys() lists the keys (repeated ones repeated), getAll(key) the values.
    // TODO 2: POST /echo parses the body with JSON.parse(await readBody(req)) and answers 200 with
    //         {"json": <the parsed object>}. JSON.parse throws on broken JSON: catch it and answer
    //         400 with {"error": "..."}. Valid JSON that is not an object (an array, a number, null)
    //         is a 400 too.
    sendJson(res, 501, { error: `not implemented yet: ${method} ${url.pathname} (see the TODOs in server.js)` });
  } else if (wordMatch) {
    // TODO 3: GET /echo/<word> answers 200 with {"word": "<the word>"}, percent-decoded with
    //         decodeURIComponent(wordMatch[1]).
    sendJson(res, 501, { error: `not implemented yet: ${method} ${url.pathname} (see the TODOs in server.js)` });
  } else {
    sendJson(res, 404, { error: `not found: ${method} ${url.pathname}` });
  }
}

const server = http.createServer((req, res) => {
  // A bug in route() answers 500 in JSON instead of leaving the client waiting.
  route(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) sendJson(res, 500, { error: 'internal server error' });
    else res.end();
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
