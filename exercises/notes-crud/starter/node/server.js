'use strict';
// Your notes server, ready for the exercise notes-crud.
//
// Run it by hand:   PORT=3000 node server.js
// Try it:           curl -i -X POST http://127.0.0.1:3000/notes -H 'Content-Type: application/json' \
//                        -d '{"title": "Groceries", "body": "milk, eggs"}'
// Check it:         roadwork check notes-crud
//
// /health and /hello already work as hello-server asked. The /notes routes answer
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

// The notes live in memory for now (the database stage comes later), in a Map keyed by id:
//   1 => { id: 1, title: 'Groceries', body: 'milk, eggs' }
// The keys are numbers: notes.get(3) finds the note, notes.get('3') does not.
const notes = new Map();
let nextId = 1; // the id the next new note gets; it only ever goes up

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

// Answers with the status code `status` and no body at all, as 204 No Content requires.
function sendEmpty(res, status) {
  res.writeHead(status);
  res.end();
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
  const noteMatch = url.pathname.match(/^\/notes\/([0-9]+)$/); // "/notes/42" -> noteMatch[1] "42"

  if (method === 'GET' && url.pathname === '/health') {
    sendJson(res, 200, { status: 'ok' });
  } else if (method === 'GET' && url.pathname === '/hello') {
    const name = url.searchParams.get('name') || 'world'; // null or '' -> 'world'
    sendJson(res, 200, { message: `Hello, ${name}!` });
  } else if (url.pathname === '/notes') {
    // TODO 1: POST /notes creates a note. Parse the JSON body ({"title": ..., "body": ...}) with
    //         JSON.parse(await readBody(req)), store { id: nextId, title, body } in `notes`, add 1 to
    //         nextId, and answer 201 with the note, plus the header Location: /notes/<id>:
    //             sendJson(res, 201, note, { Location: `/notes/${note.id}` });
    // TODO 2: GET /notes answers 200 with a JSON array of every note ([...notes.values()]).
    sendJson(res, 501, { error: `not implemented yet: ${method} ${url.pathname} (see the TODOs in server.js)` });
  } else if (noteMatch) {
    const id = Number(noteMatch[1]); // a number, like the keys of `notes`
    // TODO 3: GET /notes/<id> answers 200 with the note, or 404 with {"error": "..."}.
    // TODO 4: PATCH /notes/<id> changes only the fields in the JSON body ("title", "body", or both)
    //         and answers 200 with the whole updated note; 404 if there is none.
    // TODO 5: DELETE /notes/<id> removes the note and answers sendEmpty(res, 204); 404 if there is none.
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
