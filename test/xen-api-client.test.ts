// Xen Orchestra's connector (the `xen-api` npm package) against our server,
// over JSON-RPC and over XML-RPC: login, pool and host records, a VM record
// created and renamed with the change seen through its event.from loop, an
// Async call's result, and the error codes it gets for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './support/xapi-server.js';
import { VM_ARGS } from './support/vm-args.js';
import { cached, connectXo, untilCached } from './support/xo.js';
import { jsonRpcTransport, XenApiFailure } from '../src/client/transport.js';

for (const transport of ['json-rpc', 'xml-rpc'] as const) {
  test(`xen-api over ${transport}: objects, events, async calls and errors`, async () => {
    await using server = await startTestServer();
    const xapi = await connectXo(server.url, { transport });
    try {
      await xapi.objectsFetched;
      const all = Object.values(xapi.objects.all);
      assert.equal(xapi.pool.$type, 'pool');
      const hosts = all.filter((o) => o.$type === 'host');
      assert.equal(hosts.length, 1);
      assert.ok(Number(hosts[0]?.['API_version_major']) >= 2);

      // Create a VM record and see it arrive through the event loop.
      const vmRef = String(await xapi.call('VM.create', VM_ARGS));
      await untilCached(xapi, () => cached(xapi, vmRef) !== undefined, 'the new VM in the event stream');
      await xapi.call('VM.set_name_label', vmRef, 'renamed');
      await untilCached(
        xapi,
        () => cached(xapi, vmRef)?.['name_label'] === 'renamed',
        'the rename in the event stream',
      );
      await xapi.barrier();

      // An Async call: its task's result is parsed back into a ref.
      const created = await xapi.callAsync('VM.create', { ...VM_ARGS, name_label: 'async-vm' });
      assert.match(String(created), /^OpaqueRef:[0-9a-f-]{36}$/);
      assert.equal(await xapi.call('VM.get_name_label', created), 'async-vm');

      // Errors: a bad ref and a wrong parameter count.
      await assert.rejects(xapi.call('VM.get_record', 'OpaqueRef:00000000-0000-0000-0000-000000000000'), {
        code: 'HANDLE_INVALID',
        params: ['VM', 'OpaqueRef:00000000-0000-0000-0000-000000000000'],
      });
      await assert.rejects(xapi.call('VM.get_record'), {
        code: 'MESSAGE_PARAMETER_COUNT_MISMATCH',
        params: ['VM.get_record', '1', '0'],
      });
    } finally {
      await xapi.disconnect();
    }
    // A bad session (the connector would transparently log in again, so ask directly).
    const raw = jsonRpcTransport({ url: server.url });
    try {
      await assert.rejects(raw('VM.get_all', ['OpaqueRef:not-a-session']), (e: unknown) => {
        assert.ok(e instanceof XenApiFailure);
        assert.equal(e.code, 'SESSION_INVALID');
        assert.deepEqual(e.params, ['OpaqueRef:not-a-session']);
        return true;
      });
    } finally {
      raw.close();
    }
  });
}

for (const transport of ['json-rpc', 'xml-rpc'] as const) {
  test(`xen-api over HTTPS (${transport}), accepting the host's self-signed certificate`, async () => {
    await using server = await startTestServer({ https: { port: 0 } });
    const xapi = await connectXo(`https://127.0.0.1:${server.xapi.httpsPort}`, {
      transport,
      allowUnauthorized: true,
    });
    try {
      await xapi.objectsFetched;
      const all = Object.values(xapi.objects.all);
      const host = all.find((o) => o.$type === 'host');
      const certs = all.filter((o) => o.$type === 'Certificate');
      assert.equal(certs.length, 1);
      assert.deepEqual(host?.['certificates'], [certs[0]?.$ref]);
      const vmRef = String(await xapi.call('VM.create', VM_ARGS));
      await untilCached(xapi, () => cached(xapi, vmRef) !== undefined, 'the new VM in the event stream');
      assert.equal(await xapi.call('VM.get_name_label', vmRef), VM_ARGS.name_label);
    } finally {
      await xapi.disconnect();
    }
  });
}
