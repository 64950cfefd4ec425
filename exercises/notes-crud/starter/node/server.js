'use strict';
// Your notes server, ready for the exercise notes-crud.
//
// Run it by hand:   PORT=3000 node server.js
// Try it:           curl -i -X POST http://127.0.0.1:3000/notes -H 'Content-Type: application/json' \
//                        -d '{"title": "Groceries", "body": "milk, eggs"}'
// Check it:         roadwork check notes-crud
//
// /health, /hello and /echo already work as hello-server and echo-server asked, and so do the 405 for
// a known path with the wrong method and the 400 for a body that is not a JSON object. The /notes
// routes answer "501 Not Implemented" until you write them: follow the TODO comments below, and see
// README.md for exactly what each route must answer.
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
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// Thrown by readJsonObject(); the request handler at the bottom answers it with 400 and
// {"error": <the message>}.
class BadRequest extends Error {}

// Resolves to the request body parsed as a JSON object, or rejects with a BadRequest.
async function readJsonObject(req) {
  let data;
  try {
    data = JSON.parse(await readBody(req));
  } catch {
    throw new BadRequest('the request body is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BadRequest('the request body must be a JSON object');
  }
  return data;
}

// The methods `path` supports, or null when no route knows the path (then it is a 404).
function allowedMethods(path) {
  if (path === '/health' || path === '/hello' || /^\/echo\/[^/]+$/.test(path)) return ['GET'];
  if (path === '/echo') return ['GET', 'POST'];
  if (path === '/notes') return ['GET', 'POST'];
  if (/^\/notes\/[0-9]+$/.test(path)) return ['GET', 'PATCH', 'DELETE'];
  return null;
}

async function route(req, res) {
  const method = req.method; // 'GET', 'POST', ...
  // "/hello?name=Ada" -> url.pathname "/hello", url.searchParams.get('name') "Ada"
  const url = new URL(req.url, 'http://localhost');
  // "/echo/two%20words" -> wordMatch[1] "two%20words" (still percent-encoded)
  const wordMatch = url.pathname.match(/^\/echo\/([^/]+)$/);
  const noteMatch = url.pathname.match(/^\/notes\/([0-9]+)$/); // "/notes/42" -> noteMatch[1] "42"

  // The path first, then the method: an unknown path is a 404, a known path with a method it does
  // not support is a 405 whose Allow header lists the methods it does support.
  const allowed = allowedMethods(url.pathname);
  if (allowed === null) {
    sendJson(res, 404, { error: `not found: ${method} ${url.pathname}` });
  } else if (!allowed.includes(method)) {
    sendJson(res, 405, { error: `method ${method} not allowed on ${url.pathname}` }, { Allow: allowed.join(', ') });
  } else if (url.pathname === '/health') {
    sendJson(res, 200, { status: 'ok' });
  } else if (url.pathname === '/hello') {
    const name = url.searchParams.get('name') || 'world'; // null or '' -> 'world'
    sendJson(res, 200, { message: `Hello, ${name}!` });
  } else if (url.pathname === '/echo' && method === 'GET') {
    // A string per key ('' for "?note="), and a list for a key sent more than once.
    const query = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0] : values;
    }
    sendJson(res, 200, { query });
  } else if (url.pathname === '/echo') {
    // POST
    sendJson(res, 200, { json: await readJsonObject(req) });
  } else if (wordMatch) {
    sendJson(res, 200, { word: decodeURIComponent(wordMatch[1]) });
  } else if (url.pathname === '/notes') {
    // TODO 1: POST /notes creates a note. Parse the body with await readJsonObject(req) (it already
    //         answers 400 for broken JSON), store { id: nextId, title, body } in `notes`, add 1 to
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
  }
}

const server = http.createServer((req, res) => {
  route(req, res).catch((err) => {
    if (res.headersSent) {
      res.end();
    } else if (err instanceof BadRequest) {
      sendJson(res, 400, { error: err.message }); // the client sent a body we cannot use
    } else {
      console.error(err); // a bug in route() answers 500 in JSON instead of leaving the client waiting
      sendJson(res, 500, { error: 'internal server error' });
    }
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
