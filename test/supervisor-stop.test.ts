// `xapi-ts start` as real processes: SIGTERM stops every daemon within the
// grace period (clients first, the switch last, so xenopsd never waits on a
// switch that has gone), and even a supervisor killed with SIGKILL leaves no
// daemon behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { xenopsQueue } from '../src/idl/xenops.js';
import { LOCAL_XENOPSD } from '../src/supervisor/main.js';
import { SwitchClient } from '../src/switch/client.js';
import { READY, startDaemon, type Daemon } from './support/daemon.js';

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly state: string;
  readonly args: string[];
}

function proc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) is in parentheses and may hold spaces.
    const [state = '', ppid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(ppid), state, args };
  } catch {
    return undefined;
  }
}

/** Running (not zombie) processes whose parent is `ppid`. */
function childrenOf(ppid: number): Proc[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => proc(Number(d)))
    .filter((p): p is Proc => p !== undefined && p.ppid === ppid && p.state !== 'Z');
}

const alive = (pid: number): boolean => {
  const p = proc(pid);
  return p !== undefined && p.state !== 'Z';
};

const DAEMONS = ['message-switch', 'xenopsd', 'rrdd', 'xapi'];

/** The supervisor's daemons by name, once all four run and xapi long-polls xenopsd over the switch. */
async function daemonsOf(sup: Daemon, state: string): Promise<Map<string, number>> {
  const supPid = sup.child.pid as number;
  const client = new SwitchClient({ socketPath: join(state, 'switch.sock') });
  try {
    for (let i = 0; ; i++) {
      const kids = new Map<string, number>();
      for (const p of childrenOf(supPid)) {
        const name = DAEMONS.find((n) => p.args.includes(n));
        if (name) kids.set(name, p.pid);
      }
      // The state that used to hang xenopsd's stop: a request of xapi's in flight on xenopsd's queue.
      const q = (await client.diagnostics().catch(() => undefined))?.queues[xenopsQueue(LOCAL_XENOPSD)];
      if (kids.size === DAEMONS.length && (q?.in_flight ?? 0) > 0) return kids;
      if (i > 1500) throw new Error(`the toolstack did not come up: ${sup.output()}`);
      await sleep(20);
    }
  } finally {
    client.close();
  }
}

async function withToolstack(f: (sup: Daemon, kids: Map<string, number>) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-stop-'));
  const state = join(dir, 'state');
  const env = { XAPI_TS_STATE_DIR: state, XAPI_TS_PORT: '0', XAPI_TS_BACKEND: 'simulator' };
  const sup = await startDaemon(['start'], { ready: READY.xapi, env });
  let kids = new Map<string, number>();
  try {
    kids = await daemonsOf(sup, state);
    await f(sup, kids);
  } finally {
    await sup.stop('SIGKILL');
    for (const pid of kids.values()) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

test('SIGTERM: every daemon stops by itself within the grace period, and the supervisor exits last', async () => {
  await withToolstack(async (sup, kids) => {
    const exited = new Promise<number | null>((r) => sup.child.once('exit', (code) => r(code)));
    sup.child.kill('SIGTERM');
    assert.equal(await exited, 0, sup.output());
    for (const [name, pid] of kids)
      assert.equal(alive(pid), false, `${name} (${pid}) outlived the supervisor`);
    assert.doesNotMatch(sup.output(), /did not stop within/);
  });
});

test('a supervisor killed with SIGKILL leaves no daemon behind', async () => {
  await withToolstack(async (sup, kids) => {
    await sup.stop('SIGKILL');
    for (let i = 0; [...kids.values()].some(alive); i++) {
      if (i > 1000) break;
      await sleep(20);
    }
    for (const [name, pid] of kids) assert.equal(alive(pid), false, `${name} (${pid}) was left running`);
  });
});
