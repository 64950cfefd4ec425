'use strict';
// Ownership: another user's task is invisible and untouchable (404, or 403, and nothing changes).

const { describe, it, before } = require('node:test');
const assert = require('node:assert/strict');
const { call, makeTask, newUser } = require('./api');

const NOT_YOURS = [403, 404];

describe('another user\'s task', () => {
  let alice;
  let bob;
  before(async () => {
    alice = (await newUser()).token;
    bob = (await newUser()).token;
  });

  it('is not in Bob\'s list', async () => {
    const task = await makeTask(alice);
    const mine = await makeTask(bob);
    const res = await call('GET', '/tasks', { token: bob });
    assert.equal(res.status, 200);
    const listed = res.body.map((t) => t.id);
    assert.ok(listed.includes(mine.id), `Bob's own task ${mine.id} should be listed: ${res.raw}`);
    assert.ok(!listed.includes(task.id), `Alice's task ${task.id} must not be in Bob's list: ${res.raw}`);
  });

  it('cannot be read by Bob', async () => {
    const task = await makeTask(alice);
    const res = await call('GET', `/tasks/${task.id}`, { token: bob });
    assert.ok(NOT_YOURS.includes(res.status), `expected 403 or 404, got ${res.status}`);
  });

  it('cannot be changed by Bob', async () => {
    const task = await makeTask(alice);
    const res = await call('PATCH', `/tasks/${task.id}`, { token: bob, body: { title: 'bob was here', done: true } });
    assert.ok(NOT_YOURS.includes(res.status), `expected 403 or 404, got ${res.status}`);
    const again = await call('GET', `/tasks/${task.id}`, { token: alice });
    assert.equal(again.body.title, task.title);
    assert.equal(again.body.done, false);
  });

  it('cannot be deleted by Bob', async () => {
    const task = await makeTask(alice);
    const res = await call('DELETE', `/tasks/${task.id}`, { token: bob });
    assert.ok(NOT_YOURS.includes(res.status), `expected 403 or 404, got ${res.status}`);
    assert.equal((await call('GET', `/tasks/${task.id}`, { token: alice })).status, 200);
  });
});
