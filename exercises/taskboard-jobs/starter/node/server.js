'use strict';
// Your taskboard server, ready for the exercise taskboard-jobs.
//
// Run it by hand:   npm install   (once: it installs Express and sql.js, listed in package.json)
//                   TASKBOARD_SECRET=dev-only-secret ALLOWED_ORIGINS=https://app.taskboard.test \
//                       RATE_LIMIT_PER_MINUTE=40 PORT=3000 node server.js
// Log in:           see README.md for the curl lines that sign up, log in and put the token in $TOKEN
// Try it:           curl -i -X POST http://127.0.0.1:3000/exports -H "Authorization: Bearer $TOKEN"
// Check it:         roadwork check taskboard-jobs
//
// Everything the earlier taskboard exercises asked for already works. POST /exports and GET
// /exports/<id> answer "501 Not Implemented" until you write them: follow the TODO comments in the
// section "Background jobs", and see README.md for the contract.
//
// The notes below describe the server as the previous exercise left it.
//
// Routes:
//   POST /signup   {"email", "password"}   201 {"id", "email", "role"}; 400 bad input; 409 email taken
//   POST /login    {"email", "password"}   200 {"token": "..."}; 401 wrong email or password
//   GET  /me       Authorization: Bearer <token>   200 {"id", "email", "role"}
//   POST   /tasks        {"title", "done"?}   201 the task, Location: /tasks/<id>; 400 bad input
//   GET    /tasks                             200 [task, ...]: the caller's own tasks, in id order
//   GET    /tasks?q=text                      200 the caller's tasks whose title contains the text (any case)
//   GET    /tasks/<id>                        200 the task; 404 when it is not the caller's
//   PATCH  /tasks/<id>   any of title, done   200 the updated task; 400 bad input; 404 not the caller's
//   DELETE /tasks/<id>                        204 no body; 404 when it is not the caller's
//     (GET /tasks and GET /tasks/<id> send ETag and Cache-Control: private, no-cache; a matching
//      If-None-Match gets 304 Not Modified with no body)
//   GET    /tasks/<id>/print                  200 a printable HTML page of the task, every value escaped
//   GET    /users                             admins only: 200 [{"id", "email", "role"}, ...]; others 403
//   GET    /health                            200 {"status": "ok"}: the process answers (public)
//   GET    /ready                             200 {"status": "ready"}; 503 no database or shutting down (public)
//   GET    /slow                              200 {"status": "ok"} after half a second (public)
//   GET    /openapi.json                      200 the OpenAPI 3.1 description of all of the above
//   another method on a known path  405, with an Allow header that lists the path's methods
//   anything else  404
// Every route answers both at its path and under /api/v1 (/api/v1/tasks is /tasks). Every response has
// an X-Request-Id header: the request's own one when it sent a sane one, a fresh random id otherwise.
// A task is {"id": <integer>, "title": <string>, "done": <boolean>, "owner_id": <integer>}. Another
// user's task answers exactly like a task that does not exist: 404, so its existence is not revealed.
// The account that signs up with the email in TASKBOARD_ADMIN_EMAIL gets the role "admin"; all others
// get "user".
// Every route except /signup, /login and /openapi.json needs `Authorization: Bearer <token>`: 401
// without a valid one.
// Every error is {"error": {"code": "<snake_case>", "message": "<sentence>"}}.
// Every line the server prints is a JSON object; one per request, with method, path, status, duration_ms.
// Without TASKBOARD_SECRET it refuses to start (exit status 1); on SIGTERM it finishes the requests in
// flight, then exits 0.
// Every response carries security headers (nosniff, a Content-Security-Policy, X-Frame-Options); CORS
// allows exactly the origins in ALLOWED_ORIGINS. After 5 failed logins within 15 minutes for one email,
// POST /login for it answers 429 with Retry-After. Errors never carry stack traces or driver messages.
// Every request with a token counts against its user's RATE_LIMIT_PER_MINUTE; over it: 429 with
// Retry-After.

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
// The account that signs up with this email becomes an admin (unset: nobody does).
const ADMIN_EMAIL = (process.env.TASKBOARD_ADMIN_EMAIL || '').trim().toLowerCase();
const API_PREFIX = '/api/v1'; // every route also answers under this prefix
const SLOW_MS = 500; // how long GET /slow takes
const SHUTDOWN_GRACE_MS = 4000; // on SIGTERM, how long requests in flight may take before we exit anyway
// The key that session tokens are hashed with (HMAC-SHA256), so that a copy of the database alone logs
// nobody in. Required: loadConfig() refuses to start without it; there is no default in the code.
const SECRET = process.env.TASKBOARD_SECRET || '';
// The web pages (origins) whose scripts may call this API from a browser: an exact, comma-separated
// list, e.g. "https://app.example.com,https://admin.example.com". Unset: no other origin at all.
const ALLOWED_ORIGINS = new Set(
  (process.env.ALLOWED_ORIGINS || '').split(',').map((origin) => origin.trim()).filter(Boolean),
);
// Failed logins per email: after LOGIN_MAX_FAILURES within LOGIN_WINDOW_MS, 429 until the oldest expires.
const LOGIN_MAX_FAILURES = 5;
const LOGIN_WINDOW_MS = 15 * 60 * 1000;
// Requests with a token that one user may send in any 60 seconds (taskboard-ratelimit). loadConfig()
// checks that it is a whole number of at least 1.
const RATE_LIMIT_PER_MINUTE = (process.env.RATE_LIMIT_PER_MINUTE || '60').trim();

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
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tasks (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title    TEXT NOT NULL,
    done     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS tasks_owner_id ON tasks (owner_id);
`;

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
// Passwords are stored as "scrypt$<salt hex>$<hash hex>": a fresh random salt per password and a slow,
// memory-hard hash. Tokens are random; the database keeps only their SHA-256, so a leaked sessions
// table logs nobody in.

const SCRYPT = { N: 2 ** 14, r: 8, p: 1 };

function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 32, SCRYPT);
  return `scrypt$${salt.toString('hex')}$${key.toString('hex')}`;
}

function verifyPassword(password, stored) {
  const [algorithm, saltHex, keyHex] = String(stored).split('$');
  if (algorithm !== 'scrypt' || !saltHex || !keyHex) return false;
  const expected = Buffer.from(keyHex, 'hex');
  const actual = crypto.scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length, SCRYPT);
  return crypto.timingSafeEqual(actual, expected);
}

// Checked against when the email is unknown, so that a wrong email takes as long as a wrong password.
const DUMMY_HASH = hashPassword(crypto.randomBytes(16).toString('hex'));

function tokenHash(token) {
  return crypto.createHmac('sha256', SECRET).update(token).digest('hex');
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
}

// Middleware for every route that needs a logged-in user: sets req.user, or answers 401.
function requireUser(req, res, next) {
  const match = /^Bearer +(\S+)$/.exec((req.get('Authorization') || '').trim());
  const user = match ? userForToken(match[1]) : undefined;
  if (!user) {
    next(new ApiError(401, 'log in first: send Authorization: Bearer <token>', { 'WWW-Authenticate': 'Bearer' }));
    return;
  }
  req.user = user;
  enforceRateLimit(user); // taskboard-ratelimit: after we know who, before any work (throws 429)
  next();
}

// Middleware for admin-only routes, after requireUser: 403 when the user is logged in but not allowed.
function requireRole(role) {
  return (req, res, next) => {
    if (req.user.role !== role) {
      next(new ApiError(403, `only an ${role} may do this`));
      return;
    }
    next();
  };
}

// --- Failed logins --------------------------------------------------------------------------------
// Counted per email, never per client address: behind a proxy, or in roadwork's checks, everyone
// shares one address, and one attacker would lock everybody out. In memory: enough for one process.

class LoginLimiter {
  constructor(maxFailures, windowMs) {
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
    this.failures = new Map(); // email -> times (performance.now()) of its recent failures
  }

  // Seconds to wait before the next attempt, or 0 when an attempt is allowed now.
  retryAfter(key) {
    const now = performance.now();
    const recent = (this.failures.get(key) || []).filter((t) => now - t < this.windowMs);
    if (recent.length > 0) this.failures.set(key, recent);
    else this.failures.delete(key);
    if (recent.length < this.maxFailures) return 0;
    return Math.floor((this.windowMs - (now - recent[0])) / 1000) + 1;
  }

  failed(key) {
    if (!this.failures.has(key)) this.failures.set(key, []);
    this.failures.get(key).push(performance.now());
  }

  succeeded(key) {
    this.failures.delete(key);
  }
}

const loginLimiter = new LoginLimiter(LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS);

// --- Rate limiting: a budget of requests per user (taskboard-ratelimit) ----------------------------
// Every request with a valid token counts against its user's budget of RATE_LIMIT_PER_MINUTE requests
// in any 60 seconds (a sliding window). Over budget: 429 with Retry-After. The key is the user, never
// the client address: many users can share one address (and every check comes from 127.0.0.1).
// Requests without a token (/signup, /login, /health, ...) are not counted here.
// No lock: Node runs one piece of JavaScript at a time, and take() reads and updates a user's times
// without an await in between, so two requests can never both see the last free place.

const RATE_WINDOW_MS = 60 * 1000;

class RateLimiter {
  constructor(limit, windowMs = RATE_WINDOW_MS) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.requests = new Map(); // key -> times (performance.now()) of its requests in the window, oldest first
  }

  // 0 if the request may go ahead (it is counted); otherwise the milliseconds until it may.
  take(key) {
    const now = performance.now();
    const times = this.requests.get(key) || [];
    while (times.length > 0 && now - times[0] >= this.windowMs) times.shift(); // left the window
    this.requests.set(key, times);
    if (times.length < this.limit) {
      times.push(now);
      return 0;
    }
    return this.windowMs - (now - times[0]); // when the oldest request leaves the window
  }
}

let rateLimiter; // made by loadConfig(), from RATE_LIMIT_PER_MINUTE

// ApiError 429 with Retry-After (whole seconds, rounded up, at least 1) when the user is over budget.
function enforceRateLimit(user) {
  const wait = rateLimiter.take(`user:${user.id}`);
  if (wait) {
    throw new ApiError(429, `too many requests: at most ${rateLimiter.limit} a minute, try again in a moment`, {
      'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))),
    });
  }
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
  if (req.bodyError) throw new ApiError(400, 'the request body is not valid JSON');
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

// --- Logs -----------------------------------------------------------------------------------------
// Everything the server prints is one JSON object per line, on stdout: one line per request, plus the
// rare line about the server itself. Log collectors and `jq` can then filter on any field. Node runs
// one piece of JavaScript at a time, so two lines never interleave.

function log(fields) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n`);
}

