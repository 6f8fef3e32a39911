import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';

test('a password verifies against its own hash only', async () => {
  const h = await hashPassword('s3cret');
  assert.match(h, /^scrypt\$16384\$8\$1\$/);
  assert.equal(await verifyPassword('s3cret', h), true);
  assert.equal(await verifyPassword('s3cret!', h), false);
  assert.notEqual(await hashPassword('s3cret'), h, 'salted');
});

test('malformed stored hashes never verify', async () => {
  assert.equal(await verifyPassword('x', ''), false);
  assert.equal(await verifyPassword('x', 'md5$abc'), false);
});

test('generated passwords are long and distinct', () => {
  const a = generatePassword();
  assert.ok(a.length >= 20);
  assert.notEqual(a, generatePassword());
});
