// xe console: the CONNECT request, and attaching to a running VM's text
// console once the server has the /console handler and can start VMs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { PassThrough } from 'node:stream';
import { connectRequest } from '../../src/cli/commands/console.js';
import { messages } from '../../src/datamodel/index.js';
import { create, startXe, type XeHarness } from './support.js';

test('the CONNECT request carries the console and the session', () => {
  assert.equal(
    connectRequest('OpaqueRef:c', 'OpaqueRef:s'),
    'CONNECT /console?ref=OpaqueRef%3Ac&session_id=OpaqueRef%3As HTTP/1.0\r\n\r\n',
  );
});

/** Whether the server answers /console at all (404 until the handler exists). */
function hasConsoleHandler(h: XeHarness): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath: h.server.xapi.socketPath, method: 'GET', path: '/console' }, (res) => {
      res.resume();
      resolve(res.statusCode !== 404);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

test('xe console relays the text console until Ctrl-]', async (t) => {
  if (!messages.has('VM.start')) return t.skip('needs VM.start (not in the datamodel yet)');
  await using h = await startXe();
  if (!(await hasConsoleHandler(h))) return t.skip('needs the /console HTTP handler (not in the server yet)');
  const [ref, uuid] = await create(h, 'VM', {
    name_label: 'con',
    memory_static_max: 268435456,
    memory_dynamic_max: 268435456,
    memory_dynamic_min: 268435456,
    memory_static_min: 134217728,
    VCPUs_max: 1,
    VCPUs_at_startup: 1,
    domain_type: 'pv',
  });
  await h.call('VM.start', ref, false, false);
  const stdin = new PassThrough();
  const done = h.xeWith({ stdin }, 'console', `uuid=${uuid}`);
  setTimeout(() => stdin.write(Buffer.from([0x1d])), 500);
  const r = await done;
  assert.equal(r.code, 0, r.stderr);
});
