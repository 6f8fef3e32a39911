// Golden tests of placement: for each pool in fixtures/, every VM's boot
// check on every host, its possible hosts and the host VM.start would take,
// and every host's evacuation plan, compared with
// test/golden/placement/<pool>.json. UPDATE_GOLDEN=1 rewrites them. The
// figures behind the key answers are also asserted by hand below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../datamodel/api-error.js';
import { checkBootHere, hostFreeMemory, startMemory } from './boot-check.js';
import { chooseHost, possibleHosts } from './choose.js';
import { planEvacuation } from './evacuation.js';
import type { PoolSnapshot, VmFacts } from './snapshot.js';
import type { VmPowerState } from '../../generated/api-types.js';

const MIB = 1024 * 1024;
const NULL = 'OpaqueRef:NULL';
const fixtures = join(import.meta.dirname, 'fixtures');
const goldens = join(import.meta.dirname, '..', '..', '..', 'test', 'golden', 'placement');

interface PoolFixture {
  hosts: {
    ref: string;
    memoryMiB: number;
    srs: string[];
    pifs?: string[];
    enabled?: boolean;
    live?: boolean;
  }[];
  networks?: string[];
  vms: {
    ref: string;
    power?: VmPowerState;
    on?: string;
    scheduled?: string;
    memoryMiB: number;
    dynamicMinMiB?: number;
    affinity?: string;
    srs?: string[];
    networks?: string[];
    migrateError?: string[];
  }[];
}

/** A snapshot from a fixture: HVM guests with one vCPU; overheads from the memory model. */
function snapshotOf(f: PoolFixture): PoolSnapshot {
  const vms: Record<string, VmFacts> = {};
  for (const v of f.vms) {
    const shape = { static_max: v.memoryMiB * MIB, VCPUs_max: 1, shadow_multiplier: 1, mode: 'hvm' as const };
    const dynamicMin = (v.dynamicMinMiB ?? v.memoryMiB) * MIB;
    const facts: VmFacts = {
      ref: v.ref,
      powerState: v.power ?? 'Halted',
      residentOn: v.on ?? NULL,
      scheduledOn: v.scheduled ?? NULL,
      isControlDomain: false,
      affinity: v.affinity ?? NULL,
      domainType: 'hvm',
      shape,
      staticMax: shape.static_max,
      dynamicMin,
      memoryOverhead: 0,
      srs: v.srs ?? [],
      networks: v.networks ?? [],
      ...(v.migrateError ? { migrateError: v.migrateError } : {}),
    };
    vms[v.ref] = { ...facts, memoryOverhead: startMemory(facts) - dynamicMin };
  }
  const networks: Record<string, PoolSnapshot['networks'][string]> = {};
  for (const n of f.networks ?? []) {
    const pifHosts = f.hosts.filter((h) => h.pifs?.includes(n)).map((h) => h.ref);
    networks[n] = { ref: n, pifHosts, managed: true, assumeShared: false };
  }
  return {
    hosts: f.hosts.map((h) => ({
      ref: h.ref,
      enabled: h.enabled ?? true,
      live: h.live ?? true,
      evacuating: false,
      memoryTotal: h.memoryMiB * MIB,
      memoryOverhead: 0,
      srs: h.srs,
    })),
    vms,
    networks,
  };
}

const wire = (r: ApiError | undefined): string | string[] => (r ? r.toWire() : 'ok');

function render(snap: PoolSnapshot): string {
  const vms: Record<string, unknown> = {};
  for (const vm of Object.keys(snap.vms)) {
    const boot: Record<string, string | string[]> = {};
    for (const h of snap.hosts) boot[h.ref] = wire(checkBootHere(snap, vm, h.ref));
    const chosen = chooseHost(snap, vm);
    vms[vm] = {
      boot,
      possible_hosts: possibleHosts(snap, vm),
      start: chosen instanceof ApiError ? chosen.toWire() : chosen,
    };
  }
  const evacuation: Record<string, unknown> = {};
  for (const h of snap.hosts) {
    const plan = planEvacuation(snap, h.ref);
    evacuation[h.ref] = {
      moves: Object.fromEntries(plan.moves),
      blockers: Object.fromEntries(plan.blockers),
    };
  }
  const free = Object.fromEntries(snap.hosts.map((h) => [h.ref, hostFreeMemory(snap, h.ref) / MIB]));
  return `${JSON.stringify({ free_memory_mib: free, vms, evacuation }, null, 2)}\n`;
}

const load = (name: string): PoolSnapshot =>
  snapshotOf(JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as PoolFixture);
const names = readdirSync(fixtures)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

for (const name of names) {
  test(`placement in the pool ${name} matches its golden file`, () => {
    const text = render(load(name));
    const file = join(goldens, `${name}.json`);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(goldens, { recursive: true });
      writeFileSync(file, text);
    }
    assert.ok(existsSync(file), `missing golden ${file} (UPDATE_GOLDEN=1 writes it)`);
    // Compared as JSON, so that the files may be formatted by prettier.
    assert.deepEqual(JSON.parse(text), JSON.parse(readFileSync(file, 'utf8')));
  });
}

