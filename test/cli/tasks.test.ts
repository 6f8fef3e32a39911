// Async calls through tasks with a progress bar, object selection, and
// server errors whose references are shown as `uuid (name)`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Api } from '../../src/cli/api.js';
import { Params } from '../../src/cli/argv.js';
import type { Ctx } from '../../src/cli/command.js';
import { serverErrorLines } from '../../src/cli/errors.js';
import { invoke } from '../../src/cli/invoke.js';
import { Printer } from '../../src/cli/output.js';
import { RefIndex } from '../../src/cli/refs.js';
import { jsonRpcTransport } from '../../src/client/transport.js';
import { constructorRecord, create, startXe, type XeHarness } from './support.js';

class Sink {
  text = '';
  write(s: string | Uint8Array): boolean {
    this.text += String(s);
    return true;
  }
}

function context(h: XeHarness, isTTY: boolean): { ctx: Ctx; stderr: Sink; close(): void } {
  const transport = jsonRpcTransport({ url: h.server.url });
  const api = new Api(transport, h.client.sessionRef);
  const stdout = new Sink();
  const stderr = new Sink();
  const ctx: Ctx = {
    command: 'test',
    api,
    params: new Params([]),
    out: new Printer(stdout, 'normal'),
    refs: new RefIndex(api),
    io: { argv: [], env: {}, stdout, stderr, isTTY },
    target: { url: h.server.url },
  };
  return { ctx, stderr, close: () => transport.close() };
}

test('messages with an Async form run as tasks: result returned, progress drawn on a terminal, task destroyed', async () => {
  await using h = await startXe();
  const { ctx, stderr, close } = context(h, true);
  try {
    const ref = await invoke(ctx, 'network.create', {
      args: constructorRecord('network', { name_label: 'async' }),
    });
    assert.match(String(ref), /^OpaqueRef:/);
    assert.equal(await h.call('network.get_name_label', ref), 'async');
    assert.match(stderr.text, /\r\[#{40}\] 100%\n$/);
    assert.deepEqual(Object.keys((await h.call('task.get_all_records')) as object), []);
    // A failing task raises its error code and parameters.
    await assert.rejects(
      invoke(ctx, 'network.destroy', { self: 'OpaqueRef:nope' }),
      (e: Error & { code?: string }) => e.code === 'HANDLE_INVALID',
    );
  } finally {
    close();
  }
  const quiet = context(h, false);
  try {
    await invoke(quiet.ctx, 'network.create', { args: constructorRecord('network', { name_label: 'q' }) });
    assert.equal(quiet.stderr.text, '');
  } finally {
    quiet.close();
  }
});

test('server errors name references by uuid and name-label', async () => {
  await using h = await startXe();
  const [ref, uuid] = await create(h, 'VM', { name_label: 'web' });
  const { ctx, close } = context(h, false);
  try {
    assert.deepEqual(await serverErrorLines('VM_BAD_POWER_STATE', [ref, 'running', 'halted'], ctx.refs), [
      "You attempted an operation on a VM that was not in an appropriate power state at the time; for example, you attempted to start a VM that was already running. The parameters returned are the VM's handle, and the expected and actual VM state at the time of the call.",
      `vm: ${uuid} (web)`,
      'expected: running',
      'actual: halted',
    ]);
    assert.deepEqual(await serverErrorLines('SOMETHING_ELSE', ['a', 'b']), [
      'Error code: SOMETHING_ELSE',
      'Error parameters: a, b',
    ]);
  } finally {
    close();
  }
});

test('selectors: vm=<name or uuid>, no match, several matches', async () => {
  await using h = await startXe();
  await create(h, 'VM', { name_label: 'twin' });
  await create(h, 'VM', { name_label: 'twin' });
  const none = await h.xe('console', 'vm=ghost');
  assert.deepEqual([none.code, none.stderr], [1, 'Error: No matching VMs found\n']);
  const two = await h.xe('console', 'vm=twin');
  assert.deepEqual(
    [two.code, two.stderr],
    [1, 'Error: Multiple matches VMs found. Operation can only be performed on one VM at a time\n'],
  );
  const [, solo] = await create(h, 'VM', { name_label: 'solo' });
  const noConsole = await h.xe('console', `vm=${solo}`);
  assert.deepEqual([noConsole.code, noConsole.stderr], [1, 'Error: No text console available\n']);
  const badField = await h.xe('console', 'colour=red');
  assert.equal(
    badField.stderr,
    "Error: Parameter 'colour' is not a field of the VM class. Failed to select VM for operation.\n",
  );
  const host = (await h.xe('host-list', '--minimal')).stdout.trim();
  const time = await h.xe('host-get-servertime', `host=${host}`);
  assert.match(time.stdout, /^\d{8}T\d\d:\d\d:\d\dZ\n$/);
});
