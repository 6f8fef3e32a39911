// xe message-list, message-create and message-destroy, with xe's columns and
// messages; the alerts of a VM started with xe appear in message-list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startXe } from './support.js';
import { makeVm } from '../support/vm-builder.js';

test('message-create, message-list with its filters and columns, message-destroy', async () => {
  await using h = await startXe();
  const host = (await h.client.host.get_all())[0] as string;
  const uuid = await h.client.host.get_uuid(host);

  let r = await h.xe(
    'message-create',
    'name=CUSTOM_ALERT',
    'priority=2',
    `host-uuid=${uuid}`,
    'body=disk smells',
  );
  assert.equal(r.code, 0, r.stderr);
  r = await h.xe('message-list');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
  assert.deepEqual(
    lines.map((l) => l.split(':')[0]?.trim()),
    [
      'uuid ( RO)',
      'name ( RO)',
      'priority ( RO)',
      'class ( RO)',
      'obj-uuid ( RO)',
      'timestamp ( RO)',
      'body ( RO)',
    ],
  );
  assert.match(r.stdout, /name \( RO\): CUSTOM_ALERT\n/);
  assert.match(r.stdout, /class \( RO\): Host\n/);
  assert.match(r.stdout, new RegExp(`obj-uuid \\( RO\\): ${uuid}\\n`));
  assert.match(r.stdout, /timestamp \( RO\): \d{8}T\d\d:\d\d:\d\dZ\n/);
  assert.match(r.stdout, /body \( RO\): disk smells\n/);
  const msgUuid = /uuid \( RO\)\s*: (\S+)/.exec(r.stdout)?.[1] as string;

  r = await h.xe('message-list', 'class=host', 'params=priority', '--minimal');
  assert.equal(r.stdout.trim(), '2');
  r = await h.xe('message-list', 'class=VM', '--minimal');
  assert.equal(r.stdout.trim(), '');

  // xe's own checks, before any call
  r = await h.xe('message-create', 'name=X', 'priority=high', `host-uuid=${uuid}`, 'body=b');
  assert.deepEqual([r.code, r.stderr.trim()], [1, 'Error: Priority field should be an integer']);
  r = await h.xe('message-create', 'name=X', 'priority=1', 'body=b');
  assert.deepEqual(
    [r.code, r.stderr.trim()],
    [1, 'Error: Need one of: vm-uuid, host-uuid, sr-uuid or pool-uuid'],
  );
  // the server's: an object that does not exist
  r = await h.xe(
    'message-create',
    'name=X',
    'priority=1',
    'vm-uuid=00000000-0000-0000-0000-000000000000',
    'body=b',
  );
  assert.equal(r.code, 1);
  assert.match(r.stderr, /uuid you supplied was invalid/);

  r = await h.xe('message-destroy');
  assert.deepEqual([r.code, r.stderr.trim()], [1, 'Error: Need one of uuid, uuids']);
  r = await h.xe('message-destroy', `uuid=${msgUuid}`, `uuids=${msgUuid}`);
  assert.deepEqual([r.code, r.stderr.trim()], [1, 'Error: Ambiguous arguments; need one of uuid, uuids']);
  r = await h.xe('message-destroy', `uuid=${msgUuid}`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await h.client.message.get_all(), []);
});

test('a VM started with xe shows VM_STARTED in message-list', async () => {
  await using h = await startXe({ toolstack: true });
  const { vm } = await makeVm(h.client, 'listed');
  const uuid = await h.client.VM.get_uuid(vm);
  let r = await h.xe('vm-start', `uuid=${uuid}`);
  assert.equal(r.code, 0, r.stderr);
  r = await h.xe('vm-shutdown', `uuid=${uuid}`, '--force');
  assert.equal(r.code, 0, r.stderr);
  r = await h.xe('message-list', `obj-uuid=${uuid}`, 'params=name', '--minimal');
  assert.deepEqual(r.stdout.trim().split(',').sort(), ['VM_SHUTDOWN', 'VM_STARTED']);
  r = await h.xe(
    'message-list',
    `obj-uuid=${uuid}`,
    'name=VM_STARTED',
    'class=VM',
    'params=priority',
    '--minimal',
  );
  assert.equal(r.stdout.trim(), '5');
});
