// bench:cli — the start-up cost of `xe`: `xe host-list` through the real bin
// against a live xapi (simulator, temporary state directory), next to a bare
// `node -e 0` in the same run (the floor on this machine).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/common/config.js';
import { percentile, round, startChild } from './support.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);
const state = mkdtempSync(join(tmpdir(), 'xapi-ts-bench-cli-'));
const xe = join(REPO_ROOT, 'bin', 'xe.cjs');
const figures: Record<string, number> = {};
// The bench measures the normal path: the compiled build, never the TypeScript dev mode.
const env: NodeJS.ProcessEnv = { ...process.env, XAPI_TS_STATE_DIR: state };
delete env['XAPI_TS_DEV'];

/** Wall-clock milliseconds of one child run; it must succeed. */
function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

const { child: xapi } = await startChild(
  ['xapi', '--state-dir', state, '--port', '0', '--https-port', 'none'],
  /listening on/,
  {
    XAPI_TS_ROOT_PASSWORD: 'bench',
  },
);
try {
  // Once untimed: a stale build is rebuilt here, and the server warms up.
  const first = spawnSync(process.execPath, [xe, 'host-list', '--minimal'], { env, encoding: 'utf8' });
  if (first.status !== 0 || !/^[0-9a-f-]{36}\n$/.test(first.stdout))
    throw new Error(`xe host-list failed (${first.status}): ${first.stdout}${first.stderr}`);
  const xeTimes: number[] = [];
  const nodeTimes: number[] = [];
  // Interleaved, so both see the same load on a shared machine.
  for (let i = 0; i < RUNS; i++) {
    xeTimes.push(timed([xe, 'host-list']));
    nodeTimes.push(timed(['-e', '0']));
  }
  xeTimes.sort((a, b) => a - b);
  nodeTimes.sort((a, b) => a - b);
  figures['xe_host_list_p50_ms'] = round(percentile(xeTimes, 50));
  figures['xe_host_list_p90_ms'] = round(percentile(xeTimes, 90));
  figures['node_e0_p50_ms'] = round(percentile(nodeTimes, 50));
  figures['xe_ratio'] = round(percentile(xeTimes, 50) / percentile(nodeTimes, 50), 2);
} finally {
  xapi.kill();
  rmSync(state, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
