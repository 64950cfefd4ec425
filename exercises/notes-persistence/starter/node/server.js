'use strict';
// Your notes server, ready for the exercise notes-persistence.
//
// Run it by hand:   npm install   (once: it installs express and sql.js from package.json)
//                   PORT=3000 DATABASE_PATH=notes.db node server.js
// Try it:           curl -i -X POST http://127.0.0.1:3000/notes -H 'Content-Type: application/json' \
//                        -d '{"title": "Groceries", "body": "milk, eggs"}'
//                   then stop the server (Ctrl-C), start it again, and: curl http://127.0.0.1:3000/notes
// Check it:         roadwork check notes-persistence
//
// Everything up to notes-validation works (written with Express), but the notes still live in a Map
// in memory: stop the server and they are gone. Move them into the SQLite database at DATABASE_PATH,
// with sql.js (SQLite compiled to WebAssembly, so nothing native to build). The database helpers below
// are ready; follow the TODO comments, and see README.md for what the checks expect.

const fs = require('node:fs');
const express = require('express');
const initSqlJs = require('sql.js');

// roadwork (and most hosting platforms) say where to listen through the environment.
const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT) || 3000;
// ... and where the database file is (roadwork sets DATABASE_PATH).
const DATABASE_PATH = process.env.DATABASE_PATH || 'notes.db';

const app = express();
app.disable('x-powered-by'); // no need to tell every client which framework we run
// The "simple" query parser (Node's querystring) reads ?a=1&a=2 as {a: ['1', '2']} and leaves
// brackets alone; the "extended" one would turn ?a[b]=1 into a nested object. Express 5 defaults to
// "simple"; it is set here all the same, to say which shape the code expects.
app.set('query parser', 'simple');
// Parse JSON request bodies into req.body. Malformed JSON becomes an error with status 400, which the
// error-handling middleware at the end turns into {"error": ...}. Bodies of other types are skipped,
// which is why jsonObject() below checks the Content-Type itself.
app.use(express.json());

// A failure that is the client's fault: the error-handling middleware answers {"error": message},
// plus {"field": field} when it is about one field of the request body.
class HttpError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

// The request body as a JSON object, or an HttpError 415 or 400.
function jsonObject(req) {
  // req.is() compares the media type only (no charset, any case); it is false or null for other types
  // and for a request without a body.
  if (!req.is('application/json')) {
    throw new HttpError(415, 'the request body must be JSON (Content-Type: application/json)');
  }
  const body = req.body;
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

// --- The database ----------------------------------------------------------------------------------
// sql.js is synchronous, like SQLite itself, and Node runs one request handler at a time: one
// connection for the whole process. openDatabase() sets `db` before the server listens.

let db;

// The schema, as numbered migrations: each runs once, in order, and PRAGMA user_version remembers how
// many have run. Append new ones at the end; never edit one that has already run somewhere.
const MIGRATIONS = [
  // TODO 1: the first migration creates the table `notes`, with the columns
  //         id (INTEGER PRIMARY KEY AUTOINCREMENT), title (TEXT NOT NULL) and body (TEXT NOT NULL).
  //         AUTOINCREMENT keeps ids unique forever: without it SQLite gives the id of a deleted
  //         newest note out again.
];

// Helpers for the routes: all(), get() and run() take SQL with ? and the values for them, in order.
// Every row `sql` returns, as plain objects ({id: 1, title: ...}); `params` fill its ? in order.
function all(sql, params = []) {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const rows = [];
    while (statement.step()) rows.push(statement.getAsObject());
    return rows;
  } finally {
    statement.free();
  }
}

// The first row `sql` returns, or undefined.
function get(sql, params = []) {
  return all(sql, params)[0];
}

// Runs a statement that changes rows: how many it changed, and the id of the row it inserted.
function run(sql, params = []) {
  db.run(sql, params);
  const changes = db.getRowsModified();
  return { changes, lastId: get('SELECT last_insert_rowid() AS id').id };
}

// Writes the database to DATABASE_PATH: to a temporary file first, then renamed over the real one, so
// that a crash halfway through never leaves half a database behind. Call it after every change.
function save() {
  const temporary = `${DATABASE_PATH}.tmp`;
  fs.writeFileSync(temporary, Buffer.from(db.export()));
  fs.renameSync(temporary, DATABASE_PATH);
  db.run('PRAGMA foreign_keys = ON'); // export() reopens the database, which resets this setting
}

