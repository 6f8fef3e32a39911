// The interface mechanism end to end over the direct transport: typed calls,
// declared errors, validation of what arrives, timeouts and cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../datamodel/api-error.js';
import {
  Client,
  HttpUnixTransport,
  IdlError,
  closeServer,
  createDispatcher,
  declare,
  defineInterface,
  idlError,
  isIdlError,
  renderMarkdown,
  serveHttpUnix,
  t,
  type Implementation,
} from './index.js';

const PowerState = t.named('power_state', 'Power state of a VM.', t.enumeration('Running', 'Halted'));
const Vm = t.named('Vm.t', 'A VM.', t.record({ id: t.string, power: PowerState, memory: t.option(t.int) }));

const Demo = defineInterface({
  name: 'demo',
  doc: 'A demonstration interface.',
  errors: {
    Does_not_exist: { params: { kind: t.string, id: t.string }, doc: 'No such object.' },
    Bad_power_state: { params: { actual: PowerState, expected: PowerState }, doc: 'Wrong power state.' },
    Cancelled: { params: { task: t.string }, doc: 'Cancelled.' },
  },
  methods: {
    'VM.stat': declare({
      params: { dbg: t.string, id: t.string },
      result: Vm,
      errors: ['Does_not_exist'],
      doc: 'Describe a VM.',
    }),
    'VM.start': declare({
      params: { dbg: t.string, id: t.string, paused: t.bool, delay: t.option(t.float) },
      result: t.string,
      errors: ['Bad_power_state'],
      doc: 'Start a VM.',
    }),
    'VM.bogus': declare({ params: {}, result: t.int, doc: 'Returns a value of the wrong type.' }),
    'VM.sleep': declare({ params: { ms: t.int }, result: t.unit, doc: 'Sleeps.' }),
    'VM.cancel': declare({
      params: { task: t.string },
      result: t.unit,
      errors: ['Cancelled'],
      doc: 'Fails.',
    }),
  },
});

const impl: Implementation<typeof Demo> = {
  'VM.stat': ({ id }) => {
    if (id !== 'vm1') throw idlError(Demo, 'Does_not_exist', { kind: 'VM', id });
    return { id, power: 'Halted' };
  },
  'VM.start': async ({ id, paused, delay }) => `${id}:${paused}:${delay ?? 'none'}`,
  'VM.bogus': () => 'not a number' as unknown as number,
  'VM.sleep': async ({ ms }) => {
    await new Promise((r) => setTimeout(r, ms));
  },
  'VM.cancel': ({ task }) => {
    throw idlError(Demo, 'Cancelled', { task });
  },
};