const app = express();
app.disable('x-powered-by');
// ETags are strong hashes of the body's bytes (Express's default, 'weak', works for caching too).
app.set('etag', 'strong');

// One log line per request, written once the response is finished (or the client hung up).
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.on('close', () => {
    const fields = {
      method: req.method,
      path: req.originalUrl.split('?')[0],
      status: res.statusCode,
      duration_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
    };
    if (res.locals.errorDetail) fields.error = res.locals.errorDetail;
    log(fields);
  });
  next();
});

// A request id follows one request through the logs of every system it passes: keep the one the
// client (or a proxy) sent when it is a sane token, make a new one otherwise. It is attacker-controlled
// text that ends up in logs and headers, hence the strict pattern. Set first, so every response has it,
// errors and 204s included.
const SAFE_REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

app.use((req, res, next) => {
  const sent = req.get('X-Request-Id') || '';
  req.id = SAFE_REQUEST_ID.test(sent) ? sent : crypto.randomUUID().replace(/-/g, '');
  res.set('X-Request-Id', req.id);
  next();
});

// Sent with every response. For a JSON API: nothing may load from or frame a response, and browsers
// must believe the Content-Type. The print page needs no more: it has no scripts, styles or images.
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};
const CORS_METHODS = 'GET, POST, PATCH, DELETE';
const CORS_HEADERS = 'Content-Type, Authorization, X-Request-Id';

