import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../datamodel/api-error.js';
import {
  boolOption,
  destMap,
  figuresOtherConfig,
  migrateFailed,
  migrationFigures,
  parseDest,
  planDisks,
  planVifs,
  xenopsUrlFor,
} from './migrate-plan.js';

const wire = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e.toWire();
    throw e;
  }
  return undefined;
};

test("the destination map has xapi's keys and URLs carrying the session", () => {
  const d = destMap('http://10.0.0.2:8080', 'OpaqueRef:h', 'OpaqueRef:s');
  assert.deepEqual(d, {
    SM: 'http://10.0.0.2:8080/services/SM?session_id=OpaqueRef%3As',
    host: 'OpaqueRef:h',
    xenops: 'http://10.0.0.2:8080/services/xenops?session_id=OpaqueRef%3As',
    session_id: 'OpaqueRef:s',
    master: 'http://10.0.0.2:8080/',
  });
  assert.deepEqual(parseDest({ ...d, extra: 'x' }), d);
  assert.equal(
    xenopsUrlFor(d, 'OpaqueRef:vm'),
    'http://10.0.0.2:8080/services/xenops?session_id=OpaqueRef%3As&vm=OpaqueRef%3Avm',
  );
});

test('a destination map missing a key or with a bad URL is INVALID_VALUE', () => {
  const d = destMap('http://h', 'OpaqueRef:h', 'OpaqueRef:s');
  const { xenops: _x, ...noXenops } = d;
  assert.deepEqual(
    wire(() => parseDest(noXenops)),
    ['INVALID_VALUE', 'dest.xenops', ''],
  );
  assert.deepEqual(
    wire(() => parseDest({ ...d, master: 'ftp://h/' })),
    ['INVALID_VALUE', 'dest.master', 'ftp://h/'],
  );
});

test('every disk and NIC must be mapped; CD drives must be empty', () => {
  const disks = [
    { vbd: 'OpaqueRef:b1', vdi: 'OpaqueRef:d1', cd: false },
    { vbd: 'OpaqueRef:b2', vdi: 'OpaqueRef:d2', cd: false },
  ];
  assert.deepEqual(planDisks(disks, { 'OpaqueRef:d1': 'OpaqueRef:sr', 'OpaqueRef:d2': 'OpaqueRef:sr2' }), [
    { vdi: 'OpaqueRef:d1', sr: 'OpaqueRef:sr' },
    { vdi: 'OpaqueRef:d2', sr: 'OpaqueRef:sr2' },
  ]);
  assert.deepEqual(
    wire(() => planDisks(disks, { 'OpaqueRef:d1': 'OpaqueRef:sr' })),
    ['VDI_NOT_IN_MAP', 'OpaqueRef:d2'],
  );
  assert.equal(
    wire(() => planDisks([{ vbd: 'OpaqueRef:cd', vdi: 'OpaqueRef:iso', cd: true }], {}))?.[0],
    'OPERATION_NOT_ALLOWED',
  );
  assert.deepEqual(planVifs(['OpaqueRef:v'], { 'OpaqueRef:v': 'OpaqueRef:n' }), [
    { vif: 'OpaqueRef:v', network: 'OpaqueRef:n' },
  ]);
  assert.deepEqual(
    wire(() => planVifs(['OpaqueRef:v'], {})),
    ['VIF_NOT_IN_MAP', 'OpaqueRef:v'],
  );
});

test('boolean options take true or false', () => {
  assert.equal(boolOption({}, 'live', true), true);
  assert.equal(boolOption({ live: 'FALSE' }, 'live', true), false);
  assert.deepEqual(
    wire(() => boolOption({ live: 'yes' }, 'live', true)),
    ['INVALID_VALUE', 'options.live', 'yes'],
  );
});

test('failures of the move are VM_MIGRATE_FAILED; cancellations stay what they are', () => {
  const e = migrateFailed(
    new ApiError('XENOPS_NOT_SUPPORTED', ['simulator', 'VM.migrate']),
    'vm',
    'h1',
    'h2',
  );
  assert.deepEqual(e.toWire(), ['VM_MIGRATE_FAILED', 'vm', 'h1', 'h2', 'NOT_IMPLEMENTED VM.migrate']);
  const c = new ApiError('TASK_CANCELLED', ['OpaqueRef:t']);
  assert.equal(migrateFailed(c, 'vm', 'h1', 'h2'), c);
});

test("migrationFigures reads xenopsd's VM.migrate result, as an object or JSON text", () => {
  const f = { total_ms: 1234.5, downtime_ms: 12, bytes: 4096, disks_copied: 1 };
  assert.deepEqual(migrationFigures(f), f);
  assert.deepEqual(migrationFigures(JSON.stringify(f)), f);
  assert.deepEqual(migrationFigures({ ...f, extra: 'x' }), f);
  assert.equal(migrationFigures(undefined), undefined);
  assert.equal(migrationFigures('not json'), undefined);
  assert.equal(migrationFigures({ ...f, downtime_ms: -1 }), undefined);
  assert.equal(migrationFigures({ ...f, bytes: '4096' }), undefined);
  assert.deepEqual(figuresOtherConfig(f), {
    migration_total_ms: '1235',
    migration_downtime_ms: '12',
    migration_bytes: '4096',
    migration_disks_copied: '1',
  });
});
