// bench:api — the XenAPI server against a bare Node http server returning a
// canned response of the same size (the ceiling on this machine).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VM_ARGS as VM } from '../test/support/vm-args.js';
import { percentile, post, round, rssMiB, startChild, throughput, type Target } from './support.js';

const DURATION_MS = Number(process.env['BENCH_MS'] ?? 2000);
const RSS_TARGET_MIB = 200;
const WAKEUP_P99_TARGET_MS = 10;
const state = mkdtempSync(join(tmpdir(), 'xapi-ts-bench-'));
const figures: Record<string, number> = {};

const json = (method: string, params: unknown[]): string =>
  JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 });
const xml = (method: string, params: string[]): string =>
  `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${params
    .map((p) => `<param><value>${p}</value></param>`)
    .join('')}</params></methodCall>`;

const { child: xapi, match } = await startChild(
  ['xapi', '--state-dir', state, '--port', '0'],
  /listening on http:\/\/127\.0\.0\.1:(\d+)/,
  { XAPI_TS_ROOT_PASSWORD: 'bench' },
);
const port = Number(match[1]);
const J: Target = { port, path: '/jsonrpc', contentType: 'application/json' };
const X: Target = { port, path: '/', contentType: 'text/xml' };
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const call = async (method: string, params: unknown[]): Promise<unknown> => {
  const r = JSON.parse(await post(agent, J, json(method, params))) as { result?: unknown; error?: unknown };
  if (r.error) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.result;
};

try {
  const session = String(await call('session.login_with_password', ['root', 'bench']));
  const vm = String(await call('VM.create', [session, VM]));

  // Canned bodies for the bare server: exactly what we answer.
  const jsonBody = json('VM.get_record', [session, vm]);
  const xmlBody = xml('VM.get_record', [session, vm]);
  const cannedJson = await post(agent, J, jsonBody);
  const cannedXml = await post(agent, X, xmlBody);
  for (const [codec, target, body, canned, type] of [
    ['json', J, jsonBody, cannedJson, 'application/json'],
    ['xml', X, xmlBody, cannedXml, 'text/xml'],
  ] as const) {
    const file = join(state, `canned.${codec}`);
    writeFileSync(file, canned);
    const bare = await new Promise<{ kill(): void; port: number }>((resolve) => {
      const c = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'bare-server.ts'), type, file],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      c.stdout.on('data', (d: Buffer) => {
        const m = /listening on (\d+)/.exec(d.toString());
        if (m) resolve({ kill: () => c.kill(), port: Number(m[1]) });
      });
    });
    const bareTarget: Target = { port: bare.port, path: target.path, contentType: type };
    // Warm up both servers (JIT) before measuring.
    await throughput(target, body, 16, 1000);
    await throughput(bareTarget, body, 16, 1000);
    for (const conc of [1, 16, 64]) {
      const ours = await throughput(target, body, conc, DURATION_MS);
      const ceiling = await throughput(bareTarget, body, conc, DURATION_MS);
      const label = codec === 'json' ? 'jsonrpc' : 'xmlrpc';
      figures[`get_record_${label}_c${conc}_per_s`] = round(ours, 0);
      figures[`get_record_${label}_c${conc}_bare_per_s`] = round(ceiling, 0);
      figures[`get_record_${label}_c${conc}_ratio`] = round(ours / ceiling, 3);
    }
    bare.kill();
  }

  // get_all_records latency with 1,000 and 10,000 VMs.
  const createUpTo = async (n: number): Promise<void> => {
    const have = ((await call('VM.get_all', [session])) as string[]).length;
    const todo = n - have;
    for (let i = 0; i < todo; i += 64) {
      await Promise.all(
        Array.from({ length: Math.min(64, todo - i) }, (_, k) =>
          call('VM.create', [session, { ...VM, name_label: `vm${i + k}` }]),
        ),
      );
    }
  };
  for (const n of [1000, 10000]) {
    await createUpTo(n);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await call('VM.get_all_records', [session]);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    figures[`get_all_records_${n}_vms_p50_ms`] = round(percentile(times, 50));
  }
  figures['rss_10000_vms_mib'] = round(rssMiB(xapi.pid as number), 1);
  figures['rss_10000_vms_target_mib'] = RSS_TARGET_MIB;

  // event.from wake-up latency with 100 watchers blocked on a token.
  const pool = ((await call('pool.get_all', [session])) as string[])[0] as string;
  const watchers = 100;
  const sessions = await Promise.all(
    Array.from({ length: watchers }, () => call('session.login_with_password', ['root', 'bench'])),
  );
  const wake: number[] = [];
  // Each watcher has its own connection, as separate clients would.
  const watcherAgent = new Agent({ keepAlive: true, maxSockets: watchers });
  for (let round = 0; round < 10; round++) {
    const token = ((await call('event.from', [session, ['pool'], '', 0])) as { token: string }).token;
    let writeAt = 0;
    const waits = sessions.map(async (s) => {
      await post(watcherAgent, J, json('event.from', [s, ['pool'], token, 30]));
      wake.push(performance.now() - writeAt);
    });
    await new Promise((r) => setTimeout(r, 200)); // let every watcher block
    writeAt = performance.now();
    await call('pool.set_name_label', [session, pool, `r${round}`]);
    await Promise.all(waits);
  }
  watcherAgent.destroy();
  wake.sort((a, b) => a - b);
  figures['event_from_wakeup_100_watchers_p50_ms'] = round(percentile(wake, 50));
  figures['event_from_wakeup_100_watchers_p99_ms'] = round(percentile(wake, 99));
  figures['event_from_wakeup_100_watchers_p99_target_ms'] = WAKEUP_P99_TARGET_MS;
} finally {
  agent.destroy();
  xapi.kill();
  rmSync(state, { recursive: true, force: true });
}
process.stdout.write(
  `server RSS with 10,000 VMs: ${figures['rss_10000_vms_mib']} MiB (target <= ${RSS_TARGET_MIB})\n` +
    `event.from wake-up, 100 watchers: p99 ${figures['event_from_wakeup_100_watchers_p99_ms']} ms (target < ${WAKEUP_P99_TARGET_MS})\n` +
    `VM.get_all_records, 10,000 VMs: p50 ${figures['get_all_records_10000_vms_p50_ms']} ms\n`,
);
process.stdout.write(`${JSON.stringify(figures)}\n`);