// Security headers and CORS, before anything else can answer. An OPTIONS request is a CORS preflight:
// the headers say it all, so it gets 204 at once (and, from any other origin, no permission).
app.use((req, res, next) => {
  res.set(SECURITY_HEADERS);
  res.vary('Origin');
  const origin = req.get('Origin');
  if (origin && ALLOWED_ORIGINS.has(origin)) { // an exact match: never a prefix, a pattern or "*"
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Expose-Headers', 'Location, X-Request-Id, Retry-After');
    if (req.method === 'OPTIONS') {
      res.set('Access-Control-Allow-Methods', CORS_METHODS);
      res.set('Access-Control-Allow-Headers', CORS_HEADERS);
      res.set('Access-Control-Max-Age', '600');
    }
  }
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
});

// Parse JSON bodies into req.body. Malformed JSON is kept as req.bodyError and answered with 400 only
// when a route reads the body (jsonBody), after the token check: a request without a valid token gets
// its 401 whatever its body looks like.
const parseJson = express.json({ limit: '1mb' });
app.use((req, res, next) => {
  parseJson(req, res, (err) => {
    if (err && err.type === 'entity.parse.failed') {
      req.body = undefined;
      req.bodyError = err;
      next();
      return;
    }
    next(err);
  });
});

// The routes live on a router, mounted at / and at /api/v1 below (after the API contract).
const api = express.Router();

