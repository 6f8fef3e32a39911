import { test } from 'node:test';
import assert from 'node:assert/strict';
import { srFigures, vdiAllowedOperations, volumeFields } from './records.js';
import type { Volume } from '../../storage/types.js';

const vol: Volume = {
  uuid: 'u',
  virtualSize: 1024,
  physicalUtilisation: 512,
  format: 'qcow2',
  parent: 'p',
  hidden: false,
  location: 'u.qcow2',
};

test('volume facts: sizes, chain parent and format in sm_config, other keys kept', () => {
  const f = volumeFields(vol, { keep: '1', 'vhd-parent': 'old' }, {});
  assert.equal(f.virtual_size, 1024);
  assert.equal(f.physical_utilisation, 512);
  assert.deepEqual(f.sm_config, { keep: '1', 'vhd-parent': 'p', 'image-format': 'qcow2' });
  assert.equal(f.managed, true);
  const flat = volumeFields({ ...vol, parent: undefined, hidden: true }, { 'vhd-parent': 'old' }, {});
  assert.deepEqual(flat.sm_config, { 'image-format': 'qcow2' });
  assert.equal(flat.managed, false);
});

test('operations allowed depend on use', () => {
  assert.ok(vdiAllowedOperations(vol, {}).includes('destroy'));
  const inUse = vdiAllowedOperations(vol, { vm: { kind: 'activated', readWrite: true } });
  assert.ok(!inUse.includes('destroy') && !inUse.includes('resize') && inUse.includes('copy'));
  assert.deepEqual(vdiAllowedOperations({ hidden: true }, {}), ['forget']);
});

test('SR figures', () => {
  assert.deepEqual(srFigures({ physicalSize: 100, physicalUtilisation: 40 }, [10, 20]), {
    physical_size: 100,
    physical_utilisation: 40,
    virtual_allocation: 30,
  });
});
