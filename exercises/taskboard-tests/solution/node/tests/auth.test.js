'use strict';
// Accounts: signup, login and the token. A bug here lets strangers in.

const { describe, it, before } = require('node:test');
const assert = require('node:assert/strict');
const { PASSWORD, call, newUser, signup, unique } = require('./api');

describe('signup', () => {
  it('creates a user', async () => {
    const { email, res } = await signup();
    assert.equal(res.status, 201);
    assert.ok(Number.isInteger(res.body.id), `id should be an integer, got ${res.raw}`);
    assert.equal(res.body.email, email);
    assert.equal(res.body.role, 'user');
    assert.equal('password' in res.body, false);
  });

  it('refuses the same email twice, and the second signup changes nothing', async () => {
    const { email, res: first } = await signup();
    assert.equal(first.status, 201);
    const { res: second } = await signup({ email, password: 'another password 456' });
    assert.equal(second.status, 409);
    const login = await call('POST', '/login', { body: { email, password: PASSWORD } });
    assert.equal(login.status, 200);
  });

  it('refuses a short password', async () => {
    const { res } = await signup({ password: 'short' });
    assert.equal(res.status, 400);
  });
});

describe('login and the token', () => {
  let user;
  before(async () => {
    user = await newUser();
  });

  it('the token identifies the user', async () => {
    const res = await call('GET', '/me', { token: user.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.email, user.email);
  });

  it('a wrong password gets no token', async () => {
    const res = await call('POST', '/login', { body: { email: user.email, password: 'not the password 789' } });
    assert.equal(res.status, 401);
    assert.equal(res.body?.token, undefined);
  });

  it('an unknown email gets no token', async () => {
    const res = await call('POST', '/login', {
      body: { email: `${unique('nobody')}@example.com`, password: PASSWORD },
    });
    assert.equal(res.status, 401);
  });

  it('GET /me needs a valid token', async () => {
    assert.equal((await call('GET', '/me')).status, 401);
    assert.equal((await call('GET', '/me', { token: 'not-a-real-token' })).status, 401);
  });

  it('errors have the error shape', async () => {
    const res = await call('GET', '/me');
    assert.equal(res.body.error.code, 'unauthorized');
    assert.equal(typeof res.body.error.message, 'string');
  });
});