api.post('/signup', (req, res) => {
  const [email, password] = readCredentials(req, true);
  // The role comes from the server's configuration, never from the request body.
  const role = ADMIN_EMAIL && email === ADMIN_EMAIL ? 'admin' : 'user';
  let id;
  try {
    id = write('INSERT INTO users (email, password_hash, role) VALUES (?, ?, ?)', [email, hashPassword(password), role]);
  } catch (err) {
    if (/UNIQUE/.test(err.message)) throw new ApiError(409, 'an account with this email already exists');
    throw err;
  }
  res.status(201).json(publicUser(get('SELECT * FROM users WHERE id = ?', [id])));
});

api.post('/login', (req, res) => {
  const [email, password] = readCredentials(req, false);
  // Too many recent failures for this email: refuse before checking anything, even the right password.
  const wait = loginLimiter.retryAfter(email);
  if (wait) {
    throw new ApiError(429, 'too many failed logins for this account; try again later', { 'Retry-After': String(wait) });
  }
  const user = get('SELECT * FROM users WHERE email = ?', [email]);
  // Verify even when there is no such user, so that timing does not reveal which emails exist.
  const passwordOk = verifyPassword(password, user ? user.password_hash : DUMMY_HASH);
  if (!user || !passwordOk) {
    loginLimiter.failed(email);
    throw new ApiError(401, 'wrong email or password');
  }
  loginLimiter.succeeded(email);
  res.json({ token: createSession(user.id) });
});

api.get('/me', requireUser, (req, res) => {
  res.json(publicUser(req.user));
});

api.get('/users', requireUser, requireRole('admin'), (req, res) => {
  res.json(all('SELECT id, email, role FROM users ORDER BY id').map(publicUser));
});

// --- Tasks ----------------------------------------------------------------------------------------
// Every query names the owner: WHERE id = ? AND owner_id = ?. A task of another user is then simply
// not found, for reads and writes alike, and the answer (404) is the same as for a task that never
// existed.

const MAX_TITLE_LENGTH = 200;

function taskJson(row) {
  return { id: row.id, title: row.title, done: row.done === 1, owner_id: row.owner_id };
}

// The task fields of the JSON body ({title: string, done: boolean}, any subset unless `required`), or
// ApiError 400. Other keys, such as id or owner_id, are ignored: the server decides those.
function readTaskFields(req, required) {
  const data = jsonBody(req);
  const fields = {};
  if ('title' in data || required) {
    const { title } = data;
    if (typeof title !== 'string' || !title.trim()) {
      throw new ApiError(400, 'title is required and must be a non-empty string');
    }
    if (title.length > MAX_TITLE_LENGTH) {
      throw new ApiError(400, `title must be at most ${MAX_TITLE_LENGTH} characters long`);
    }
    fields.title = title;
  }
  if ('done' in data) {
    if (typeof data.done !== 'boolean') throw new ApiError(400, 'done must be true or false');
    fields.done = data.done ? 1 : 0;
  }
  return fields;
}

// The caller's task with this id, or ApiError 404 (also when it belongs to someone else).
const MAX_ID = 2n ** 63n - 1n; // SQLite's largest integer: a larger id cannot exist

