import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../datamodel/api-error.js';
import { disksXml, parseDisks, recommendationsXml, type DiskSpec } from './provision-xml.js';

const code = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return [e.code, ...e.params];
    throw e;
  }
  assert.fail('expected an ApiError');
};

test('the disks of a template are read with their attributes', () => {
  const xml =
    '<provision>\n  <disk device="0" size="10737418240" sr="" bootable="true" type="system"/>\n' +
    '  <disk device="1" size="67108864" sr="3f9c1c5e-1111-2222-3333-444455556666" bootable="false" type="user"/>\n</provision>';
  assert.deepEqual(parseDisks(xml), [
    { device: '0', size: 10737418240, sr: '', bootable: true, type: 'system' },
    {
      device: '1',
      size: 67108864,
      sr: '3f9c1c5e-1111-2222-3333-444455556666',
      bootable: false,
      type: 'user',
    },
  ]);
  assert.deepEqual(parseDisks('<provision/>'), []);
});

test('what disksXml writes, parseDisks reads back', () => {
  const disks: DiskSpec[] = [{ device: '0', size: 1024, sr: 'a"b', bootable: true, type: 'system' }];
  assert.deepEqual(parseDisks(disksXml(disks)), disks);
});

test('a bad disk list is INVALID_VALUE on other_config:disks', () => {
  for (const xml of [
    '',
    'not xml',
    '<provision><disk device="0" size="1"',
    '<disks/>',
    '<provision><disk device="x" size="1"/></provision>',
    '<provision><disk device="0" size="-1"/></provision>',
    '<provision><disk device="0" size="1" type="floppy"/></provision>',
    '<provision><disk device="0" size="1" bootable="yes"/></provision>',
    '<provision><disk device="0" size="1"/><disk device="0" size="2"/></provision>',
    '<provision><other/></provision>',
    '<provision>text</provision>',
  ]) {
    const [c, field] = code(() => parseDisks(xml));
    assert.equal(c, 'INVALID_VALUE', xml);
    assert.equal(field, 'other_config:disks', xml);
  }
});

test('recommendations are in xapi form', () => {
  assert.equal(
    recommendationsXml({ memoryStaticMax: 1024, vcpusMax: 2, vbds: 255, vifs: 7 }),
    '<restrictions><restriction field="memory-static-max" max="1024"/><restriction field="vcpus-max" max="2"/>' +
      '<restriction property="number-of-vbds" max="255"/><restriction property="number-of-vifs" max="7"/></restrictions>',
  );
});
