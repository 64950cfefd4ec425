'use strict';
// roadwork: starter
//| // Your notes server. It starts as the exercise hello-server and grows with every notes exercise.
// roadwork: solution
// Reference solution for the exercise hello-server (project: notes), with Express 5.
// Run it with `PORT=3000 node server.js`.
// roadwork: end
//
// roadwork: starter
//| // Run it by hand:   PORT=3000 node server.js
//| // Try it:           curl -i http://127.0.0.1:3000/health
//| // Check it:         roadwork check hello-server
//| //
//| // It already listens on the right address and answers every request, but only with
//| // "501 Not Implemented". Follow the TODO comments below to build the real routes; README.md
//| // describes exactly what each one must answer.
//| //
//| // This file uses only Node's built-in `http` module, so it runs without `npm install`.
//| // Prefer Express? package.json already lists it: run `npm install`, then rewrite this file with
//| // `const express = require('express')`. roadwork still starts it with `node server.js`.
// roadwork: solution
// Routes:
//   GET /health            200 {"status": "ok"}
//   GET /hello?name=Ada    200 {"message": "Hello, Ada!"}  (no name or an empty one: "Hello, world!")
//   anything else          404 {"error": "..."}
// Every response is JSON, errors included.
// roadwork: end

// roadwork: starter
//| const http = require('node:http');
// roadwork: solution
const express = require('express');
// roadwork: end

// roadwork: starter
//| // roadwork tells your server where to listen through environment variables: HOST is 127.0.0.1
//| // and PORT is a free port it picked. The defaults are for running the server by hand.
// roadwork: solution
// roadwork (and most hosting platforms) say where to listen through the environment.
// roadwork: end
const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT) || 3000;

// roadwork: starter
//| // Answers with `data` (an object or array) as JSON and the status code `status`.
//| function sendJson(res, status, data) {
//|   const body = JSON.stringify(data);
//|   res.writeHead(status, {
//|     'Content-Type': 'application/json',
//|     'Content-Length': Buffer.byteLength(body),
//|   });
//|   res.end(body);
//| }
// roadwork: solution
const app = express();
app.disable('x-powered-by'); // no need to tell every client which framework we run
// roadwork: end

// roadwork: starter
//| const server = http.createServer((req, res) => {
//|   // "/hello?name=Ada" -> url.pathname "/hello", url.searchParams.get('name') "Ada"
//|   // (get() returns null when the name is missing).
//|   const url = new URL(req.url, 'http://localhost');
//|
//|   // TODO 1: GET /health answers 200 with the JSON {"status": "ok"}.
//|   //         Check req.method and url.pathname, call sendJson(...) and then return.
//|
//|   // TODO 2: GET /hello answers 200 with {"message": "Hello, <name>!"}, where <name> comes from
//|   //         the query string (?name=Ada). No name, or an empty one, greets "world".
//|
//|   // TODO 3: any other method or path answers 404 with a JSON error such as {"error": "not found"}.
//|
//|   // Until every route is done, whatever is left over lands here. Delete this line at the end.
//|   sendJson(res, 501, {
//|     error: `not implemented yet: ${req.method} ${url.pathname} (open server.js and follow the TODOs)`,
//|   });
// roadwork: solution
app.get('/health', (req, res) => {
  res.json({ status: 'ok' });
// roadwork: end
});

// roadwork: starter
//| server.listen(PORT, HOST, () => {
// roadwork: solution
app.get('/hello', (req, res) => {
  // ?name=a&name=b arrives as an array: greet the first one.
  const raw = Array.isArray(req.query.name) ? req.query.name[0] : req.query.name;
  const name = typeof raw === 'string' && raw !== '' ? raw : 'world';
  res.json({ message: `Hello, ${name}!` });
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

const server = app.listen(PORT, HOST, (err) => {
  if (err) throw err; // Express 5 passes listen errors (a port in use) here
// roadwork: end
  console.log(`notes server listening on http://${HOST}:${PORT}`);
});

// roadwork: starter
//| // roadwork stops your server with SIGTERM: close the server and exit cleanly.
//| function shutdown() {
// roadwork: solution
// roadwork stops the server with SIGTERM: stop accepting connections, let requests in progress
// finish, then exit with status 0. A connection that stays open cannot hold the exit up for long.
function shutdown(signal) {
  console.log(`${signal} received, shutting down`);
// roadwork: end
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
