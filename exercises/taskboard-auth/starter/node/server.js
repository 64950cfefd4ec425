'use strict';
// Your taskboard server, ready for the exercise taskboard-auth.
//
// Run it by hand:   npm install   (once: it installs Express and sql.js, listed in package.json)
//                   PORT=3000 DATABASE_PATH=taskboard.db node server.js
// Try it:           curl -i -X POST http://127.0.0.1:3000/signup -H 'Content-Type: application/json' \
//                        -d '{"email": "ada@example.com", "password": "correct horse"}'
// Check it:         roadwork check taskboard-auth
//
// This is a new project: a task manager with users. The skeleton already listens on PORT, opens the
// SQLite database at DATABASE_PATH (with sql.js, SQLite compiled to WebAssembly), and answers errors in
// the API's one format. The three account routes answer "501 Not Implemented" until you write them:
// follow the TODO comments below, and see README.md for exactly what each route must answer.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const express = require('express');
const initSqlJs = require('sql.js');

// --- Configuration, read once at startup ----------------------------------------------------------

const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT) || 3000;
const DATABASE_PATH = process.env.DATABASE_PATH || 'taskboard.db';
const SESSION_SECONDS = 7 * 24 * 3600; // how long a token from /login stays valid

// --- Errors ---------------------------------------------------------------------------------------
// Route code throws ApiError(status, message); the error handler at the end turns it into the one
// error body of the API: {"error": {"code": ..., "message": ...}}. The code follows from the status.

const ERROR_CODES = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'bad_request',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  500: 'internal',
  501: 'not_implemented', // only until the TODOs are done
};

class ApiError extends Error {
  constructor(status, message, headers = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

function errorBody(status, message) {
  const code = ERROR_CODES[status] || (status < 500 ? 'bad_request' : 'internal');
  return { error: { code, message } };
}

// For a known path and a method it does not have: 405 Method Not Allowed, with an Allow header that
// names the methods the path has (RFC 9110 asks for it). Registered with .all() after a path's routes.
function methodNotAllowed(...methods) {
  const allow = methods.join(', ');
  return (req, res, next) => {
    next(new ApiError(405, `${req.path} takes ${allow}, not ${req.method}`, { Allow: allow }));
  };
}

// --- The database ---------------------------------------------------------------------------------
// sql.js keeps the whole database in memory: we load DATABASE_PATH at startup and write the file back
// after every change (to a temporary file first, then renamed, so that nobody ever reads half a file).
// Node runs one piece of JavaScript at a time, so two requests never change the database at once.

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
    id            INTEGER PRIMARY KEY,
    email         TEXT UNIQUE NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'user'
);
`;
// TODO 4: add a sessions table for the tokens /login hands out, e.g.
//         sessions (token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
//                   expires_at INTEGER NOT NULL)
//         In the database, not in a Map: tokens must survive a restart of the server.

let db;

async function openDatabase() {
  const SQL = await initSqlJs();
  db = fs.existsSync(DATABASE_PATH) ? new SQL.Database(fs.readFileSync(DATABASE_PATH)) : new SQL.Database();
  db.run('PRAGMA foreign_keys = ON');
  db.exec(SCHEMA);
  save();
}

function save() {
  fs.mkdirSync(path.dirname(path.resolve(DATABASE_PATH)), { recursive: true });
  const temporary = `${DATABASE_PATH}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.from(db.export()));
  fs.renameSync(temporary, DATABASE_PATH);
  db.run('PRAGMA foreign_keys = ON'); // export() resets the connection's settings
}

// All rows of a query, as objects keyed by column name.
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

function get(sql, params = []) {
  return all(sql, params)[0];
}

// Runs a statement that changes data, saves the file, and returns the id of the last inserted row.
function write(sql, params = []) {
  db.run(sql, params);
  const { id } = get('SELECT last_insert_rowid() AS id');
  save();
  return id;
}

// --- Passwords and sessions -----------------------------------------------------------------------
// The functions below are yours to write; until then they answer "501 Not Implemented".

function notYet(what) {
  return new ApiError(501, `not implemented yet: ${what} (see the TODOs in server.js)`);
}

function hashPassword(password) {
  // TODO 1: return a salted, slow hash of the password in the PHC string format, which holds the
  //         cost, the salt and the hash (salt and hash in base64 without the '=' padding):
  //             const salt = crypto.randomBytes(16);
  //             const key = crypto.scryptSync(password, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
  //             const b64 = (bytes) => bytes.toString('base64').replace(/=+$/, '');
  //             return `$scrypt$ln=14,r=8,p=1$${b64(salt)}$${b64(key)}`;
  //         Never store the password itself, nor anything it can be read back from.
  throw notYet('hashPassword');
}

