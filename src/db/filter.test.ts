import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../datamodel/api-error.js';
import { defineClass, field, nameFields, ns, t, uid } from '../datamodel/build.js';
import { compileFilter, parseFilter, storedString, type FilterExpr } from './filter.js';

const vm = defineClass({
  name: 'VM',
  doc: 'A VM.',
  writeRole: 'vm-admin',
  fields: [
    uid(),
    nameFields(),
    field('power_state', t.enum('vm_power_state'), 'StaticRO', 'State.', { default: 'Halted' }),
    field('is_a_template', t.bool, 'RW', 'Template?', { default: false }),
    ns('memory', [field('static_max', t.int, 'RW', 'Memory.', { default: 0 })]),
    field('resident_on', t.ref('host'), 'DynamicRO', 'Host.'),
    field('tags', t.set(t.string), 'RW', 'Tags.', { default: [] }),
    field('other_config', t.smap, 'RW', 'Config.', { default: {} }),
  ],
});

const eq = (l: string, r: string): FilterExpr => ({
  kind: 'eq',
  left: { kind: 'field', name: l },
  right: { kind: 'literal', value: r },
});

function expectInvalid(src: string): void {
  assert.throws(
    () => parseFilter(src),
    (e: unknown) => e instanceof ApiError && e.code === 'INVALID_VALUE' && e.params[0] === src,
  );
}

test('parses every form', () => {
  assert.deepEqual(parseFilter('true').expr, { kind: 'true' });
  assert.deepEqual(parseFilter('false').expr, { kind: 'false' });
  assert.deepEqual(parseFilter('field "a"="b"').expr, eq('a', 'b'));
  assert.deepEqual(parseFilter('"b" = field "a"').expr, {
    kind: 'eq',
    left: { kind: 'literal', value: 'b' },
    right: { kind: 'field', name: 'a' },
  });
  assert.deepEqual(parseFilter('"x"="y"').expr, {
    kind: 'eq',
    left: { kind: 'literal', value: 'x' },
    right: { kind: 'literal', value: 'y' },
  });
  assert.deepEqual(parseFilter('field "a" = field "b"').expr, {
    kind: 'eq',
    left: { kind: 'field', name: 'a' },
    right: { kind: 'field', name: 'b' },
  });
  assert.deepEqual(parseFilter('not true').expr, { kind: 'not', expr: { kind: 'true' } });
  assert.deepEqual(parseFilter('( ( false ) )').expr, { kind: 'false' });
  // literals keep spaces and have no escapes
  assert.deepEqual(parseFilter('field "name__label"="a \\ b"').expr, eq('name__label', 'a \\ b'));
  assert.deepEqual(parseFilter('field "x"=""').expr, eq('x', ''));
});

test('precedence: not binds tighter than and, and tighter than or; left associative', () => {
  assert.deepEqual(parseFilter('true or false and false').expr, {
    kind: 'or',
    left: { kind: 'true' },
    right: { kind: 'and', left: { kind: 'false' }, right: { kind: 'false' } },
  });
  assert.deepEqual(parseFilter('not true and false').expr, {
    kind: 'and',
    left: { kind: 'not', expr: { kind: 'true' } },
    right: { kind: 'false' },
  });
  assert.deepEqual(parseFilter('not field "a"="b" or true').expr, {
    kind: 'or',
    left: { kind: 'not', expr: eq('a', 'b') },
    right: { kind: 'true' },
  });
  assert.deepEqual(parseFilter('(true or false) and false').expr, {
    kind: 'and',
    left: { kind: 'or', left: { kind: 'true' }, right: { kind: 'false' } },
    right: { kind: 'false' },
  });
  assert.deepEqual(parseFilter('true and false and true').expr, {
    kind: 'and',
    left: { kind: 'and', left: { kind: 'true' }, right: { kind: 'false' } },
    right: { kind: 'true' },
  });
});

test('syntax errors are INVALID_VALUE [expr, reason]', () => {
  for (const src of [
    '',
    'field "a"',
    'field "a"=',
    'field a="b"',
    '"a"="b',
    '(true',
    'true)',
    'true false',
    'and true',
    'field "a"=="b"',
    'field "a"!="b"',
    'TRUE',
    'not',
    "field 'a'='b'",
  ]) {
    expectInvalid(src);
  }
});

test('evaluates on the stored string form of DB columns', () => {
  const row = {
    uuid: 'u1',
    name_label: 'web',
    name_description: '',
    power_state: 'Running',
    is_a_template: false,
    memory_static_max: 1073741824,
    resident_on: 'OpaqueRef:h1',
    tags: ['a', "b'c"],
    other_config: { k: 'v' },
  };
  const matches = (src: string): boolean => compileFilter(parseFilter(src), vm)(row);
  assert.ok(matches('field "is_a_template"="false" and field "power_state"="Running"'));
  assert.ok(!matches('field "is_a_template"="true"'));
  assert.ok(matches('field "name__label"="web"'));
  assert.ok(matches('field "memory__static_max"="1073741824"'));
  assert.ok(matches('"OpaqueRef:h1"=field "resident_on"'));
  assert.ok(matches('not field "power_state"="Halted"'));
  assert.ok(matches('field "power_state"="Halted" or field "name__label"="web"'));
  assert.ok(!matches('field "power_state"="running"'), 'comparison is case-sensitive');
  assert.ok(matches(`field "tags"="('a' 'b\\'c')"`));
  assert.ok(matches(`field "other_config"="(('k' 'v'))"`));
  assert.ok(matches('field "name__description"=""'));
  assert.ok(matches('field "uuid"=field "uuid"'));
});

test('an unknown column is INVALID_VALUE, wire names are not columns', () => {
  for (const src of ['field "nope"="x"', 'field "name_label"="web"', 'true or field "nope"="x"']) {
    assert.throws(
      () => compileFilter(parseFilter(src), vm),
      (e: unknown) => e instanceof ApiError && e.code === 'INVALID_VALUE' && e.params[0] === src,
    );
  }
});

test('stored string forms', () => {
  assert.equal(storedString(true, t.bool), 'true');
  assert.equal(storedString(42, t.int), '42');
  assert.equal(storedString(0.5, t.float), '0.5');
  assert.equal(storedString([], t.set(t.string)), '()');
  assert.equal(storedString({}, t.smap), '()');
  assert.equal(storedString(undefined, t.option(t.string)), '');
  assert.equal(storedString('x', t.option(t.string)), 'x');
});
