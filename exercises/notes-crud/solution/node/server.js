'use strict';
// Reference solution for the exercise notes-crud (project: notes): echo-server plus notes in memory,
// with Express 5. Run it with `PORT=3000 node server.js`.
//
// Routes:
//   GET    /health            200 {"status": "ok"}
//   GET    /hello?name=Ada    200 {"message": "Hello, Ada!"}  (no name or an empty one: "Hello, world!")
//   GET    /echo/<word>       200 {"word": "<word, percent-decoded>"}
//   GET    /echo?a=1&c=x&c=y  200 {"query": {"a": "1", "c": ["x", "y"]}}
//   POST   /echo              200 {"json": <the JSON object of the request body>}
//   POST   /notes             201 the new note, Location: /notes/<id>      body {"title": ..., "body": ...}
//   GET    /notes             200 [note, ...] in id order
//   GET    /notes/<id>        200 the note, or 404
//   PATCH  /notes/<id>        200 the updated note, or 404                 body: any of title, body
//   DELETE /notes/<id>        204 no body, or 404
//   a known path with a method it does not support: 405 with an Allow header
//   anything else             404 {"error": "..."}
// A note is {"id": <integer>, "title": <string>, "body": <string>}. Every response except a 204 is
// JSON, and every error is {"error": "<message>"}.
// A body that is not a JSON object (POST /echo, POST /notes, PATCH /notes/<id>), or a note field that
// is missing (POST) or not a string, answers 400. Checking notes properly is the next exercise,
// notes-validation.

const express = require('express');

// roadwork (and most hosting platforms) say where to listen through the environment.
const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT) || 3000;

const app = express();
app.disable('x-powered-by'); // no need to tell every client which framework we run
// The "simple" query parser (Node's querystring) reads ?a=1&a=2 as {a: ['1', '2']} and leaves
// brackets alone; the "extended" one would turn ?a[b]=1 into a nested object. Express 5 defaults to
// "simple"; it is set here all the same, to say which shape the code expects.
app.set('query parser', 'simple');
// Parse JSON request bodies into req.body. Malformed JSON becomes an error with status 400, which the
// error-handling middleware at the end turns into {"error": ...}.
app.use(express.json());

// A failure that is the client's fault: the error-handling middleware answers {"error": message}.
class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// The request body as a JSON object, or an HttpError 400.
function jsonObject(req) {
  const body = req.body ?? {}; // Express 5 leaves req.body undefined when there is no body
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'the request body must be a JSON object');
  }
  return body;
}

// The last handler of every path: the path exists, but not for this method. 405, and the Allow
// header lists the methods that would have worked.
function methodNotAllowed(...methods) {
  return (req, res) => {
    res
      .status(405)
      .set('Allow', methods.join(', '))
      .json({ error: `method ${req.method} not allowed on ${req.path}` });
  };
}

app
  .route('/health')
  .get((req, res) => {
    res.json({ status: 'ok' });
  })
  .all(methodNotAllowed('GET'));

app
  .route('/hello')
  .get((req, res) => {
    // ?name=a&name=b arrives as an array: greet the first one.
    const raw = Array.isArray(req.query.name) ? req.query.name[0] : req.query.name;
    const name = typeof raw === 'string' && raw !== '' ? raw : 'world';
    res.json({ message: `Hello, ${name}!` });
  })
  .all(methodNotAllowed('GET'));

// --- Echo ----------------------------------------------------------------------------------------

app
  .route('/echo')
  .get((req, res) => {
    res.json({ query: { ...req.query } });
  })
  .post((req, res) => {
    res.json({ json: jsonObject(req) });
  })
  .all(methodNotAllowed('GET', 'POST'));

app
  .route('/echo/:word')
  .get((req, res) => {
    // Express has already percent-decoded req.params: "two%20words" arrives as "two words".
    res.json({ word: req.params.word });
  })
  .all(methodNotAllowed('GET'));

// --- Notes, kept in memory ----------------------------------------------------------------------
// A Map from id (a number) to note. Ids come from a counter that only goes up: a deleted note's id
// is never given out again.

const NOTE_FIELDS = ['title', 'body'];
const notes = new Map();
let nextId = 1;

// The note fields of the request body, or an HttpError 400. With `partial` (PATCH) any subset of the
// fields will do; without it (POST) both are required. Other keys are ignored (a client cannot choose
// the id).
function noteFields(req, partial) {
  const body = jsonObject(req);
  const fields = {};
  for (const field of NOTE_FIELDS) {
    if (!Object.hasOwn(body, field)) {
      if (partial) continue;
      throw new HttpError(400, `${field} is required`);
    }
    if (typeof body[field] !== 'string') throw new HttpError(400, `${field} must be a string`);
    fields[field] = body[field];
  }
  return fields;
}

// The note the path names, or an HttpError 404. Called by the handlers, not by app.param: a param
// handler would run before the method is known, and make PUT /notes/<no such id> a 404 instead of 405.
function noteOf(req) {
  const note = /^[0-9]+$/.test(req.params.id) ? notes.get(Number(req.params.id)) : undefined;
  if (!note) throw new HttpError(404, `note ${req.params.id} not found`);
  return note;
}

app
  .route('/notes')
  .post((req, res) => {
    const fields = noteFields(req, false);
    const note = { id: nextId++, title: fields.title, body: fields.body };
    notes.set(note.id, note);
    res.status(201).location(`/notes/${note.id}`).json(note);
  })
  .get((req, res) => {
    // A Map iterates in insertion order, which is id order here.
    res.json([...notes.values()]);
  })
  .all(methodNotAllowed('GET', 'POST'));

app
  .route('/notes/:id')
  .get((req, res) => {
    res.json(noteOf(req));
  })
  .patch((req, res) => {
    const note = noteOf(req);
    // Every field is read before any is changed: a PATCH with one bad field changes nothing.
    Object.assign(note, noteFields(req, true));
    res.json(note);
  })
  .delete((req, res) => {
    notes.delete(noteOf(req).id);
    res.status(204).end();
  })
  .all(methodNotAllowed('GET', 'PATCH', 'DELETE'));

// No route above matched: a JSON 404, whatever the method.
app.use((req, res) => {
  res.status(404).json({ error: `not found: ${req.method} ${req.path}` });
});

// Error-handling middleware (Express knows it by its four parameters): anything thrown in a route,
// or passed to next(err), becomes a JSON error instead of an HTML page with a stack trace.
app.use((err, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.message });
    return;
  }
  if (err.type === 'entity.parse.failed') {
    res.status(400).json({ error: 'the request body is not valid JSON' });
    return;
  }
  const status = Number.isInteger(err.status) && err.status >= 400 && err.status < 600 ? err.status : 500;
  if (status >= 500) console.error(err);
  res.status(status).json({ error: status >= 500 ? 'internal server error' : err.message });
});

const server = app.listen(PORT, HOST, (err) => {
  if (err) throw err; // Express 5 passes listen errors (a port in use) here
  console.log(`notes server listening on http://${HOST}:${PORT}`);
});

// roadwork stops the server with SIGTERM: stop accepting connections, let requests in progress
// finish, then exit with status 0. A connection that stays open cannot hold the exit up for long.
function shutdown(signal) {
  console.log(`${signal} received, shutting down`);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