function findOwnTask(user, taskId) {
  if (BigInt(taskId) > MAX_ID) throw new ApiError(404, 'task not found');
  const row = get('SELECT * FROM tasks WHERE id = ? AND owner_id = ?', [Number(taskId), user.id]);
  if (!row) throw new ApiError(404, `task ${taskId} not found`);
  return row;
}

// --- HTTP caching: ETag, If-None-Match and Cache-Control (taskboard-cache) -----------------------------
// GET /tasks and GET /tasks/<id> answer through sendCacheable(). Express itself computes an ETag for every
// body that res.json() sends, a hash of its exact bytes, so the tag changes exactly when the body changes
// (app.set('etag', ...) above makes it a strong one). For a GET whose If-None-Match holds that tag (alone,
// in a comma-separated list, with or without W/, or *), Express turns the 200 into 304 Not Modified and
// sends no body (see req.fresh). What Express cannot know is who may keep a copy and for how long: that
// policy is ours to say.

const CACHE_CONTROL = 'private, no-cache'; // one user's data: only their browser may keep it, and must ask first

function sendCacheable(req, res, data) {
  res.set('Cache-Control', CACHE_CONTROL);
  res.json(data); // sets ETag; a 304 instead of the 200 when the client's copy is current
}

// Route paths: the id is digits only, so /tasks/abc is no route at all (404). Express 5's paths have
// no patterns such as :taskId(\d+): digitsOnly skips the route (next('route')) for any other id.
const TASK = '/tasks/:taskId';

function digitsOnly(req, res, next, value) {
  next(/^\d+$/.test(value) ? undefined : 'route');
}
api.param('taskId', digitsOnly);

api.post('/tasks', requireUser, (req, res) => {
  const fields = readTaskFields(req, true);
  const id = write('INSERT INTO tasks (owner_id, title, done) VALUES (?, ?, ?)', [
    req.user.id,
    fields.title,
    fields.done || 0,
  ]);
  const task = findOwnTask(req.user, id);
  // req.baseUrl is '/api/v1' when the request came in under the prefix, '' otherwise.
  res.status(201).location(`${req.baseUrl}/tasks/${task.id}`).json(taskJson(task));
});

// The first value of a query parameter, as text ('' when absent): ?q=a&q=b or ?q[x]=1 are no reason
// for anything but a string to reach the code below.
function queryParam(req, name) {
  const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  return new URLSearchParams(query).get(name) || '';
}

api.get('/tasks', requireUser, (req, res) => {
  // ?q=text keeps the tasks whose title contains the text (any case). The text reaches SQL only as a
  // bound parameter, so quotes and SQL keywords in it are just characters to look for.
  const q = queryParam(req, 'q');
  const rows = q
    ? all('SELECT * FROM tasks WHERE owner_id = ? AND instr(lower(title), lower(?)) > 0 ORDER BY id', [req.user.id, q])
    : all('SELECT * FROM tasks WHERE owner_id = ? ORDER BY id', [req.user.id]);
  sendCacheable(req, res, rows.map(taskJson));
});

api.get(TASK, requireUser, (req, res) => {
  sendCacheable(req, res, taskJson(findOwnTask(req.user, req.params.taskId)));
});

api.patch(TASK, requireUser, (req, res) => {
  const fields = readTaskFields(req, false);
  findOwnTask(req.user, req.params.taskId);
  const names = Object.keys(fields); // names come from our own code, values go in as parameters
  if (names.length > 0) {
    write(`UPDATE tasks SET ${names.map((name) => `${name} = ?`).join(', ')} WHERE id = ? AND owner_id = ?`, [
      ...names.map((name) => fields[name]),
      Number(req.params.taskId),
      req.user.id,
    ]);
  }
  res.json(taskJson(findOwnTask(req.user, req.params.taskId)));
});

api.delete(TASK, requireUser, (req, res) => {
  findOwnTask(req.user, req.params.taskId);
  write('DELETE FROM tasks WHERE id = ? AND owner_id = ?', [Number(req.params.taskId), req.user.id]);
  res.status(204).end();
});

// Characters that mean something in HTML, as entities: shown as text, never run as markup.
function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[c]);
}

