import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../datamodel/api-error.js';
import * as live from './live-migration.js';

test('destination: NBD exports of the moving disks, then migrate-incoming; stopped before the guest runs', () => {
  assert.deepEqual(live.nbdExport('127.0.0.1', 4000, []), []);
  const exp = live.nbdExport('127.0.0.1', 4000, ['xvda']);
  assert.deepEqual(exp, [
    {
      execute: 'nbd-server-start',
      arguments: { addr: { type: 'inet', data: { host: '127.0.0.1', port: '4000' } } },
    },
    {
      execute: 'block-export-add',
      arguments: {
        type: 'nbd',
        id: 'migrate-xvda',
        'node-name': 'drive-xvda-format',
        name: 'xvda',
        writable: true,
      },
    },
  ]);
  assert.deepEqual(
    live.nbdStop(['xvda']).map((c) => c.execute),
    ['block-export-del', 'nbd-server-stop'],
  );
  assert.deepEqual(
    live.incoming('tcp:127.0.0.1:4001').map((c) => c.execute),
    ['migrate-set-capabilities', 'migrate-incoming'],
  );
});

test('source: mirrors into the exports from the root node, then migrate at full speed', () => {
  const target = live.parseNbdUri(live.nbdUri({ host: '::1', port: 4000, export: 'xvda' }));
  assert.deepEqual(target, { host: '::1', port: 4000, export: 'xvda' });
  assert.deepEqual(live.mirrorStart([{ name: 'xvda', target }]), [
    {
      execute: 'blockdev-add',
      arguments: {
        driver: 'nbd',
        'node-name': 'migrate-target-xvda',
        server: { type: 'inet', host: '::1', port: '4000' },
        export: 'xvda',
      },
    },
    {
      execute: 'blockdev-mirror',
      arguments: {
        'job-id': 'migrate-xvda',
        device: 'drive-xvda',
        target: 'migrate-target-xvda',
        sync: 'full',
      },
    },
  ]);
  const end = live.mirrorEnd(['xvda']);
  assert.deepEqual(end.cancel, [{ execute: 'block-job-cancel', arguments: { device: 'migrate-xvda' } }]);
  assert.deepEqual(end.cleanup, [
    { execute: 'blockdev-del', arguments: { 'node-name': 'migrate-target-xvda' } },
  ]);
  const send = live.send('tcp:127.0.0.1:4001');
  assert.deepEqual(
    send.map((c) => c.execute),
    ['migrate-set-capabilities', 'migrate-set-parameters', 'migrate'],
  );
  assert.deepEqual(send[2]?.arguments, { uri: 'tcp:127.0.0.1:4001' });
  assert.equal(live.tcpUri('::1', 5), 'tcp:[::1]:5');
});

test('a disk target that is not an NBD URI is refused', () => {
  for (const bad of ['tcp:1.2.3.4:5', 'nbd:host:0:exportname=x', 'nbd:h:5:exportname=a b'])
    assert.throws(
      () => live.parseNbdUri(bad),
      (e) => e instanceof ApiError && e.code === 'INVALID_VALUE',
    );
});
