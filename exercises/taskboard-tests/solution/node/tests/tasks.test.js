'use strict';
// Tasks: every write must be visible to a later read, and nothing works without a token.

const { describe, it, before } = require('node:test');
const assert = require('node:assert/strict');
const { call, makeTask, newUser, unique } = require('./api');

describe('task writes', () => {
  let token;
  before(async () => {
    ({ token } = await newUser());
  });

  it('POST /tasks answers 201 with the task and its Location', async () => {
    const title = unique('Buy milk');
    const res = await call('POST', '/tasks', { token, body: { title } });
    assert.equal(res.status, 201);
    const task = res.body;
    assert.ok(Number.isInteger(task.id), `id should be an integer, got ${res.raw}`);
    assert.equal(task.title, title);
    assert.equal(task.done, false);
    assert.equal(res.headers.get('location'), `/tasks/${task.id}`);

    const again = await call('GET', `/tasks/${task.id}`, { token });
    assert.equal(again.status, 200);
    assert.equal(again.body.title, title);
  });

  it('the list holds my new task', async () => {
    const task = await makeTask(token);
    const res = await call('GET', '/tasks', { token });
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.body), `expected a JSON array, got ${res.raw}`);
    assert.ok(res.body.some((t) => t.id === task.id), `task ${task.id} should be listed: ${res.raw}`);
  });

  it('a PATCH of the title is stored', async () => {
    const task = await makeTask(token);
    const res = await call('PATCH', `/tasks/${task.id}`, { token, body: { title: 'renamed' } });
    assert.equal(res.status, 200);
    assert.equal(res.body.title, 'renamed');
    const again = await call('GET', `/tasks/${task.id}`, { token });
    assert.equal(again.body.title, 'renamed');
    assert.equal(again.body.done, false);
  });

  it('a PATCH of done is stored and keeps the title', async () => {
    const task = await makeTask(token);
    const res = await call('PATCH', `/tasks/${task.id}`, { token, body: { done: true } });
    assert.equal(res.status, 200);
    assert.equal(res.body.done, true);
    const again = await call('GET', `/tasks/${task.id}`, { token });
    assert.equal(again.body.done, true);
    assert.equal(again.body.title, task.title);
  });

  it('DELETE answers 204 with no body, and the task is gone', async () => {
    const task = await makeTask(token);
    const res = await call('DELETE', `/tasks/${task.id}`, { token });
    assert.equal(res.status, 204);
    assert.equal(res.raw, '');
    assert.equal((await call('GET', `/tasks/${task.id}`, { token })).status, 404);
    const listed = (await call('GET', '/tasks', { token })).body;
    assert.ok(!listed.some((t) => t.id === task.id), `deleted task ${task.id} is still listed`);
  });

  it('a task that does not exist is 404', async () => {
    const task = await makeTask(token);
    await call('DELETE', `/tasks/${task.id}`, { token });
    assert.equal((await call('PATCH', `/tasks/${task.id}`, { token, body: { title: 'x' } })).status, 404);
    assert.equal((await call('DELETE', `/tasks/${task.id}`, { token })).status, 404);
  });
});

describe('tasks need a token', () => {
  let token;
  before(async () => {
    ({ token } = await newUser());
  });

  it('listing and creating answer 401 without a valid token', async () => {
    assert.equal((await call('GET', '/tasks')).status, 401);
    assert.equal((await call('GET', '/tasks', { token: 'not-a-real-token' })).status, 401);
    assert.equal((await call('POST', '/tasks', { body: { title: 'anonymous' } })).status, 401);
  });

  it('reading and changing a task answer 401 without a token, and change nothing', async () => {
    const task = await makeTask(token);
    const path = `/tasks/${task.id}`;
    assert.equal((await call('GET', path)).status, 401);
    assert.equal((await call('PATCH', path, { body: { title: 'hijacked', done: true } })).status, 401);
    assert.equal((await call('DELETE', path)).status, 401);
    const again = await call('GET', path, { token });
    assert.equal(again.status, 200);
    assert.equal(again.body.title, task.title);
    assert.equal(again.body.done, false);
  });
});