// A printable HTML page of one task. Every value from the database is escaped on the way out.
api.get(`${TASK}/print`, requireUser, (req, res) => {
  const task = findOwnTask(req.user, req.params.taskId);
  const title = escapeHtml(task.title);
  const status = task.done === 1 ? 'done' : 'to do';
  const page =
    '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8">' +
    `<title>Task ${task.id}: ${title}</title></head>\n` +
    `<body>\n<h1>${title}</h1>\n<p>Task ${task.id}, ${status}.</p>\n</body>\n</html>\n`;
  res.type('text/html; charset=utf-8').send(page);
});

// --- Background jobs: exports (taskboard-jobs) ---------------------------------------------------
// The two routes below answer 501 Not Implemented until you write them. See README.md for the contract.
// TODO 1: add a table for the jobs to SCHEMA, e.g. exports (id INTEGER PRIMARY KEY, owner_id INTEGER
//         NOT NULL, status TEXT NOT NULL, result TEXT), and a worker: an async function that sets a
//         job's status to 'running', builds the result ({"task_count": ..., "tasks": [...]} of the
//         owner's tasks, as taskJson() shows them, in id order) and stores it (JSON.stringify) with
//         status 'done'. write() saves the database file after each change.
// TODO 2: POST /exports inserts a job with status 'pending' for req.user, schedules the work for after
//         the answer (setImmediate(() => runExport(id))) and answers at once: res.status(202)
//         .location(`${req.baseUrl}/exports/${id}`).json({ id, status: 'pending' }). There are no
//         threads to start in Node: the work runs once this handler has returned.
// TODO 3: GET /exports/<id> answers 200 with {"id", "status"} plus "result" (JSON.parse) once done, and
//         404 when the export does not exist or belongs to another user (WHERE id = ? AND owner_id = ?).

api.post('/exports', requireUser, (req, res) => {
  throw new ApiError(501, `not implemented yet: POST ${req.path} (see the TODOs in server.js)`);
});

api.param('exportId', digitsOnly); // digits only, as for tasks

api.get('/exports/:exportId', requireUser, (req, res) => {
  throw new ApiError(501, `not implemented yet: GET ${req.path} (see the TODOs in server.js)`);
});

// --- Operations: health, readiness and a slow route -----------------------------------------------
// /health says the process can answer (and checks nothing else, so a database hiccup never gets every
// instance restarted at once); /ready says it can do useful work: the database answers and the server
// is not shutting down. /slow stands for any slow request, so graceful shutdown can be tried out.

let shuttingDown = false; // set by the SIGTERM handler

api.get('/health', (req, res) => {
  res.json({ status: 'ok' });
});

api.get('/ready', (req, res) => {
  if (shuttingDown) {
    res.status(503).json({ status: 'shutting down' });
    return;
  }
  try {
    get('SELECT 1 AS one');
  } catch (err) {
    res.status(503).json({ status: 'database unavailable' });
    return;
  }
  res.json({ status: 'ready' });
});

api.get('/slow', (req, res) => {
  setTimeout(() => res.json({ status: 'ok' }), SLOW_MS);
});

// --- The API contract -----------------------------------------------------------------------------
// One entry per route: what GET /openapi.json says about it. Paths are listed under /api/v1, the
// address new clients should use. A new route gets its entry here in the same change.

