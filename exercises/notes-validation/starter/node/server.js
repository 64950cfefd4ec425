'use strict';
// Your notes server, ready for the exercise notes-validation.
//
// Run it by hand:   PORT=3000 node server.js
// Try it:           curl -i -X POST http://127.0.0.1:3000/notes -H 'Content-Type: application/json' \
//                        -d '{"title": 42, "body": "a number is not a title"}'
// Check it:         roadwork check notes-validation
//
// Everything hello-server, echo-server and notes-crud asked for already works: /health, /hello,
// /echo, 405 with Allow, and the notes in memory. What is missing is checking a note before it is
// stored. Today a wrong note gets a 400 at best, without saying which field is wrong, and a body that
// is not labelled as JSON is parsed anyway. Follow the TODO comments in readJsonObject() and
// readNoteFields() below, and see README.md for the exact rules.
//
// This file uses only Node's built-in `http` module, so it runs without `npm install`.
// Prefer Express? package.json already lists it: run `npm install`, then rewrite this file with
// `const express = require('express')`. roadwork still starts it with `node server.js`.

const http = require('node:http');

// roadwork tells your server where to listen through environment variables: HOST is 127.0.0.1
// and PORT is a free port it picked. The defaults are for running the server by hand.
const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT) || 3000;

// A failure that is the client's fault. route() answers it as {"error": message}, plus
// {"field": field} when a field is given.
class HttpError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

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

// The request body as a JSON object, or an HttpError.
async function readJsonObject(req) {
  // TODO 1: only a body labelled as JSON is JSON. When the media type of the Content-Type header is
  //         not application/json, throw new HttpError(415, '...'). Compare the media type only:
  //         'Application/JSON; charset=utf-8' is JSON too (cut at ';', trim, lower-case), and a
  //         missing header (req.headers['content-type'] is undefined) is not.
  let data;
  try {
    data = JSON.parse(await readBody(req));
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new HttpError(400, 'the request body must be a JSON object');
  }
  return data;
}

// --- Notes, kept in memory ----------------------------------------------------------------------
// A Map from id (a number) to note. Ids come from a counter that only goes up.

// TODO 3: the rules on lengths (README.md): a title has 1 to 100 characters and is not only spaces;
//         a body has at most 1000 characters and may be empty. Count characters with
//         [...value].length: value.length counts UTF-16 units, and an emoji is two of those.
const NOTE_FIELDS = ['title', 'body'];
const notes = new Map();
let nextId = 1;

// The note fields of the request body, or an HttpError. With `partial` (PATCH) any subset of the
// fields will do; without it (POST) both are required. Other keys are ignored.
async function readNoteFields(req, partial) {
  const body = await readJsonObject(req);
  const fields = {};
  for (const field of NOTE_FIELDS) {
    if (!Object.hasOwn(body, field)) {
      if (partial) continue;
      // TODO 2: a missing field, and a value that is not a string (below), are 422, and the error
      //         names the field: throw new HttpError(422, `${field} is required`, field);
      //         route() then answers {"error": "title is required", "field": "title"}.
      throw new HttpError(400, `${field} is required`);
    }
    const value = body[field];
    if (typeof value !== 'string') throw new HttpError(400, `${field} must be a string`);
    // TODO 3: check the length of value here: a blank title, or a field longer than its limit, is a
    //         422 that names the field too.
    fields[field] = value;
  }
  return fields;
}

function findNote(id) {
  const note = notes.get(Number(id));
  if (!note) throw new HttpError(404, `note ${id} not found`);
  return note;
}

// --- Routes ---------------------------------------------------------------------------------------
// Each route: a path pattern (a regular expression for the whole path) and a handler per method.
// Handlers get (req, res, url, match), where match[1] is the first group of the pattern.

const ROUTES = [
  {
    pattern: /^\/health$/,
    GET: (req, res) => sendJson(res, 200, { status: 'ok' }),
  },
  {
    pattern: /^\/hello$/,
    GET: (req, res, url) => {
      const name = url.searchParams.get('name') || 'world'; // null or '' -> 'world'
      sendJson(res, 200, { message: `Hello, ${name}!` });
    },
  },
  {
    pattern: /^\/echo$/,
    GET: (req, res, url) => {
      const query = {};
      for (const key of new Set(url.searchParams.keys())) {
        const values = url.searchParams.getAll(key);
        query[key] = values.length === 1 ? values[0] : values;
      }
      sendJson(res, 200, { query });
    },
    POST: async (req, res) => sendJson(res, 200, { json: await readJsonObject(req) }),
  },
  {
    pattern: /^\/echo\/([^/]+)$/,
    GET: (req, res, url, match) => sendJson(res, 200, { word: decodeURIComponent(match[1]) }),
  },
  {
    pattern: /^\/notes$/,
    POST: async (req, res) => {
      const fields = await readNoteFields(req, false);
      const note = { id: nextId++, title: fields.title, body: fields.body };
      notes.set(note.id, note);
      sendJson(res, 201, note, { Location: `/notes/${note.id}` });
    },
    GET: (req, res) => sendJson(res, 200, [...notes.values()]),
  },
  {
    pattern: /^\/notes\/([0-9]+)$/,
    GET: (req, res, url, match) => sendJson(res, 200, findNote(match[1])),
    PATCH: async (req, res, url, match) => {
      const fields = await readNoteFields(req, true); // every field is checked before any changes
      const note = findNote(match[1]);
      Object.assign(note, fields);
      sendJson(res, 200, note);
    },
    DELETE: (req, res, url, match) => {
      notes.delete(findNote(match[1]).id);
      sendEmpty(res, 204);
    },
  },
];

async function route(req, res) {
  const url = new URL(req.url, 'http://localhost');
  for (const { pattern, ...handlers } of ROUTES) {
    const match = url.pathname.match(pattern);
    if (!match) continue;
    const handler = handlers[req.method];
    if (!handler) {
      // The path exists, the method does not: 405, and Allow lists the methods that would work.
      sendJson(res, 405, { error: `method ${req.method} not allowed on ${url.pathname}` }, {
        Allow: Object.keys(handlers).join(', '),
      });
      return;
    }
    await handler(req, res, url, match);
    return;
  }
  sendJson(res, 404, { error: `not found: ${req.method} ${url.pathname}` });
}

const server = http.createServer((req, res) => {
  route(req, res).catch((err) => {
    if (res.headersSent) {
      res.end();
    } else if (err instanceof HttpError) {
      // The client's mistake: its status code and message, and the field when there is one.
      const body = { error: err.message };
      if (err.field) body.field = err.field;
      sendJson(res, err.status, body);
    } else if (err instanceof URIError) {
      sendJson(res, 400, { error: 'malformed percent-encoding in the path' });
    } else {
      // A bug: the details go to the log, a plain 500 to the client.
      console.error(err);
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
