'use strict';
// Small helpers the tests share: one HTTP call, a fresh user, a fresh task.
//
// Every test talks to the server at BASE_URL over real HTTP, the way a client would. Run the suite with
//     BASE_URL=http://127.0.0.1:3000 npm test
// Node.js 20 built-ins only: global fetch for HTTP, node:crypto for unique values.
// Not a test file: `npm test` runs only the files whose names end in .test.js.

const crypto = require('node:crypto');

if (!process.env.BASE_URL) {
  throw new Error('set BASE_URL to the server to test, e.g. BASE_URL=http://127.0.0.1:3000');
}
const BASE_URL = process.env.BASE_URL.replace(/\/+$/, '');

const PASSWORD = 'a long test password 123';

// A value no earlier run has used, e.g. "task-3f9c2a71b0".
function unique(prefix) {
  return `${prefix}-${crypto.randomBytes(5).toString('hex')}`;
}

// Send one request and return {status, headers, body, raw}: body is the parsed JSON (null when there is
// none), raw the text as it came. fetch does not throw on 4xx and 5xx: they are answers like any other.
async function call(method, path, { body, token } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(BASE_URL + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  const raw = await res.text();
  let parsed = null;
  try {
    parsed = raw ? JSON.parse(raw) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed, raw };
}

// Sign up a new user; returns {email, res}.
async function signup({ email = `${unique('user')}@example.com`, password = PASSWORD } = {}) {
  const res = await call('POST', '/signup', { body: { email, password } });
  return { email, res };
}

// A brand-new user who owns nothing yet: returns {email, token}.
async function newUser() {
  const { email, res } = await signup();
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.raw}`);
  const login = await call('POST', '/login', { body: { email, password: PASSWORD } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.raw}`);
  return { email, token: login.body.token };
}

// Create a task for the user with this token; returns the task as the server sent it.
async function makeTask(token, title = unique('task')) {
  const res = await call('POST', '/tasks', { token, body: { title } });
  if (res.status !== 201) throw new Error(`creating a task failed: ${res.status} ${res.raw}`);
  return res.body;
}

module.exports = { BASE_URL, PASSWORD, unique, call, signup, newUser, makeTask };
