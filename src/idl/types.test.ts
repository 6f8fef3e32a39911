import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as t from './types.js';
import { DecodeError } from './types.js';

const PowerState = t.enumeration('Running', 'Halted', 'Suspended', 'Paused');
const Disk = t.variant({ Local: t.string, VDI: t.string });
const Firmware = t.variant({ Bios: null, Uefi: t.record({ on_boot: t.string }) });
const Vm = t.record({
  id: t.string,
  name: t.withDefault(t.string, 'unnamed'),
  vcpus: t.int,
  shadow: t.float,
  power: PowerState,
  disks: t.array(Disk),
  platform: t.dict(t.string),
  firmware: Firmware,
  serial: t.option(t.string),
  pair: t.tuple(t.string, t.int),
});

function fails(f: () => unknown, path: string): void {
  assert.throws(f, (e: unknown) => e instanceof DecodeError && e.path === path);
}

test('records decode with defaults, omitted options and case-insensitive keys', () => {
  const v = Vm.decode(
    {
      ID: 'a',
      vcpus: 2,
      shadow: 1.5,
      power: 'running',
      disks: [
        ['Local', '/dev/sda'],
        ['vdi', 'sr/vdi'],
      ],
      platform: { acpi: '1' },
      firmware: 'Bios',
      pair: ['x', 1],
    },
    '',
  );
  assert.deepEqual(v, {
    id: 'a',
    name: 'unnamed',
    vcpus: 2,
    shadow: 1.5,
    power: 'Running',
    disks: [
      ['Local', '/dev/sda'],
      ['VDI', 'sr/vdi'],
    ],
    platform: { acpi: '1' },
    firmware: 'Bios',
    pair: ['x', 1],
  });
  assert.equal(Object.hasOwn(v, 'serial'), false);
});

test('encoding omits absent options and round-trips', () => {
  const v: t.TypeOf<typeof Vm> = {
    id: 'a',
    name: 'n',
    vcpus: 1,
    shadow: 1,
    power: 'Halted',
    disks: [],
    platform: {},
    firmware: ['Uefi', { on_boot: 'Reset' }],
    pair: ['p', 2],
  };
  const wire = Vm.encode(v);
  assert.equal(JSON.stringify(wire).includes('serial'), false);
  assert.deepEqual(Vm.decode(JSON.parse(JSON.stringify(wire)), ''), v);
  assert.deepEqual((Vm.encode({ ...v, serial: 'pty' }) as Record<string, unknown>)['serial'], 'pty');
});

test('stand-alone options are [] or [x]', () => {
  const o = t.option(t.int);
  assert.deepEqual(o.encode(undefined), []);
  assert.deepEqual(o.encode(3), [3]);
  assert.equal(o.decode([], ''), undefined);
  assert.equal(o.decode([4], ''), 4);
  fails(() => o.decode(4, 'x'), 'x');
});

test('bad input is rejected with the path of the offending value', () => {
  const good = {
    id: 'a',
    vcpus: 1,
    shadow: 1,
    power: 'Halted',
    disks: [],
    platform: {},
    firmware: 'Bios',
    pair: ['a', 1],
  };
  fails(() => Vm.decode({ ...good, vcpus: 1.5 }, ''), 'vcpus');
  fails(() => Vm.decode({ ...good, vcpus: '1' }, ''), 'vcpus');
  fails(() => Vm.decode({ ...good, power: 'Exploded' }, ''), 'power');
  fails(() => Vm.decode({ ...good, disks: [['Nfs', 'x']] }, ''), 'disks[0]');
  fails(() => Vm.decode({ ...good, disks: [['Local', 3]] }, ''), 'disks[0].Local');
  fails(() => Vm.decode({ ...good, platform: { a: 1 } }, ''), 'platform.a');
  fails(() => Vm.decode({ ...good, firmware: ['Bios', null] }, ''), 'firmware');
  fails(() => Vm.decode({ ...good, pair: ['a'] }, ''), 'pair');
  fails(() => Vm.decode({ ...good, id: undefined }, ''), 'id');
  fails(() => Vm.decode([], ''), '');
  fails(() => t.json.decode({ a: () => 1 }, 'j'), 'j');
  fails(() => t.float.decode(Infinity, 'f'), 'f');
});

test('unit is null and tolerates absence', () => {
  assert.equal(t.unit.decode(undefined, ''), null);
  assert.equal(t.unit.encode(null), null);
  fails(() => t.unit.decode(0, 'u'), 'u');
});
