'use strict';
// Your taskboard's test suite starts here.
//
// Run it against a server you started yourself:
//     PORT=3000 node server.js &
//     BASE_URL=http://127.0.0.1:3000 npm test
//
// `npm test` runs `node --test tests/*.test.js` (the "test" script of package.json): every file in this
// folder whose name ends in .test.js is a test file, and every it() (or test()) in it is a test. api.js
// has the helpers: call(), newUser(), makeTask(), signup(), unique().
//
// This one example passes against a correct taskboard, but it catches none of the bugs roadwork's mutants
// carry: it never reads anything back and never tries something that must be refused. See README.md.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { signup } = require('./api');

describe('example', () => {
  it('signup answers 201', async () => {
    const { email, res } = await signup();
    assert.equal(res.status, 201);
    assert.equal(res.body.email, email);
  });

  // TODO 1: authentication. Without an Authorization header (and with a made-up token), GET /tasks,
  //         POST /tasks, and GET, PATCH and DELETE /tasks/<id> answer 401, and the task is unchanged.
  // TODO 2: login. A wrong password answers 401 and no token.
  // TODO 3: writes. After POST, PATCH (title, and done) and DELETE, a second request shows the change:
  //         GET /tasks/<id> and GET /tasks. Assert the exact status codes: 201, 200, 204 (empty body).
  // TODO 4: ownership. With two users from newUser(): Bob's GET /tasks never lists Alice's task, and
  //         Bob's GET, PATCH and DELETE of it answer 403 or 404 and leave it as it was.
});
