import { test } from 'node:test';
import assert from 'node:assert/strict';
import { t } from './build.js';
import { tyToString } from './ty-string.js';

test('type strings follow the XenAPI notation', () => {
  assert.equal(tyToString(t.string), 'string');
  assert.equal(tyToString(t.int), 'int');
  assert.equal(tyToString(t.datetime), 'datetime');
  assert.equal(tyToString(t.ref('VM')), 'VM ref');
  assert.equal(tyToString(t.set(t.string)), 'string set');
  assert.equal(tyToString(t.smap), '(string -> string) map');
  assert.equal(tyToString(t.enum('vm_power_state')), 'enum vm_power_state');
  assert.equal(tyToString(t.record('VM')), 'VM record');
  assert.equal(tyToString(t.option(t.string)), 'string option');
  assert.equal(tyToString(t.map(t.ref('VM'), t.record('VM'))), '(VM ref -> VM record) map');
  assert.equal(tyToString(t.map(t.string, t.set(t.enum('x')))), '(string -> enum x set) map');
  assert.equal(tyToString(t.struct({ a: t.int, b: t.set(t.string) })), '{ a: int; b: string set }');
});
