// Blobs through the XenAPI and /blob: create_new_blob on every class that
// holds blobs, blob.create and blob.destroy, contents written with PUT and
// read with GET (mime type, size, last_updated, sessions and roles), kept in
// the state directory across a restart, and gone with the blob or its VM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from './support/xapi-server.js';
import { failure } from './support/failure.js';
import { VM_ARGS } from './support/vm-args.js';

const blobUrl = (base: string, ref: string, session?: string) =>
  `${base}/blob?ref=${encodeURIComponent(ref)}${session ? `&session_id=${encodeURIComponent(session)}` : ''}`;

test('blobs: created on objects, written and read over HTTP, kept across a restart, destroyed', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'xapi-ts-blob-'));
  try {
    let vmBlob: string;
    let poolBlob: string;
    {
      await using server = await startTestServer({ stateDir });
      const c = await server.client();
      const sid = c.sessionRef;
      const vm = await c.VM.create({ ...VM_ARGS, name_label: 'with blobs' });
      vmBlob = await c.VM.create_new_blob(vm, 'icon', 'image/png', false);
      assert.deepEqual(await c.VM.get_blobs(vm), { icon: vmBlob });
      const vmUuid = await c.VM.get_uuid(vm);
      await failure(c.VM.create_new_blob(vm, 'icon', '', false), 'MAP_DUPLICATE_KEY', [
        'VM',
        'blobs',
        vmUuid,
        'icon',
      ]);
      const before = await c.blob.get_record(vmBlob);
      assert.equal(before.size, 0);
      assert.equal(before.mime_type, 'image/png');
      assert.equal(before.name_label, 'icon');

      const pool = (await c.pool.get_all())[0] as string;
      const host = (await c.host.get_all())[0] as string;
      const sr = (await c.SR.get_all())[0] as string;
      const network = (await c.network.get_all())[0] as string;
      poolBlob = await c.pool.create_new_blob(pool, 'logo', '', true);
      assert.equal(await c.blob.get_mime_type(poolBlob), 'application/octet-stream');
      const hostBlob = await c.host.create_new_blob(host, 'notes', 'text/plain', false);
      const srBlob = await c.SR.create_new_blob(sr, 'notes', 'text/plain', false);
      const netBlob = await c.network.create_new_blob(network, 'notes', 'text/plain', false);
      assert.equal((await c.host.get_blobs(host))['notes'], hostBlob);
      assert.equal((await c.SR.get_blobs(sr))['notes'], srBlob);
      assert.equal((await c.network.get_blobs(network))['notes'], netBlob);

      // write, then read back with the mime type; size and last_updated follow
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
      const put = await fetch(blobUrl(server.url, vmBlob, sid), { method: 'PUT', body: png });
      assert.equal(put.status, 200);
      const after = await c.blob.get_record(vmBlob);
      assert.equal(after.size, png.length);
      assert.ok(after.last_updated >= before.last_updated);
      const got = await fetch(blobUrl(server.url, vmBlob, sid));
      assert.equal(got.status, 200);
      assert.equal(got.headers.get('content-type'), 'image/png');
      assert.deepEqual(Buffer.from(await got.arrayBuffer()), png);
      const post = await fetch(blobUrl(server.url, poolBlob, sid), { method: 'PUT', body: 'pool logo' });
      assert.equal(post.status, 200);

      // sessions: a private blob needs one, a public one does not; writing always does
      assert.equal((await fetch(blobUrl(server.url, vmBlob))).status, 401);
      assert.equal(await (await fetch(blobUrl(server.url, poolBlob))).text(), 'pool logo');
      assert.equal((await fetch(blobUrl(server.url, poolBlob), { method: 'PUT', body: 'x' })).status, 401);
      assert.equal((await fetch(blobUrl(server.url, 'OpaqueRef:nope', sid))).status, 404);
      const byUuid = await fetch(
        `${server.url}/blob?uuid=${await c.blob.get_uuid(vmBlob)}&session_id=${encodeURIComponent(sid)}`,
      );
      assert.equal(byUuid.status, 200);
      await byUuid.arrayBuffer();

      // roles: a read-only user reads but does not write
      const subject = await c.subject.create({ subject_identifier: 'local:reader', other_config: {} });
      const readOnly = (await c.role.get_by_name_label('read-only'))[0] as string;
      const poolAdmin = (await c.role.get_by_name_label('pool-admin'))[0] as string;
      await c.subject.remove_from_roles(subject, poolAdmin);
      await c.subject.add_to_roles(subject, readOnly);
      await c.subject.set_local_password(subject, 'reader-pw');
      const reader = await server.client('reader', 'reader-pw');
      assert.equal((await fetch(blobUrl(server.url, vmBlob, reader.sessionRef))).status, 200);
      const denied = await fetch(blobUrl(server.url, vmBlob, reader.sessionRef), {
        method: 'PUT',
        body: 'no',
      });
      assert.equal(denied.status, 403);
      await failure(reader.VM.create_new_blob(vm, 'other', '', false), 'RBAC_PERMISSION_DENIED');

      // blob.create makes a blob of nobody's; blob.destroy removes it and its data
      const loose = await c.blob.create('text/plain', false);
      await fetch(blobUrl(server.url, loose, sid), { method: 'PUT', body: 'loose' });
      const looseUuid = await c.blob.get_uuid(loose);
      assert.ok(existsSync(join(stateDir, 'blobs', looseUuid)));
      await c.blob.destroy(loose);
      await failure(c.blob.get_record(loose), 'HANDLE_INVALID');
      assert.ok(!existsSync(join(stateDir, 'blobs', looseUuid)));
      // destroying an attached blob takes it out of its object's map too
      await c.blob.destroy(netBlob);
      assert.deepEqual(await c.network.get_blobs(network), {});
    }

    // the contents are in the state directory and survive a restart
    await using server = await startTestServer({ stateDir });
    const c = await server.client();
    const sid = c.sessionRef;
    assert.equal((await c.blob.get_record(vmBlob)).size, 11);
    const again = await fetch(blobUrl(server.url, vmBlob, sid));
    assert.equal(Buffer.from(await again.arrayBuffer()).length, 11);

    // a VM's blobs go with it
    const vm = (await c.VM.get_by_name_label('with blobs'))[0] as string;
    const uuid = await c.blob.get_uuid(vmBlob);
    await c.VM.destroy(vm);
    await failure(c.blob.get_record(vmBlob), 'HANDLE_INVALID');
    assert.ok(!readdirSync(join(stateDir, 'blobs')).includes(uuid));
    assert.equal((await fetch(blobUrl(server.url, vmBlob, sid))).status, 404);
    assert.equal(await c.blob.get_size(poolBlob), 'pool logo'.length);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
});