test('every golden file belongs to a fixture', () => {
  const files = readdirSync(goldens).map((f) => f.replace(/\.json$/, ''));
  assert.deepEqual(files.sort(), [...names].sort());
});

// A 1 GiB HVM guest with one vCPU: 1024 MiB + 12 MiB of overhead (2 extra,
// 9 shadow, 1 of Xen's per-vCPU pages).
const GIB_VM = 1036 * MIB;

test('memory: free memory charges resident and scheduled VMs; the start needs dynamic_min plus overhead', () => {
  const s = load('two-hosts-shared');
  assert.equal(startMemory(s.vms['d'] as VmFacts), GIB_VM);
  assert.equal(hostFreeMemory(s, 'h1'), 8192 * MIB - (2048 + 1024 + 12 + 12 + 8) * MIB);
  const e = s.vms['e'] as VmFacts;
  assert.deepEqual(wire(checkBootHere(s, 'e', 'h1')), [
    'HOST_NOT_ENOUGH_FREE_MEMORY',
    String(startMemory(e)),
    String(hostFreeMemory(s, 'h1')),
  ]);
  // Too big everywhere: the host with the most memory is chosen and reports the shortfall.
  assert.deepEqual(wire(chooseHost(s, 'e') as ApiError), wire(checkBootHere(s, 'e', 'h1')));
  const t = load('memory-tight');
  // A VM scheduled on h2 is charged there, but not against itself.
  assert.equal(hostFreeMemory(t, 'h2'), (4096 - 512 - 8) * MIB);
  assert.equal(hostFreeMemory(t, 'h2', 'incoming'), 4096 * MIB);
  // A ballooning guest starts at dynamic_min.
  assert.equal(startMemory(t.vms['ballooned'] as VmFacts), (512 + 20) * MIB);
});

test('choice: the affinity host first, else the most free memory; nothing fits: NO_HOSTS_AVAILABLE', () => {
  const s = load('two-hosts-shared');
  assert.equal(chooseHost(s, 'c'), 'h2');
  assert.equal(chooseHost(s, 'd'), 'h1');
  const o = load('disabled-offline');
  // z's affinity host is not live: it goes elsewhere; y is pinned by its internal network.
  assert.equal(chooseHost(o, 'z'), 'h1');
  assert.deepEqual(possibleHosts(o, 'y'), ['h1']);
  assert.deepEqual(wire(checkBootHere(o, 'y', 'h2')), ['HOST_DISABLED', 'h2']);
  assert.deepEqual(wire(checkBootHere(o, 'y', 'h3')), ['HOST_NOT_LIVE']);
  const l = load('local-storage');
  assert.equal(chooseHost(l, 'suspended'), 'h2');
  assert.deepEqual(wire(checkBootHere(l, 'suspended', 'h1')), ['VM_REQUIRES_SR', 'suspended', 'local2']);
  const noHosts: PoolSnapshot = { ...l, hosts: l.hosts.map((h) => ({ ...h, enabled: false })) };
  assert.deepEqual(wire(chooseHost(noHosts, 'agile') as ApiError), ['NO_HOSTS_AVAILABLE']);
});

test('evacuation: biggest first onto the most room, claims counted, the rest blocked with xapi’s reasons', () => {
  const t = load('memory-tight');
  // h2: 4096 − 520 (incoming) = 3576 MiB free; h3: 3072. big (2580) → h2 (996 left);
  // mid (2068) → h3 (1004 left); small (1036) and last (1036) fit nowhere.
  assert.deepEqual(planEvacuation(t, 'h1'), {
    moves: [
      ['big', 'h2'],
      ['mid', 'h3'],
    ],
    blockers: [
      ['small', ['HOST_NOT_ENOUGH_FREE_MEMORY', 'small']],
      ['last', ['HOST_NOT_ENOUGH_FREE_MEMORY', 'last']],
    ],
  });
  const l = load('local-storage');
  assert.deepEqual(planEvacuation(l, 'h1'), {
    moves: [['agile', 'h2']],
    blockers: [['pinned', ['VM_REQUIRES_SR', 'pinned', 'local1']]],
  });
  const o = load('disabled-offline');
  assert.deepEqual(planEvacuation(o, 'h1').blockers, [['x', ['HOST_NOT_LIVE']]]);
  assert.deepEqual(planEvacuation(o, 'h2').blockers, [
    ['busy', ['OTHER_OPERATION_IN_PROGRESS', 'VM', 'busy', 'clean_shutdown']],
  ]);
  const alone: PoolSnapshot = { ...o, hosts: o.hosts.filter((h) => h.ref === 'h1') };
  assert.deepEqual(planEvacuation(alone, 'h1'), {
    moves: [],
    blockers: [['x', ['NO_HOSTS_AVAILABLE', 'x']]],
  });
});
