import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overlaysOf, snapshotCalls, withOverlays } from './block-snapshot.js';
import { diskUnplug } from './hotplug.js';

test('overlays are found by name, bottom first, and the next goes on the top', () => {
  const names = ['drive-xvda', 'snap-xvda-10', 'snap-xvda-2', 'snap-xvdb-1', 'snap-xvda-x', '#block1'];
  assert.deepEqual(overlaysOf(names, 'xvda'), ['snap-xvda-2', 'snap-xvda-10']);
  const first = snapshotCalls('xvda', [], '/sr/a.qcow2');
  assert.deepEqual(
    first.map((c) => c.execute),
    ['blockdev-add', 'blockdev-snapshot'],
  );
  assert.deepEqual(first[1]?.arguments, { node: 'drive-xvda-format', overlay: 'snap-xvda-1' });
  const add = first[0]?.arguments as Record<string, unknown>;
  assert.equal(add['backing'], null);
  // Kept read-write on reopen: 7.2 would otherwise reopen the file by its (renamed) name.
  assert.deepEqual(
    [
      (add['file'] as Record<string, unknown>)['read-only'],
      (add['file'] as Record<string, unknown>)['auto-read-only'],
    ],
    [false, false],
  );
  assert.deepEqual(snapshotCalls('xvda', ['snap-xvda-2', 'snap-xvda-10'], '/p')[1]?.arguments, {
    node: 'snap-xvda-10',
    overlay: 'snap-xvda-11',
  });
});

test('unplug deletes the overlays top-down between the throttle node and the original image', () => {
  const u = withOverlays(diskUnplug({ id: 'xvda', kind: 'disk', mode: 'RW' }), [
    'snap-xvda-1',
    'snap-xvda-2',
  ]);
  assert.deepEqual(
    u.cleanup.map((c) => c.arguments['node-name'] ?? c.arguments['id']),
    ['drive-xvda', 'snap-xvda-2', 'snap-xvda-1', 'drive-xvda-format', 'drive-xvda-file', 'throttle-xvda'],
  );
  const plain = diskUnplug({ id: 'xvda', kind: 'disk', mode: 'RW' });
  assert.deepEqual(withOverlays(plain, []), plain);
});
