'use strict';
// roadwork: starter
//| // Your taskboard server, ready for the exercise taskboard-auth.
// roadwork: solution
// Reference solution for the exercise taskboard-auth (project: taskboard): accounts with hashed
// passwords and bearer tokens, kept in SQLite, with Express 5 and sql.js (SQLite compiled to
// WebAssembly). Run it with `PORT=3000 DATABASE_PATH=taskboard.db node server.js`.
// roadwork: end
//
// roadwork: starter
//| // Run it by hand:   npm install   (once: it installs Express and sql.js, listed in package.json)
//| //                   PORT=3000 DATABASE_PATH=taskboard.db node server.js
//| // Try it:           curl -i -X POST http://127.0.0.1:3000/signup -H 'Content-Type: application/json' \
//| //                        -d '{"email": "ada@example.com", "password": "correct horse"}'
//| // Check it:         roadwork check taskboard-auth
//| //
//| // This is a new project: a task manager with users. The skeleton already listens on PORT, opens the
//| // SQLite database at DATABASE_PATH (with sql.js, SQLite compiled to WebAssembly), and answers errors in
//| // the API's one format. The three account routes answer "501 Not Implemented" until you write them:
//| // follow the TODO comments below, and see README.md for exactly what each route must answer.
// roadwork: solution
// Routes:
//   POST /signup   {"email", "password"}   201 {"id", "email", "role"}; 400 bad input; 409 email taken
//   POST /login    {"email", "password"}   200 {"token": "..."}; 401 wrong email or password
//   GET  /me       Authorization: Bearer <token>   200 {"id", "email", "role"}
//   another method on a known path  405, with an Allow header that lists the path's methods
//   anything else  404
// Every route except /signup and /login needs `Authorization: Bearer <token>`: 401 without a valid one.
// Every error is {"error": {"code": "<snake_case>", "message": "<sentence>"}}.
// roadwork: end

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
  // roadwork: starter
  //| 501: 'not_implemented', // only until the TODOs are done
  // roadwork: solution
  // roadwork: end
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
// roadwork: starter
// roadwork: solution
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
// roadwork: end
`;
// roadwork: starter
//| // TODO 4: add a sessions table for the tokens /login hands out, e.g.
//| //         sessions (token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
//| //                   expires_at INTEGER NOT NULL)
//| //         In the database, not in a Map: tokens must survive a restart of the server.
// roadwork: solution
// roadwork: end

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
// roadwork: starter
//| // The functions below are yours to write; until then they answer "501 Not Implemented".
// roadwork: solution
// Passwords are stored in the PHC string format "$scrypt$ln=14,r=8,p=1$<salt>$<hash>" (salt and hash in
// base64 without padding): a fresh random salt per password and a slow, memory-hard hash, with its cost
// in the string, so that the cost can be raised later and old hashes still verify. Tokens are random; the
// database keeps only their SHA-256, so a leaked sessions table logs nobody in.
// roadwork: end

// roadwork: starter
//| function notYet(what) {
//|   return new ApiError(501, `not implemented yet: ${what} (see the TODOs in server.js)`);
// roadwork: solution
const SCRYPT = { logN: 14, r: 8, p: 1 };
const PHC_SCRYPT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function b64(bytes) {
  return bytes.toString('base64').replace(/=+$/, '');
// roadwork: end
}

function hashPassword(password) {
  // roadwork: starter
  //| // TODO 1: return a salted, slow hash of the password in the PHC string format, which holds the
  //| //         cost, the salt and the hash (salt and hash in base64 without the '=' padding):
  //| //             const salt = crypto.randomBytes(16);
  //| //             const key = crypto.scryptSync(password, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
  //| //             const b64 = (bytes) => bytes.toString('base64').replace(/=+$/, '');
  //| //             return `$scrypt$ln=14,r=8,p=1$${b64(salt)}$${b64(key)}`;
  //| //         Never store the password itself, nor anything it can be read back from.
  //| throw notYet('hashPassword');
  // roadwork: solution
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 32, { N: 2 ** SCRYPT.logN, r: SCRYPT.r, p: SCRYPT.p });
  return `$scrypt$ln=${SCRYPT.logN},r=${SCRYPT.r},p=${SCRYPT.p}$${b64(salt)}$${b64(key)}`;
  // roadwork: end
}

function verifyPassword(password, stored) {
// roadwork: starter
//|   // TODO 3: split `stored` at '$', decode the salt and the hash (Buffer.from(text, 'base64')), hash
//|   //         `password` again with the stored salt and the cost in the string, and compare with
//|   //         crypto.timingSafeEqual(actual, expected).
//|   throw notYet('verifyPassword');
// roadwork: solution
  const match = PHC_SCRYPT.exec(String(stored));
  if (!match) return false;
  const [, logN, r, p, salt, hash] = match;
  const expected = Buffer.from(hash, 'base64');
  const cost = { N: 2 ** Number(logN), r: Number(r), p: Number(p) };
  const actual = crypto.scryptSync(password, Buffer.from(salt, 'base64'), expected.length, cost);
  return crypto.timingSafeEqual(actual, expected);
}

// Checked against when the email is unknown, so that a wrong email takes as long as a wrong password.
const DUMMY_HASH = hashPassword(crypto.randomBytes(16).toString('hex'));

function tokenHash(token) {
  return crypto.createHash('sha256').update(token).digest('hex');
}

function createSession(userId) {
  const token = crypto.randomBytes(32).toString('base64url');
  write('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)', [
    tokenHash(token),
    userId,
    Math.floor(Date.now() / 1000) + SESSION_SECONDS,
  ]);
  return token;
}

function userForToken(token) {
  return get(
    `SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id
     WHERE sessions.token_hash = ? AND sessions.expires_at > ?`,
    [tokenHash(token), Math.floor(Date.now() / 1000)],
  );
// roadwork: end
}

// Middleware for every route that needs a logged-in user: sets req.user, or answers 401.
function requireUser(req, res, next) {
  // roadwork: starter
  //| // TODO 5: read req.get('Authorization'), which must be 'Bearer <token>'; look the token up in
  //| //         sessions (JOIN users), set req.user to the user row and call next(). No header, another
  //| //         scheme, or an unknown token: next(new ApiError(401, 'log in first')).
  //| next(notYet('authentication'));
  // roadwork: solution
  const match = /^Bearer +(\S+)$/.exec((req.get('Authorization') || '').trim());
  const user = match ? userForToken(match[1]) : undefined;
  if (!user) {
    next(new ApiError(401, 'log in first: send Authorization: Bearer <token>', { 'WWW-Authenticate': 'Bearer' }));
    return;
  }
  req.user = user;
  next();
  // roadwork: end
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
  // roadwork: starter
  //| // TODO 2: hash the password, INSERT the user (email, password_hash, role 'user') with write(...),
  //| //         and answer res.status(201).json(publicUser(row)) with the new row. The email is UNIQUE:
  //| //         when write() throws an error whose message contains "UNIQUE", throw new ApiError(409, ...).
  //| throw notYet('POST /signup');
  // roadwork: solution
  let id;
  try {
    id = write("INSERT INTO users (email, password_hash, role) VALUES (?, ?, 'user')", [email, hashPassword(password)]);
  } catch (err) {
    if (/UNIQUE/.test(err.message)) throw new ApiError(409, 'an account with this email already exists');
    throw err;
  }
  res.status(201).json(publicUser(get('SELECT * FROM users WHERE id = ?', [id])));
  // roadwork: end
});

app.post('/login', (req, res) => {
  const [email, password] = readCredentials(req, false);
  // roadwork: starter
  //| // TODO 3: find the user by email and check the password with verifyPassword. Unknown email or wrong
  //| //         password: the same new ApiError(401, 'wrong email or password'). Right: a random token,
  //| //         crypto.randomBytes(32).toString('base64url'), stored in sessions (TODO 4), and
  //| //         res.json({ token }).
  //| throw notYet('POST /login');
  // roadwork: solution
  const user = get('SELECT * FROM users WHERE email = ?', [email]);
  // Verify even when there is no such user, so that timing does not reveal which emails exist.
  const passwordOk = verifyPassword(password, user ? user.password_hash : DUMMY_HASH);
  if (!user || !passwordOk) throw new ApiError(401, 'wrong email or password');
  res.json({ token: createSession(user.id) });
  // roadwork: end
});

app.get('/me', requireUser, (req, res) => {
  // roadwork: starter
  //| // TODO 6: once requireUser works, req.user is the logged-in user's row:
  //| //         res.json(publicUser(req.user));
  //| throw notYet('GET /me');
  // roadwork: solution
  res.json(publicUser(req.user));
  // roadwork: end
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
  // roadwork: starter
  //| // A 501 is a TODO of this starter: its message says which one, so it goes out as it is.
  //| if (status >= 500 && status !== 501) {
  // roadwork: solution
  if (status >= 500) {
  // roadwork: end
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