async function openDatabase() {
  const SQL = await initSqlJs();
  db = fs.existsSync(DATABASE_PATH) ? new SQL.Database(fs.readFileSync(DATABASE_PATH)) : new SQL.Database();
  db.run('PRAGMA foreign_keys = ON');
  const version = get('PRAGMA user_version').user_version;
  MIGRATIONS.slice(version).forEach((sql, i) => {
    db.run('BEGIN'); // a migration is all or nothing
    try {
      db.run(sql);
      db.run(`PRAGMA user_version = ${version + i + 1}`); // PRAGMA takes no ? parameters
      db.run('COMMIT');
    } catch (err) {
      db.run('ROLLBACK');
      throw err;
    }
  });
  save();
}

// --- Notes, kept in memory ----------------------------------------------------------------------
// TODO 2: this Map and its counter are what gets lost on every restart. Replace each use of them in
//         the routes below with SQL through the helpers above, values always as ? parameters:
//           create  run('INSERT INTO notes (title, body) VALUES (?, ?)', [...])  -> .lastId is the id
//           list    all('SELECT id, title, body FROM notes ORDER BY id')
//           find    get('SELECT id, title, body FROM notes WHERE id = ?', [id])  -> undefined: 404
//           update  run('UPDATE notes SET title = ? WHERE id = ?', [...])  (and/or body)
//           delete  run('DELETE FROM notes WHERE id = ?', [id])
//         and call save() after every change, or it is lost at the next restart.
//         Then delete `notes` and `nextId`: SQLite keeps the ids now.

// The rules of each note field: fewest and most characters. A title must also have something besides
// spaces. [...value].length counts characters; value.length would count UTF-16 units, and an emoji
// is two of those.
const NOTE_RULES = { title: [1, 100], body: [0, 1000] };
const notes = new Map();
let nextId = 1;

// The checked note fields of the request body, or an HttpError 415, 400 or 422. With `partial`
// (PATCH) any subset of the fields will do; without it (POST) both are required. Other keys are
// ignored: only checked fields are ever stored (a client cannot choose the id).
function noteFields(req, partial) {
  const body = jsonObject(req);
  const fields = {};
  for (const [field, [fewest, most]] of Object.entries(NOTE_RULES)) {
    if (!Object.hasOwn(body, field)) {
      if (partial) continue;
      throw new HttpError(422, `${field} is required`, field);
    }
    const value = body[field];
    if (typeof value !== 'string') throw new HttpError(422, `${field} must be a string`, field);
    if ([...value.trim()].length < fewest) throw new HttpError(422, `${field} must not be blank`, field);
    if ([...value].length > most) throw new HttpError(422, `${field} must be at most ${most} characters`, field);
    fields[field] = value;
  }
  return fields;
}

// Runs for every route with :id in its path: finds the note, or answers 404. A method the path does not
// have skips the lookup, so that PUT /notes/<any id> reaches the 405 of methodNotAllowed, not a 404.
app.param('id', (req, res, next, id) => {
  if (!['GET', 'HEAD', 'PATCH', 'DELETE'].includes(req.method)) {
    next();
    return;
  }
  const note = /^[0-9]+$/.test(id) ? notes.get(Number(id)) : undefined;
  if (!note) {
    next(new HttpError(404, `note ${id} not found`));
    return;
  }
  req.note = note;
  next();
});

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
    res.json(req.note);
  })
  .patch((req, res) => {
    // Every field is checked before any is changed: a PATCH with one bad field changes nothing.
    Object.assign(req.note, noteFields(req, true));
    res.json(req.note);
  })
  .delete((req, res) => {
    notes.delete(req.note.id);
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
    const body = { error: err.message };
    if (err.field) body.field = err.field;
    res.status(err.status).json(body);
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

let server;

// sql.js loads its WebAssembly asynchronously: open the database first, then listen.
openDatabase()
  .then(() => {
    server = app.listen(PORT, HOST, (err) => {
      if (err) throw err; // Express 5 passes listen errors (a port in use) here
      console.log(`notes server listening on http://${HOST}:${PORT}`);
    });
  })
  .catch((err) => {
    console.error(`cannot open the database ${DATABASE_PATH}:`, err);
    process.exit(1);
  });

// roadwork stops the server with SIGTERM: stop accepting connections, let requests in progress
// finish, then exit with status 0.
function shutdown(signal) {
  console.log(`${signal} received, shutting down`);
  if (!server) process.exit(0);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