const CONTRACT = [
  { method: 'post', path: '/signup', public: true, body: 'Credentials', returns: 'User',
    summary: 'Create an account (the role comes from the server, never from the body).',
    responses: { 201: 'the new user', 400: 'a bad email or a short password', 409: 'the email is taken' } },
  { method: 'post', path: '/login', public: true, body: 'Credentials', returns: 'Token',
    summary: 'Exchange an email and a password for a bearer token.',
    responses: { 200: '{"token": "..."} for Authorization: Bearer', 401: 'wrong email or password' } },
  { method: 'get', path: '/me', returns: 'User', summary: 'The user the token belongs to.',
    responses: { 200: 'the current user' } },
  { method: 'get', path: '/users', returns: 'User[]', summary: 'List every account (admins only).',
    responses: { 200: 'every user', 403: 'the caller is not an admin' } },
  { method: 'post', path: '/tasks', body: 'NewTask', returns: 'Task', summary: 'Create a task owned by the caller.',
    responses: { 201: 'the new task, with a Location header', 400: 'a bad title or done' } },
  { method: 'get', path: '/tasks', returns: 'Task[]', summary: "List the caller's own tasks.",
    responses: { 200: "the caller's tasks, in id order" } },
  { method: 'get', path: '/tasks/{task_id}', returns: 'Task', summary: "One of the caller's tasks.",
    responses: { 200: 'the task', 404: "no such task of the caller's" } },
  { method: 'patch', path: '/tasks/{task_id}', body: 'TaskChanges', returns: 'Task',
    summary: "Change the title or done of one of the caller's tasks.",
    responses: { 200: 'the updated task', 400: 'a bad title or done', 404: "no such task of the caller's" } },
  { method: 'delete', path: '/tasks/{task_id}', summary: "Delete one of the caller's tasks.",
    responses: { 204: 'deleted', 404: "no such task of the caller's" } },
  { method: 'get', path: '/tasks/{task_id}/print',
    summary: 'A printable HTML page of one task. Every value from the database is escaped on the way out.',
    responses: { 200: 'an HTML page of the task', 404: "no such task of the caller's" } },
  { method: 'post', path: '/exports', summary: "Start an export of the caller's tasks, as a background job.",
    responses: { 202: 'the job, accepted: follow its Location until its status is done' } },
  { method: 'get', path: '/exports/{export_id}',
    summary: "The status of one of the caller's exports, and its result once done.",
    responses: { 200: 'the job: pending, running, done (with its result) or failed', 404: "no such export of the caller's" } },
  { method: 'get', path: '/health', public: true, summary: 'Liveness: the process can answer.',
    responses: { 200: 'OK' } },
  { method: 'get', path: '/ready', public: true,
    summary: 'Readiness: the database answers and the server is not shutting down (503 otherwise).',
    responses: { 200: 'OK' } },
  { method: 'get', path: '/slow', public: true,
    summary: 'Answers after half a second: a request that is still running when the server is told to stop.',
    responses: { 200: 'OK' } },
  { method: 'get', path: '/openapi.json', public: true, returns: 'OpenAPI', summary: 'The OpenAPI description of this API.',
    responses: { 200: 'this document' } },
];

const TITLE_SCHEMA = { type: 'string', minLength: 1, maxLength: MAX_TITLE_LENGTH };

const OPENAPI_SCHEMAS = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string', examples: ['not_found'] }, message: { type: 'string' } },
      },
    },
  },
  Credentials: {
    type: 'object',
    required: ['email', 'password'],
    properties: { email: { type: 'string', format: 'email' }, password: { type: 'string', minLength: MIN_PASSWORD_LENGTH } },
  },
  Token: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } },
  User: {
    type: 'object',
    properties: { id: { type: 'integer' }, email: { type: 'string' }, role: { type: 'string', enum: ['user', 'admin'] } },
  },
  Task: {
    type: 'object',
    properties: { id: { type: 'integer' }, title: TITLE_SCHEMA, done: { type: 'boolean' }, owner_id: { type: 'integer' } },
  },
  NewTask: { type: 'object', required: ['title'], properties: { title: TITLE_SCHEMA, done: { type: 'boolean' } } },
  TaskChanges: { type: 'object', properties: { title: TITLE_SCHEMA, done: { type: 'boolean' } } },
  OpenAPI: { type: 'object', description: 'an OpenAPI 3.1 document' },
};

function schemaRef(name) {
  if (name.endsWith('[]')) return { type: 'array', items: schemaRef(name.slice(0, -2)) };
  return { $ref: `#/components/schemas/${name}` };
}

function openapiOperation(entry) {
  const operation = { summary: entry.summary, responses: {} };
  for (const [status, description] of Object.entries(entry.responses)) {
    const response = { description };
    const schema = Number(status) >= 400 ? 'Error' : entry.returns;
    if (status !== '204' && schema) response.content = { 'application/json': { schema: schemaRef(schema) } };
    operation.responses[status] = response;
  }
  if (!entry.public) {
    operation.security = [{ bearerAuth: [] }];
    operation.responses['401'] = {
      description: 'no valid bearer token',
      content: { 'application/json': { schema: schemaRef('Error') } },
    };
  }
  const params = [...entry.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  if (params.length > 0) {
    operation.parameters = params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'integer' } }));
  }
  if (entry.body) {
    operation.requestBody = { required: true, content: { 'application/json': { schema: schemaRef(entry.body) } } };
  }
  return operation;
}

