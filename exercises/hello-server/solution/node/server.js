'use strict';
// Reference solution for the exercise hello-server (project: notes), with Express 5.
// Run it with `PORT=3000 node server.js`.
//
// Routes:
//   GET /health            200 {"status": "ok"}
//   GET /hello?name=Ada    200 {"message": "Hello, Ada!"}  (no name or an empty one: "Hello, world!")
//   anything else          404 {"error": "..."}
// Every response is JSON, errors included.

const express = require('express');

// roadwork (and most hosting platforms) say where to listen through the environment.
const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT) || 3000;

const app = express();
app.disable('x-powered-by'); // no need to tell every client which framework we run

app.get('/health', (req, res) => {
  res.json({ status: 'ok' });
});

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
