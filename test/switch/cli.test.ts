// `xapi-ts switch ...` against a running switch and service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createDispatcher } from '../../src/idl/index.js';
import { startSwitch } from '../../src/switch/daemon.js';
import { serveOnSwitch } from '../../src/switch/service.js';
import { Demo, demoImpl } from './demo.js';
import { bin, tempDir } from './harness.js';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'switch', ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('the switch CLI lists, diagnoses, traces and calls, for people and with --json', async (t) => {
  const dir = tempDir(t);
  const sw = await startSwitch({ stateDir: dir });
  t.after(() => sw.close());
  const q = 'org.xen.xapi.demo';
  const svc = await serveOnSwitch(createDispatcher(Demo, demoImpl('a')), {
    socketPath: sw.socketPath,
    queue: q,
  });
  t.after(() => svc.close());
  const at = ['--state-dir', dir];

  const call = await cli([
    'call',
    q,
    '--body',
    '{"method":"add","params":[{"a":1,"b":2}],"id":1}',
    '--json',
    ...at,
  ]);
  assert.equal(call.code, 0, call.stderr);
  assert.deepEqual(JSON.parse(call.stdout), { result: 3, error: null, id: 1 });

  const list = await cli(['list', '--alive', '--json', ...at]);
  assert.deepEqual(JSON.parse(list.stdout), [q]);
  assert.equal((await cli(['list', '--prefix', 'org.xen.xapi.d', ...at])).stdout, `${q}\n`);

  const diag = await cli(['diag', ...at]);
  assert.match(diag.stdout, /QUEUE\s+KIND\s+LENGTH\s+IN-FLIGHT\s+CONSUMERS\s+OLDEST/);
  assert.match(diag.stdout, new RegExp(`${q.replace(/\./g, '\\.')}\\s+persistent\\s+0\\s+0\\s+1`));
  const diagJson = JSON.parse((await cli(['diag', '--json', ...at])).stdout) as {
    queues: Record<string, unknown>;
  };
  assert.ok(diagJson.queues[q]);

  const trace = await cli(['trace', ...at]);
  assert.match(trace.stdout, /send +org\.xen\.xapi\.demo\/\d+ request #0/);
  assert.match(trace.stdout, /ack +org\.xen\.xapi\.demo\/\d+ request #0 .*\(waited \d+ms held \d+ms\)/);

  const none = await cli([
    'call',
    'org.xen.xapi.nobody',
    '--body',
    '{}',
    '--timeout',
    '0.2',
    '--json',
    ...at,
  ]);
  assert.equal(none.code, 1);
  assert.deepEqual(JSON.parse(none.stderr), {
    code: 'RPC_NO_CONSUMER',
    params: ['org.xen.xapi.nobody', '0.2'],
  });

  const usage = await cli(['frobnicate', ...at]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /unknown command frobnicate/);
});
