import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '../datamodel/errors/index.js';
import { commandTable } from './commands/index.js';
import { errorWords, paramLines } from './error-words.js';
import { cliClassByName, cliClasses, fieldByName, qualifierTag, type CliClass } from './model.js';

const cls = (n: string): CliClass => cliClassByName.get(n) as CliClass;

test("field names and qualifier tags follow xe's", () => {
  const vm = cls('vm');
  const tag = (c: CliClass, n: string) => {
    const f = fieldByName(c, n);
    assert.ok(f, `${c.name} has ${n}`);
    return qualifierTag(f);
  };
  assert.equal(tag(vm, 'uuid'), '( RO)');
  assert.equal(tag(vm, 'name-label'), '( RW)');
  assert.equal(tag(vm, 'power-state'), '( RO)');
  assert.equal(tag(vm, 'other-config'), '(MRW)');
  assert.equal(tag(vm, 'tags'), '(SRW)');
  assert.equal(tag(vm, 'allowed-operations'), '(SRO)');
  assert.equal(tag(vm, 'current-operations'), '(MRO)');
  // StaticRO fields with a hand-written setter are writable (VM.set_VCPUs_max).
  assert.equal(tag(vm, 'VCPUs-max'), '( RW)');
  assert.equal(tag(vm, 'domid'), '( RO)');
  assert.equal(tag(cls('vif'), 'vm-uuid'), '( RO)');
  assert.equal(tag(cls('vif'), 'vm-name-label'), '( RO)');
  assert.equal(tag(cls('vdi'), 'sr-uuid'), '( RO)');
  assert.equal(tag(cls('pool'), 'master'), '( RO)');
});

test('every listable class gets its commands; VM has vm, template and snapshot views', () => {
  const table = commandTable();
  for (const c of cliClasses) {
    for (const suffix of ['-list', '-param-list', '-param-get'])
      assert.ok(table.has(c.name + suffix), c.name + suffix);
  }
  for (const n of [
    'vm-param-set',
    'template-list',
    'snapshot-list',
    'host-cpu-list',
    'task-list',
    'pool-param-set',
  ]) {
    assert.ok(table.has(n), n);
  }
  assert.deepEqual(cls('vm').listFilters, [['is-a-template', 'false']]);
  assert.deepEqual(cls('vm').listParams, ['name-label', 'uuid', 'power-state']);
});

test('every registered error code has words and named parameters', () => {
  for (const code of Object.keys(errors)) {
    const w = errorWords(code);
    assert.ok(w && w.sentence.length > 0, code);
  }
  assert.equal(errorWords('UUID_INVALID')?.sentence, 'The uuid you supplied was invalid.');
  assert.equal(errorWords('NO_SUCH_CODE'), undefined);
  assert.deepEqual(paramLines(['type', 'uuid'], ['VM', 'x']), ['type: VM', 'uuid: x']);
  assert.deepEqual(paramLines(['a'], ['1', '2']), ['a: 1', '<extra>: 2']);
  assert.deepEqual(paramLines(['a', 'b'], ['1']), ['a: 1', 'b: <unknown>']);
});
