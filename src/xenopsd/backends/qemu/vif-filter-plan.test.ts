// Golden-file tests of the VIF packet filter plan: each test/golden/vif-filter/NAME.json
// ({tap, mac, mode}, the mode in its xenops wire form) has NAME.rules, the
// ebtables-restore input that replaces the tap's chain, or "no chain" for a mode
// that needs none. UPDATE_GOLDEN=1 rewrites them. Files that belong to no case fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LockingModeC } from '../../types.js';
import {
  hostJumps,
  listedChains,
  listsRule,
  ownTapChains,
  tapChainScript,
  tapJump,
  tapRules,
} from './vif-filter-plan.js';

const dir = new URL('../../../../test/golden/vif-filter/', import.meta.url).pathname;
const update = process.env.UPDATE_GOLDEN === '1';
const files = readdirSync(dir).sort();
const cases = files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));

test('every vif-filter golden file belongs to a case', () => {
  const orphans = files.filter((f) => {
    const m = /^(.*)\.rules$/.exec(f);
    return m === null ? !f.endsWith('.json') : !cases.includes(m[1] as string);
  });
  assert.deepEqual(orphans, []);
  assert.ok(cases.length >= 5, `only ${cases.length} cases`);
});

for (const name of cases) {
  test(`vif-filter golden: ${name}`, () => {
    const f = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as {
      tap: string;
      mac: string;
      mode: unknown;
    };
    const rules = tapRules(f.mac, LockingModeC.decode(f.mode, 'mode'));
    const text = rules ? tapChainScript(f.tap, rules) : 'no chain\n';
    const want = join(dir, `${name}.rules`);
    if (update) return writeFileSync(want, text);
    assert.ok(existsSync(want), `${name}: no ${name}.rules (run with UPDATE_GOLDEN=1)`);
    assert.equal(text, readFileSync(want, 'utf8'));
  });
}

test('only the host tag’s interfaces enter its chain, and only its chains are its own', () => {
  assert.deepEqual(hostJumps('1a2b'), [
    { chain: 'FORWARD', rule: ['-i', 'xt1a2b+', '-j', 'xapi-ts-1a2b'] },
    { chain: 'INPUT', rule: ['-i', 'xt1a2b+', '-j', 'xapi-ts-1a2b'] },
  ]);
  // What `ebtables -L` prints (ebtables-nft 1.8.9), with another tag's and someone else's chains.
  const listing = [
    'Bridge table: filter',
    '',
    'Bridge chain: FORWARD, entries: 2, policy: ACCEPT',
    '-i xt1a2b+ -j xapi-ts-1a2b',
    '-i xt9f9f+ -j xapi-ts-9f9f',
    '',
    'Bridge chain: xapi-ts-1a2b, entries: 1, policy: RETURN',
    '-i xt1a2bv3.0 -j xapi-ts-xt1a2bv3.0',
    '',
    'Bridge chain: xapi-ts-xt1a2bv3.0, entries: 1, policy: RETURN',
    '-j DROP',
    '',
    'Bridge chain: xapi-ts-xt9f9fv1.0, entries: 1, policy: RETURN',
    '-j DROP',
    '',
    'Bridge chain: MINE, entries: 0, policy: RETURN',
  ].join('\n');
  const chains = listedChains(listing);
  assert.deepEqual(chains, ['FORWARD', 'xapi-ts-1a2b', 'xapi-ts-xt1a2bv3.0', 'xapi-ts-xt9f9fv1.0', 'MINE']);
  assert.deepEqual(ownTapChains('1a2b', chains), ['xt1a2bv3.0']);
  assert.ok(listsRule(listing, tapJump('xt1a2bv3.0')));
  assert.ok(!listsRule(listing, tapJump('xt1a2bv3.1')));
  assert.ok(listsRule(listing, (hostJumps('9f9f')[0] as { rule: readonly string[] }).rule));
});