function openapiDocument() {
  const paths = {};
  for (const entry of CONTRACT) {
    const key = API_PREFIX + entry.path;
    paths[key] = paths[key] || {};
    paths[key][entry.method] = openapiOperation(entry);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Taskboard API', version: '1.0.0', description: 'Every path also answers without the /api/v1 prefix.' },
    paths,
    components: {
      schemas: OPENAPI_SCHEMAS,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    },
  };
}

api.get('/openapi.json', (req, res) => {
  res.json(openapiDocument());
});

// A known path with a method none of its routes above has: 405 with an Allow header, not the 404 below.
// These lines check no token, so a wrong method is a 405 with or without one.
api.all('/signup', methodNotAllowed('POST'));
api.all('/login', methodNotAllowed('POST'));
api.all('/me', methodNotAllowed('GET'));
api.all('/users', methodNotAllowed('GET'));
api.all('/tasks', methodNotAllowed('POST', 'GET'));
api.all(TASK, methodNotAllowed('GET', 'PATCH', 'DELETE'));
api.all(`${TASK}/print`, methodNotAllowed('GET'));
api.all('/exports', methodNotAllowed('POST'));
api.all('/exports/:exportId', methodNotAllowed('GET'));
api.all('/health', methodNotAllowed('GET'));
api.all('/ready', methodNotAllowed('GET'));
api.all('/slow', methodNotAllowed('GET'));
api.all('/openapi.json', methodNotAllowed('GET'));

// Every route answers at its own path and under /api/v1: the same router, mounted twice.
app.use(API_PREFIX, api);
app.use(api);

// No route above matched: a JSON 404, whatever the method.
app.use((req, res, next) => {
  next(new ApiError(404, `no route for ${req.method} ${req.path}`));
});

// The error handler (Express knows it by its four parameters): every error becomes the API's error
// body. Unexpected ones go into the request's log line and are answered with a 500 that gives nothing
// away.
app.use((err, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  let status = err instanceof ApiError ? err.status : Number(err.status) || 500;
  let message = err.message;
  if (err.type === 'entity.parse.failed') message = 'the request body is not valid JSON';
  if (!Number.isInteger(status) || status < 400 || status > 599) status = 500; // res.status() throws otherwise
  if (status >= 500 && status !== 501) {
    res.locals.errorDetail = err.stack || String(err);
    message = 'something went wrong on our side';
  }
  res.status(status).set(err.headers || {}).json(errorBody(status, message));
});

// Refuse to start, with a message that names what is missing, unless the configuration is complete.
function loadConfig() {
  if (!SECRET) {
    console.error('taskboard: missing required environment variable TASKBOARD_SECRET (the key for session tokens)');
    process.exit(1);
  }
  if (!/^\d+$/.test(RATE_LIMIT_PER_MINUTE) || Number(RATE_LIMIT_PER_MINUTE) < 1) {
    console.error(`taskboard: RATE_LIMIT_PER_MINUTE must be a whole number of at least 1, not "${RATE_LIMIT_PER_MINUTE}"`);
    process.exit(1);
  }
  rateLimiter = new RateLimiter(Number(RATE_LIMIT_PER_MINUTE)); // taskboard-ratelimit
}

async function main() {
  loadConfig();
  await openDatabase();
  const server = app.listen(PORT, HOST);
  // roadwork stops the server with SIGTERM: stop accepting connections (server.close() also closes
  // idle keep-alive connections), let the requests in flight finish, then exit with status 0. A
  // request that takes too long does not keep the process alive forever.
  const shutdown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown); // Ctrl-C when run by hand: the same clean stop
}

main().catch((err) => {
  log({ level: 'error', msg: 'could not start', method: null, path: null, status: null, duration_ms: null,
    error: err.stack || String(err) });
  process.exit(1);
});
