import { test } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../datamodel/build.js';
import { escapeMinimal, formatValue, renderRecord } from './format.js';
import { progressLine, taskResultString } from './tasks.js';

const refs = {
  uuid: (r: string) => (r === 'OpaqueRef:a' ? 'uuid-a' : '<not in database>'),
  nameLabel: (r: string) => (r === 'OpaqueRef:a' ? 'A' : '<not in database>'),
};

test('records: first title left-aligned, the rest right-aligned, four columns wider than the longest', () => {
  const out = renderRecord([
    ['uuid ( RO)', 'u-1'],
    ['name-label ( RW)', 'web'],
    ['power-state ( RO)', 'halted'],
  ]);
  assert.equal(
    out,
    'uuid ( RO)           : u-1\n' + '     name-label ( RW): web\n' + '    power-state ( RO): halted\n',
  );
});

test('values: sets with "; ", maps with "k: v", floats with 3 decimals, refs as uuids', () => {
  assert.equal(formatValue(['a', 'b'], t.set(t.string), refs), 'a; b');
  assert.equal(formatValue({ k: 'v', k2: 'v2' }, t.smap, refs), 'k: v; k2: v2');
  assert.equal(formatValue(0.5, t.float, refs), '0.500');
  assert.equal(formatValue(42, t.int, refs), '42');
  assert.equal(formatValue(true, t.bool, refs), 'true');
  assert.equal(formatValue('OpaqueRef:a', t.ref('VM'), refs), 'uuid-a');
  assert.equal(formatValue('OpaqueRef:NULL', t.ref('VM'), refs), '<not in database>');
  assert.equal(formatValue(['OpaqueRef:a'], t.set(t.ref('VM')), refs), 'uuid-a');
  assert.equal(formatValue('Running', t.enum('vm_power_state'), refs), 'running');
  assert.equal(formatValue('Disk', t.enum('vbd_type'), refs), 'Disk');
  assert.equal(formatValue([], t.set(t.string), refs), '');
});

test('--minimal escapes commas and backslashes', () => {
  assert.equal(escapeMinimal('a,b\\c'), 'a\\,b\\\\c');
});

test('progress bar and task results', () => {
  assert.equal(progressLine(0.5, 10), '[#####     ]  50%');
  assert.equal(progressLine(2, 4), '[####] 100%');
  assert.equal(progressLine(Number.NaN, 4), '[    ]   0%');
  assert.equal(taskResultString('<value>OpaqueRef:x</value>'), 'OpaqueRef:x');
  assert.equal(taskResultString('<value><string>a&amp;b</string></value>'), 'a&b');
});