function verifyPassword(password, stored) {
  // TODO 3: split `stored` at '$', decode the salt and the hash (Buffer.from(text, 'base64')), hash
  //         `password` again with the stored salt and the cost in the string, and compare with
  //         crypto.timingSafeEqual(actual, expected).
  throw notYet('verifyPassword');
}

// Middleware for every route that needs a logged-in user: sets req.user, or answers 401.
function requireUser(req, res, next) {
  // TODO 5: read req.get('Authorization'), which must be 'Bearer <token>'; look the token up in
  //         sessions (JOIN users), set req.user to the user row and call next(). No header, another
  //         scheme, or an unknown token: next(new ApiError(401, 'log in first')).
  next(notYet('authentication'));
}

// What the API shows of a user: never the password hash.
function publicUser(row) {
  return { id: row.id, email: row.email, role: row.role };
}

// --- Input helpers --------------------------------------------------------------------------------

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 1024;

// The JSON body as an object, or ApiError 415/400.
function jsonBody(req) {
  if (req.get('Content-Type') && !req.is('application/json')) {
    throw new ApiError(415, 'send the body as JSON with Content-Type: application/json');
  }
  const body = req.body ?? {}; // Express 5 leaves req.body undefined when there is no body
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'the request body must be a JSON object');
  }
  return body;
}

// [email, password] from the body. The rules for a good email and password apply to new accounts only:
// a login with a short password is simply a wrong password (401).
function readCredentials(req, newAccount) {
  const { email, password } = jsonBody(req);
  if (typeof email !== 'string' || typeof password !== 'string') {
    throw new ApiError(400, 'send a JSON object with an email and a password, both strings');
  }
  const normalized = email.trim().toLowerCase();
  if (newAccount && !EMAIL.test(normalized)) {
    throw new ApiError(400, 'email must be an email address such as ada@example.com');
  }
  if (newAccount && (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)) {
    throw new ApiError(400, `password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long`);
  }
  return [normalized, password];
}

// --- The app --------------------------------------------------------------------------------------

const app = express();
app.disable('x-powered-by');
// Parse JSON bodies into req.body. Malformed JSON becomes an error with status 400, which the error
// handler at the end answers in the API's error format.
app.use(express.json({ limit: '1mb' }));

app.post('/signup', (req, res) => {
  const [email, password] = readCredentials(req, true);
  // TODO 2: hash the password, INSERT the user (email, password_hash, role 'user') with write(...),
  //         and answer res.status(201).json(publicUser(row)) with the new row. The email is UNIQUE:
  //         when write() throws an error whose message contains "UNIQUE", throw new ApiError(409, ...).
  throw notYet('POST /signup');
});

app.post('/login', (req, res) => {
  const [email, password] = readCredentials(req, false);
  // TODO 3: find the user by email and check the password with verifyPassword. Unknown email or wrong
  //         password: the same new ApiError(401, 'wrong email or password'). Right: a random token,
  //         crypto.randomBytes(32).toString('base64url'), stored in sessions (TODO 4), and
  //         res.json({ token }).
  throw notYet('POST /login');
});

app.get('/me', requireUser, (req, res) => {
  // TODO 6: once requireUser works, req.user is the logged-in user's row:
  //         res.json(publicUser(req.user));
  throw notYet('GET /me');
});

// A known path with a method none of its routes above has: 405 with an Allow header, not the 404 below.
// These lines check no token, so a wrong method is a 405 with or without one.
app.all('/signup', methodNotAllowed('POST'));
app.all('/login', methodNotAllowed('POST'));
app.all('/me', methodNotAllowed('GET'));

// No route above matched: a JSON 404, whatever the method.
app.use((req, res, next) => {
  next(new ApiError(404, `no route for ${req.method} ${req.path}`));
});

// The error handler (Express knows it by its four parameters): every error becomes the API's error
// body. Unexpected ones are logged and answered with a 500 that gives nothing away.
app.use((err, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  let status = err instanceof ApiError ? err.status : Number(err.status) || 500;
  let message = err.message;
  if (err.type === 'entity.parse.failed') message = 'the request body is not valid JSON';
  if (!Number.isInteger(status) || status < 400 || status > 599) status = 500; // res.status() throws otherwise
  // A 501 is a TODO of this starter: its message says which one, so it goes out as it is.
  if (status >= 500 && status !== 501) {
    console.error(err);
    message = 'something went wrong on our side';
  }
  res.status(status).set(err.headers || {}).json(errorBody(status, message));
});

async function main() {
  await openDatabase();
  const server = app.listen(PORT, HOST, (err) => {
    if (err) throw err; // Express 5 passes listen errors (a port in use) here
    console.log(`taskboard server listening on http://${HOST}:${PORT}`);
  });
  // roadwork stops the server with SIGTERM: stop accepting connections, let requests in progress
  // finish, then exit with status 0.
  const shutdown = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
