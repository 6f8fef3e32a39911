// Golden-file tests of disk QoS under QEMU: each test/golden/disk-qos/NAME.json
// ({disk, qos}, the xenops Vbd.qos in its wire form) has NAME.qmp, the throttle
// limits and the QMP calls that hot-plug the disk with them and set them on a
// running disk, or NAME.err (the XenAPI error: code, then each parameter, one per
// line). UPDATE_GOLDEN=1 rewrites them. Files that belong to no case fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../datamodel/api-error.js';
import { QosC } from '../../types.js';
import { ioLimitsOf, withRecordedQos } from './disk-qos.js';
import { diskPlug, diskSetQos } from './hotplug.js';

const dir = new URL('../../../../test/golden/disk-qos/', import.meta.url).pathname;
const update = process.env.UPDATE_GOLDEN === '1';
const files = readdirSync(dir).sort();
const cases = files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));

function render(f: { disk: string; qos: unknown }): { ext: 'qmp' | 'err'; text: string } {
  try {
    const limits = ioLimitsOf(QosC.decode(f.qos, 'qos')) ?? {};
    const path = `/srv/${f.disk}.qcow2`;
    const plug = diskPlug(
      { id: f.disk, kind: 'disk', path, format: 'qcow2', mode: 'RW', qos: limits },
      'rp1',
    );
    const out = { limits, plug, live: diskSetQos({ id: f.disk }, limits) };
    return { ext: 'qmp', text: JSON.stringify(out, null, 2) + '\n' };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { ext: 'err', text: e.toWire().join('\n') + '\n' };
  }
}

test('every disk-qos golden file belongs to a case', () => {
  const orphans = files.filter((f) => {
    const m = /^(.*)\.(qmp|err)$/.exec(f);
    return m === null ? !f.endsWith('.json') : !cases.includes(m[1] as string);
  });
  assert.deepEqual(orphans, []);
});

for (const name of cases) {
  test(`disk-qos golden: ${name}`, () => {
    const { ext, text } = render(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')));
    const want = join(dir, `${name}.${ext}`);
    const other = join(dir, `${name}.${ext === 'qmp' ? 'err' : 'qmp'}`);
    if (update) {
      writeFileSync(want, text);
      if (existsSync(other)) unlinkSync(other);
      return;
    }
    assert.ok(!existsSync(other), `${name}: expected ${ext} output but ${other} exists`);
    assert.ok(existsSync(want), `${name}: no ${name}.${ext} (run with UPDATE_GOLDEN=1)`);
    assert.equal(text, readFileSync(want, 'utf8'));
  });
}

test('a resumed command line takes the QoS its disks have now', () => {
  const disks = [
    { id: 'xvda', kind: 'disk', path: '/a', mode: 'RW', qos: { iopsTotal: 10 } },
    { id: 'xvdb', kind: 'disk', path: '/b', mode: 'RW', qos: { iopsTotal: 10 } },
    { id: 'xvdd', kind: 'cdrom', mode: 'RO' },
  ] as const;
  const out = withRecordedQos(disks, { xvda: { qos: ['Throttle', { bps_rd: 4096 }] }, xvdb: {} });
  assert.deepEqual(out, [
    { id: 'xvda', kind: 'disk', path: '/a', mode: 'RW', qos: { bpsRead: 4096 } },
    { id: 'xvdb', kind: 'disk', path: '/b', mode: 'RW' },
    { id: 'xvdd', kind: 'cdrom', mode: 'RO' },
  ]);
});
