// The store: RRDs per owner with the right archives, readings merged per
// owner, sources enabled and forgotten, errors for unknown owners.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RrdStore } from './store.js';
import type { DsDescriptor, Owner } from './rrd/types.js';
import { ApiError } from '../datamodel/api-error.js';

const HOST: Owner = { kind: 'host', uuid: '' };
const VM: Owner = { kind: 'vm', uuid: 'vm-1' };
const SR: Owner = { kind: 'sr', uuid: 'sr-1' };

function d(name: string, type: DsDescriptor['type'] = 'gauge', dflt = true): DsDescriptor {
  return {
    name,
    description: '',
    units: '',
    type,
    min: 0,
    max: Infinity,
    default: dflt,
    transform: 'identity',
  };
}

const T0 = 1_700_000_000;

test('host RRDs keep MIN/MAX; VM and SR RRDs only when asked', () => {
  const store = new RrdStore();
  const ds = [d('x')];
  store.update(T0, [
    { owner: HOST, descriptors: ds, values: Float64Array.of(1) },
    { owner: VM, descriptors: ds, values: Float64Array.of(1) },
  ]);
  assert.equal(store.get(HOST)?.rras().length, 10);
  assert.equal(store.get(VM)?.rras().length, 4);
  store.setUseMinMax(true);
  store.update(T0 + 5, [{ owner: SR, descriptors: ds, values: Float64Array.of(1) }]);
  assert.equal(store.get(SR)?.rras().length, 10);
  assert.equal(store.get(VM)?.rras().length, 4, 'existing RRDs keep their archives');
  assert.equal(new RrdStore({ useMinMax: true, enableAllDss: true }).owners().length, 0);
});

test('readings for one owner from several sources make one update; missing ones are unknown', () => {
  const store = new RrdStore();
  const a = [d('a')];
  const b = [d('b'), d('hidden', 'gauge', false)];
  store.update(T0, [
    { owner: VM, descriptors: a, values: Float64Array.of(1) },
    { owner: VM, descriptors: b, values: Float64Array.of(2, 99) },
  ]);
  store.update(T0 + 5, [
    { owner: VM, descriptors: a, values: Float64Array.of(3) },
    { owner: VM, descriptors: b, values: Float64Array.of(4, 99) },
  ]);
  store.update(T0 + 10, [{ owner: VM, descriptors: a, values: Float64Array.of(5) }]);
  const rrd = store.get(VM);
  assert.ok(rrd);
  assert.deepEqual(rrd.dsNames(), ['a', 'b']);
  assert.equal(rrd.lastUpdated, T0 + 10);
  assert.deepEqual([rrd.peek(0, 1, 0), rrd.peek(0, 1, 1)], [3, 4]);
  assert.deepEqual([rrd.peek(0, 0, 0), rrd.peek(0, 0, 1)], [5, NaN]);
});

test('counters reset (a new domain) reaches the RRD', () => {
  const store = new RrdStore();
  const ds = [d('net', 'derive')];
  store.update(T0, [{ owner: VM, descriptors: ds, values: Float64Array.of(1000) }]);
  store.update(T0 + 5, [{ owner: VM, descriptors: ds, values: Float64Array.of(1500) }]);
  store.update(T0 + 10, [{ owner: VM, descriptors: ds, values: Float64Array.of(50), countersReset: true }]);
  assert.deepEqual([store.get(VM)?.peek(0, 1, 0), store.get(VM)?.peek(0, 0, 0)], [100, 10]);
});

test('enable, forget and list data sources; unknown owners and names are errors', () => {
  const store = new RrdStore();
  const ds = [d('a'), d('extra', 'gauge', false)];
  store.update(T0, [{ owner: HOST, descriptors: ds, values: Float64Array.of(1, 2) }]);
  assert.deepEqual(
    store.queryPossibleDss(HOST).map((p) => [p.name, p.enabled, p.standard]),
    [
      ['a', true, true],
      ['extra', false, false],
    ],
  );
  store.addDs(HOST, 'extra');
  store.update(T0 + 5, [{ owner: HOST, descriptors: ds, values: Float64Array.of(3, 4) }]);
  assert.equal(store.get(HOST)?.peek(0, 0, 1), 4);
  store.forgetDs(HOST, 'a');
  assert.deepEqual(store.get(HOST)?.dsNames(), ['extra']);
  // a default source still offered starts again with no history
  store.update(T0 + 10, [{ owner: HOST, descriptors: ds, values: Float64Array.of(5, 6) }]);
  assert.deepEqual(store.get(HOST)?.dsNames(), ['extra', 'a']);
  assert.deepEqual([store.get(HOST)?.peek(0, 1, 1), store.get(HOST)?.peek(0, 0, 1)], [NaN, 5]);
  assert.equal(store.get(HOST)?.peek(0, 0, 0), 6);
  const code = (f: () => void): string | undefined => {
    try {
      f();
    } catch (e) {
      return e instanceof ApiError ? e.toWire().join(',') : 'not an ApiError';
    }
    return undefined;
  };
  assert.equal(
    code(() => store.addDs(HOST, 'never-offered')),
    'INVALID_VALUE,ds_name,never-offered',
  );
  assert.equal(
    code(() => store.forgetDs(HOST, 'zz')),
    'INVALID_VALUE,ds_name,zz',
  );
  assert.equal(
    code(() => store.queryPossibleDss(VM)),
    'UUID_INVALID,vm,vm-1',
  );
  assert.equal(store.remove(HOST), true);
  assert.equal(store.has(HOST), false);
});
