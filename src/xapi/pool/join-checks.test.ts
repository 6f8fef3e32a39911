import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstFailingJoinCheck, type JoinerFacts, type RemoteFacts } from './join-checks.js';

const SW = { product_version: '0.1.0', build_number: '0.1.0', platform_version: '0.1.0', db_schema: '1' };

const ME: JoinerFacts = {
  hostUuid: 'me',
  hostCount: 1,
  haEnabled: false,
  runningVms: 0,
  vmsWithCurrentOperations: 0,
  sharedSrs: 0,
  apiVersion: { major: 2, minor: 21 },
  softwareVersion: SW,
  cpuVendor: 'GenuineIntel',
};
const REMOTE: RemoteFacts = {
  masterUuid: 'them',
  haEnabled: false,
  apiVersion: { major: 2, minor: 21 },
  softwareVersion: SW,
  cpuVendor: 'GenuineIntel',
};

type Case = readonly [string, Partial<JoinerFacts>, Partial<RemoteFacts>, readonly string[] | undefined];

// One row per check that applies, in xapi's order (pools.md §1.2 numbering).
const ROWS: readonly Case[] = [
  ['all pass', {}, {}, undefined],
  ['3 HA on the joiner', { haEnabled: true }, {}, ['HA_IS_ENABLED']],
  ['6 HA on the remote pool', {}, { haEnabled: true }, ['HA_IS_ENABLED']],
  [
    '7 joining itself',
    {},
    { masterUuid: 'me' },
    ['OPERATION_NOT_ALLOWED', 'Host cannot become slave of itself'],
  ],
  [
    '7 joining its own pool',
    { hostCount: 2 },
    { masterUuid: 'me' },
    ['OPERATION_NOT_ALLOWED', 'Host is already part of a pool'],
  ],
  ['8 master of other hosts', { hostCount: 3 }, {}, ['JOINING_HOST_CANNOT_BE_MASTER_OF_OTHER_HOSTS']],
  ['9 running VM', { runningVms: 1 }, {}, ['JOINING_HOST_CANNOT_HAVE_RUNNING_VMS']],
  [
    '10 VM with current operations',
    { vmsWithCurrentOperations: 1 },
    {},
    ['JOINING_HOST_CANNOT_HAVE_VMS_WITH_CURRENT_OPERATIONS'],
  ],
  [
    '12 platform version',
    {},
    { softwareVersion: { ...SW, platform_version: '9' } },
    ['HOSTS_NOT_COMPATIBLE'],
  ],
  [
    '12 compatibility name',
    {},
    { softwareVersion: { ...SW, compatibility_name: 'other' } },
    ['HOSTS_NOT_COMPATIBLE'],
  ],
  [
    '13 software version',
    {},
    { softwareVersion: { ...SW, product_version: '0.2.0' } },
    ['HOSTS_NOT_HOMOGENEOUS', 'Software version differs'],
  ],
  ['13 CPUs', {}, { cpuVendor: 'AuthenticAMD' }, ['HOSTS_NOT_HOMOGENEOUS', 'CPUs differ']],
  ['14 shared SR', { sharedSrs: 1 }, {}, ['JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS']],
  [
    '18 API version',
    {},
    { apiVersion: { major: 2, minor: 20 } },
    ['POOL_JOINING_HOST_MUST_HAVE_SAME_API_VERSION', '2.21', '2.20'],
  ],
  [
    '19 DB schema',
    {},
    { softwareVersion: { ...SW, db_schema: '2' } },
    ['POOL_JOINING_HOST_MUST_HAVE_SAME_DB_SCHEMA', '1', '2'],
  ],
];

const check = (me: Partial<JoinerFacts>, remote: Partial<RemoteFacts>, force = false) =>
  firstFailingJoinCheck({ ...ME, ...me }, { ...REMOTE, ...remote }, { force })?.toWire();

test('each pre-check gives xapi’s wire code and parameters', () => {
  for (const [what, me, remote, expected] of ROWS) assert.deepEqual(check(me, remote), expected, what);
});

/** Several faults at once; software_version keys of different faults add up. */
function merge<T extends { softwareVersion?: Readonly<Record<string, string>> }>(parts: readonly T[]): T {
  const out = Object.assign({}, ...parts) as T;
  const sw = Object.assign({}, ...parts.map((p) => p.softwareVersion ?? {})) as Record<string, string>;
  return Object.keys(sw).length ? { ...out, softwareVersion: { ...SW, ...sw } } : out;
}

test('the first failing check wins, in xapi’s order', () => {
  // Every row's fault at once; dropping the first fault in turn reveals the next row.
  const faults = ROWS.slice(1).filter(([what]) => what !== '7 joining its own pool');
  for (let i = 0; i < faults.length; i++) {
    const rest = faults.slice(i);
    const [what, , , expected] = faults[i] as Case;
    const got = check(merge(rest.map((f) => f[1])), merge(rest.map((f) => f[2])));
    // Codes only: with row 8's other hosts present, row 7 says "already part of a pool".
    assert.equal(got?.[0], expected?.[0], what);
  }
});

test('join_force skips only the homogeneity check', () => {
  assert.equal(check({}, { softwareVersion: { ...SW, product_version: '0.2.0' } }, true), undefined);
  assert.equal(check({}, { cpuVendor: 'AuthenticAMD' }, true), undefined);
  assert.deepEqual(check({ runningVms: 2 }, {}, true), ['JOINING_HOST_CANNOT_HAVE_RUNNING_VMS']);
  assert.deepEqual(check({}, { apiVersion: { major: 3, minor: 0 } }, true), [
    'POOL_JOINING_HOST_MUST_HAVE_SAME_API_VERSION',
    '2.21',
    '3.0',
  ]);
});
