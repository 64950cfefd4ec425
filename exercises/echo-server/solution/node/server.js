'use strict';
// Reference solution for the exercise echo-server (project: notes): hello-server plus /echo, with
// Express 5. Run it with `PORT=3000 node server.js`.
//
// Routes:
//   GET  /health            200 {"status": "ok"}
//   GET  /hello?name=Ada    200 {"message": "Hello, Ada!"}  (no name or an empty one: "Hello, world!")
//   GET  /echo/<word>       200 {"word": "<word, percent-decoded>"}
//   GET  /echo?a=1&b=&c=x&c=y
//                           200 {"query": {"a": "1", "b": "", "c": ["x", "y"]}}
//   POST /echo              200 {"json": <the JSON object of the request body>}
//                           400 when the body is not valid JSON, or not an object
//   a known path with a method it does not support
//                           405 {"error": "..."} with an Allow header listing the methods it supports
//   anything else           404 {"error": "..."}
// Every response is JSON, errors included.

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
// Parse every request body as JSON into req.body, whatever its Content-Type says (the README asks for
// none). Malformed JSON becomes an error with status 400, which the error-handling middleware at the end
// turns into {"error": ...}; without a body, req.body stays undefined.
app.use(express.json({ type: () => true }));

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
    // With the simple parser, req.query already has the shape we answer: a string per parameter,
    // '' for "?note=", and an array for a repeated key.
    res.json({ query: { ...req.query } });
  })
  .post((req, res) => {
    const body = req.body; // undefined without a body: not a JSON object either
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      res.status(400).json({ error: 'the request body must be a JSON object' });
      return;
    }
    res.json({ json: body });
  })
  .all(methodNotAllowed('GET', 'POST'));

app
  .route('/echo/:word')
  .get((req, res) => {
    // Express has already percent-decoded req.params: "two%20words" arrives as "two words".
    res.json({ word: req.params.word });
  })
  .all(methodNotAllowed('GET'));

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
