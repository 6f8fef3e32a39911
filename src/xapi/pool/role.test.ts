import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatRole,
  loadRole,
  MASTER,
  nextRole,
  parseRole,
  RoleTransitionError,
  saveRole,
  type PoolRole,
  type RoleEvent,
} from './role.js';

const slave = (master: string): PoolRole => ({ kind: 'slave', master });
const emergency = (master: string): PoolRole => ({ kind: 'emergency', master });

// Every role against every event: the role after it, or 'refused'.
const TABLE: readonly (readonly [PoolRole, RoleEvent, PoolRole | 'refused'])[] = [
  [MASTER, { kind: 'joined', master: '10.0.0.1' }, slave('10.0.0.1')],
  [slave('a'), { kind: 'joined', master: 'b' }, 'refused'],
  [emergency('a'), { kind: 'joined', master: 'b' }, 'refused'],
  [MASTER, { kind: 'elected' }, MASTER],
  [slave('a'), { kind: 'elected' }, MASTER],
  [emergency('a'), { kind: 'elected' }, 'refused'],
  [MASTER, { kind: 'master-changed', master: 'b' }, slave('b')],
  [slave('a'), { kind: 'master-changed', master: 'b' }, slave('b')],
  [emergency('a'), { kind: 'master-changed', master: 'b' }, 'refused'],
  [MASTER, { kind: 'emergency-transition' }, 'refused'],
  [slave('a'), { kind: 'emergency-transition' }, MASTER],
  [emergency('a'), { kind: 'emergency-transition' }, MASTER],
  [MASTER, { kind: 'emergency-reset', master: 'b' }, 'refused'],
  [slave('a'), { kind: 'emergency-reset', master: 'b' }, slave('b')],
  [emergency('a'), { kind: 'emergency-reset', master: 'b' }, slave('b')],
  [MASTER, { kind: 'master-lost' }, 'refused'],
  [slave('a'), { kind: 'master-lost' }, emergency('a')],
  [emergency('a'), { kind: 'master-lost' }, 'refused'],
  [MASTER, { kind: 'ejected' }, 'refused'],
  [slave('a'), { kind: 'ejected' }, MASTER],
  [emergency('a'), { kind: 'ejected' }, MASTER],
];

test('role transitions: every role against every event', () => {
  for (const [role, event, expected] of TABLE) {
    const what = `${JSON.stringify(role)} + ${event.kind}`;
    if (expected === 'refused') assert.throws(() => nextRole(role, event), RoleTransitionError, what);
    else assert.deepEqual(nextRole(role, event), expected, what);
  }
});

test('pool.conf holds "master" or "slave:<address>", as xapi writes it', () => {
  assert.equal(formatRole(MASTER), 'master\n');
  assert.equal(formatRole(slave('192.0.2.7')), 'slave:192.0.2.7\n');
  assert.deepEqual(parseRole('master\n'), MASTER);
  assert.deepEqual(parseRole('slave:127.0.0.2:8080'), slave('127.0.0.2:8080'));
  for (const bad of ['', 'slave:', 'slave', 'Master', 'emergency:a'])
    assert.throws(() => parseRole(bad), /pool\.conf/, JSON.stringify(bad));
});

test('the role is loaded from the state directory; a host without the file is master', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pool-role-'));
  try {
    assert.deepEqual(loadRole(dir), MASTER);
    saveRole(dir, slave('10.1.1.1'));
    assert.equal(readFileSync(join(dir, 'pool.conf'), 'utf8'), 'slave:10.1.1.1\n');
    assert.equal(statSync(join(dir, 'pool.conf')).mode & 0o777, 0o600);
    assert.deepEqual(loadRole(dir), slave('10.1.1.1'));
    writeFileSync(join(dir, 'pool.conf'), 'garbage\n');
    assert.throws(() => loadRole(dir), /pool\.conf/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