async function withServer(f: (client: Client<typeof Demo>, sock: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'idl-'));
  const sock = join(dir, 'demo.sock');
  const server = await serveHttpUnix(createDispatcher(Demo, impl), sock);
  const client = new Client(Demo, new HttpUnixTransport(sock), { timeoutMs: 5000 });
  try {
    await f(client, sock);
  } finally {
    await client.close();
    await closeServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

test('typed calls round-trip and declared errors come back typed', async () => {
  await withServer(async (client) => {
    assert.deepEqual(await client.call('VM.stat', { dbg: 'd', id: 'vm1' }), { id: 'vm1', power: 'Halted' });
    assert.equal(await client.call('VM.start', { dbg: 'd', id: 'x', paused: true }), 'x:true:none');
    assert.equal(
      await client.call('VM.start', { dbg: 'd', id: 'x', paused: false, delay: 2.5 }),
      'x:false:2.5',
    );
    assert.equal(await client.call('VM.sleep', { ms: 1 }), null);
    await assert.rejects(client.call('VM.stat', { dbg: 'd', id: 'nope' }), (e: unknown) => {
      assert.ok(isIdlError(e, Demo, 'Does_not_exist'));
      assert.deepEqual(e.params, { kind: 'VM', id: 'nope' });
      return true;
    });
    await assert.rejects(client.call('VM.cancel', { task: '7' }), (e: unknown) => {
      return isIdlError(e, Demo, 'Cancelled') && e.params.task === '7';
    });
  });
});

test('the server validates what arrives and reports bugs as Internal_error', async () => {
  await withServer(async (client, sock) => {
    const raw = new HttpUnixTransport(sock);
    const call = { service: 'demo', method: 'x', timeoutMs: 5000, signal: undefined };
    try {
      const reply = async (body: string): Promise<unknown> => JSON.parse(await raw.call(body, call));
      assert.deepEqual(await reply('{"method":"VM.stat","params":[{"dbg":"d","id":3}],"id":1}'), {
        result: null,
        error: ['Invalid_params', ['VM.stat', 'id: expected a string, got number']],
        id: 1,
      });
      assert.deepEqual(await reply('{"method":"VM.nope","params":[{}],"id":2}'), {
        result: null,
        error: ['Unimplemented', 'VM.nope'],
        id: 2,
      });
      const bad = (await reply('not json')) as { error: unknown[] };
      assert.equal(bad.error[0], 'Invalid_params');
      // Wire errors use positional params: ["Code", [p1, p2]].
      assert.deepEqual(await reply('{"method":"VM.stat","params":[{"dbg":"d","id":"x"}],"id":3}'), {
        result: null,
        error: ['Does_not_exist', ['VM', 'x']],
        id: 3,
      });
    } finally {
      await raw.close();
    }
    await assert.rejects(
      client.call('VM.bogus', {}),
      (e: unknown) => e instanceof IdlError && e.code === 'Internal_error',
    );
  });
});

test('timeouts and cancellation fail with RPC_TIMEOUT and RPC_CANCELLED', async () => {
  await withServer(async (client) => {
    await assert.rejects(
      client.call('VM.sleep', { ms: 2000 }, { timeoutMs: 50 }),
      (e: unknown) => e instanceof ApiError && e.code === 'RPC_TIMEOUT' && e.params[1] === 'VM.sleep',
    );
    const ac = new AbortController();
    const p = client.call('VM.sleep', { ms: 2000 }, { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await assert.rejects(p, (e: unknown) => e instanceof ApiError && e.code === 'RPC_CANCELLED');
    // The client is still usable afterwards.
    assert.equal(await client.call('VM.start', { dbg: 'd', id: 'y', paused: true }), 'y:true:none');
  });
});

test('an unreachable service fails with RPC_SERVICE_UNREACHABLE', async () => {
  const client = new Client(Demo, new HttpUnixTransport('/nonexistent/demo.sock'));
  await assert.rejects(
    client.call('VM.sleep', { ms: 1 }),
    (e: unknown) => e instanceof ApiError && e.code === 'RPC_SERVICE_UNREACHABLE',
  );
  await client.close();
});

test('declarations are checked: undeclared and builtin error codes are refused', () => {
  assert.throws(() =>
    defineInterface({
      name: 'x',
      doc: '',
      methods: { f: declare({ params: {}, result: t.unit, errors: ['Nope'], doc: '' }) },
    }),
  );
  assert.throws(() =>
    defineInterface({
      name: 'x',
      doc: '',
      errors: { Internal_error: { params: {}, doc: '' } },
      methods: {},
    }),
  );
});

test('the Markdown reference lists methods, named types and errors', () => {
  const md = renderMarkdown(Demo);
  assert.match(md, /^# demo \(version 1\.0\.0\)/);
  assert.match(md, /### VM\.stat\n\nDescribe a VM\.\n\n\| name \| type \|/);
  assert.match(md, /Result: \[Vm\.t\]\(#type-vm-t\)/);
  assert.match(md, /\| `delay` \(optional\) \| float \|/);
  assert.match(md, /### power_state\n\nPower state of a VM\.\n\nDefinition: Running \| Halted\n/);
  assert.match(md, /### Bad_power_state\(actual: \[power_state\]\(#type-power-state\), expected: /);
  assert.match(md, /### Internal_error\(message: string\)/);
});
