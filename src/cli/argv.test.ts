import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Params, parseArgs, parseRc, splitExtraArgs, SyntaxError } from './argv.js';

test('key=value words, --switches and bare words, in order', () => {
  const p = parseArgs(['vm-list', 'power-state=running', '--minimal', 'other-config:a=b=c', 'bare']);
  assert.equal(p.command, 'vm-list');
  assert.deepEqual(p.params, [
    ['power-state', 'running'],
    ['minimal', 'true'],
    ['other-config:a', 'b=c'],
    ['bare', ''],
  ]);
  assert.deepEqual(p.connection, {});
});

test('connection options anywhere, in both spellings', () => {
  const p = parseArgs(['-s', 'h1', 'vm-list', '-p', '9', '-u', 'alice', '-pw', 'pw', 'uuid=x', '--nossl']);
  assert.deepEqual(p.connection, { server: 'h1', port: '9', username: 'alice', password: 'pw', nossl: true });
  assert.deepEqual(p.params, [['uuid', 'x']]);
  const q = parseArgs(['vm-list', 'server=h2', 'username=bob', 'passwordfile=/f', 'port=1']);
  assert.deepEqual(q.connection, { server: 'h2', username: 'bob', passwordFile: '/f', port: '1' });
  assert.deepEqual(q.params, []);
  assert.deepEqual(parseArgs(['-pwf', '/p', 'help']).connection, { passwordFile: '/p' });
});

test('defaults come first and the command line wins', () => {
  const p = parseArgs(['-s', 'cli', 'vm-list'], ['server=rc', 'username=rcuser']);
  assert.equal(p.connection.server, 'cli');
  assert.equal(p.connection.username, 'rcuser');
});

test('syntax errors: a switch without its value, a missing command name', () => {
  assert.throws(() => parseArgs(['vm-list', '-s']), SyntaxError);
  assert.throws(() => parseArgs(['uuid=x']), /command name is missing/);
  assert.equal(parseArgs([]).command, undefined);
  assert.throws(() => parseArgs(['vm-list', '-x']), /Unknown switch: -x/);
  assert.deepEqual(parseArgs(['vm-param-set', 'user-version=-1']).params, [['user-version', '-1']]);
});

test('XE_EXTRA_ARGS splits on commas with \\, escapes; rc files are key=value lines', () => {
  assert.deepEqual(splitExtraArgs('server=a,password=x\\,y,,port=2'), ['server=a', 'password=x,y', 'port=2']);
  assert.deepEqual(parseRc('# comment\nserver = h\n\nusername=root\nbad line\n'), [
    ['server', 'h'],
    ['username', 'root'],
  ]);
});

test('Params: first occurrence wins, booleans, map prefixes', () => {
  const p = new Params([
    ['a', '1'],
    ['a', '2'],
    ['force', 'true'],
    ['multiple', 'false'],
    ['other-config:x', '1'],
    ['other-config:y', '2'],
  ]);
  assert.equal(p.get('a'), '1');
  assert.equal(p.bool('force'), true);
  assert.equal(p.bool('multiple'), false);
  assert.equal(p.bool('absent'), false);
  assert.deepEqual(p.mapOf('other-config'), { x: '1', y: '2' });
});
