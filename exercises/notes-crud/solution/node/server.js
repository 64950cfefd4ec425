'use strict';
// Reference solution for the exercise notes-crud (project: notes): hello-server plus notes in memory,
// with Express 4. Run it with `PORT=3000 node server.js`.
//
// Routes:
//   GET    /health            200 {"status": "ok"}
//   GET    /hello?name=Ada    200 {"message": "Hello, Ada!"}  (no name or an empty one: "Hello, world!")
//   POST   /notes             201 the new note, Location: /notes/<id>      body {"title": ..., "body": ...}
//   GET    /notes             200 [note, ...] in id order
//   GET    /notes/<id>        200 the note, or 404
//   PATCH  /notes/<id>        200 the updated note, or 404                 body: any of title, body
//   DELETE /notes/<id>        204 no body, or 404
//   anything else             404 {"error": "..."}
// A note is {"id": <integer>, "title": <string>, "body": <string>}. Every response except a 204 is
// JSON, and every error is {"error": "<message>"}.

const express = require('express');

// roadwork (and most hosting platforms) say where to listen through the environment.
const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT) || 3000;

const app = express();
app.disable('x-powered-by'); // no need to tell every client which framework we run
// Parse JSON request bodies into req.body. Malformed JSON becomes an error with status 400, which the
// error-handling middleware at the end turns into {"error": ...}.
app.use(express.json());

app.get('/health', (req, res) => {
  res.json({ status: 'ok' });
});

app.get('/hello', (req, res) => {
  // ?name=a&name=b arrives as an array: greet the first one.
  const raw = Array.isArray(req.query.name) ? req.query.name[0] : req.query.name;
  const name = typeof raw === 'string' && raw !== '' ? raw : 'world';
  res.json({ message: `Hello, ${name}!` });
});

// --- Notes, kept in memory ----------------------------------------------------------------------
// A Map from id (a number) to note. Ids come from a counter that only goes up: a deleted note's id
// is never given out again.

const NOTE_FIELDS = ['title', 'body'];
const notes = new Map();
let nextId = 1;

// The note fields of the JSON request body, or a message saying what is wrong with it. With
// `required`, both title and body must be there; otherwise any subset will do. Other keys are ignored
// (a client cannot choose the id).
function readNoteFields(body, required) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { error: 'the request body must be a JSON object' };
  }
  const fields = {};
  for (const field of NOTE_FIELDS) {
    if (!(field in body)) {
      if (required) return { error: `${field} is required` };
      continue;
    }
    if (typeof body[field] !== 'string') return { error: `${field} must be a string` };
    fields[field] = body[field];
  }
  return { fields };
}

// Runs for every route with :id in its path: finds the note, or answers 404.
app.param('id', (req, res, next, id) => {
  const note = /^[0-9]+$/.test(id) ? notes.get(Number(id)) : undefined;
  if (!note) {
    res.status(404).json({ error: `note ${id} not found` });
    return;
  }
  req.note = note;
  next();
});

app.post('/notes', (req, res) => {
  const { fields, error } = readNoteFields(req.body, true);
  if (error) {
    res.status(400).json({ error });
    return;
  }
  const note = { id: nextId++, title: fields.title, body: fields.body };
  notes.set(note.id, note);
  res.status(201).location(`/notes/${note.id}`).json(note);
});

app.get('/notes', (req, res) => {
  // A Map iterates in insertion order, which is id order here.
  res.json([...notes.values()]);
});

app.get('/notes/:id', (req, res) => {
  res.json(req.note);
});

app.patch('/notes/:id', (req, res) => {
  const { fields, error } = readNoteFields(req.body, false);
  if (error) {
    res.status(400).json({ error });
    return;
  }
  Object.assign(req.note, fields);
  res.json(req.note);
});

app.delete('/notes/:id', (req, res) => {
  notes.delete(req.note.id);
  res.status(204).end();
});

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
  const status = Number.isInteger(err.status) && err.status >= 400 && err.status < 600 ? err.status : 500;
  if (status >= 500) console.error(err);
  res.status(status).json({ error: status >= 500 ? 'internal server error' : err.message });
});

const server = app.listen(PORT, HOST, () => {
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
