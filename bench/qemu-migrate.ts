// bench:qemu, live migration: xenopsd's VM.migrate between two xenopsd daemons on
// the QEMU backend (sharing a host directory, as two instances on one host do), against
// raw QMP `migrate` over loopback TCP between two hand-launched QEMUs with the same
// command line. The guest is booted to its prompt first; migrations go back and forth.
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HostCaps } from '../src/xenopsd/backends/qemu/config.js';
import type { DomainRecord } from '../src/xenopsd/backends/qemu/domains.js';
import { connectXenops, socketScheme, type Connection } from '../src/idl/xenops-client.js';
import { decodeVm } from '../src/xenopsd/decode.js';
import { bootRaw, promptAfter, rawMigrate } from './qemu-raw.js';
import { percentile, round, startChild } from './support.js';

const p50 = (xs: readonly number[]) =>
  round(
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    ),
    1,
  );

/** Waits for a xenopsd task; throws its error. */
export async function settle(x: Connection, task: string): Promise<void> {
  // a short fixed poll: xapi is woken by UPDATES, so slack here would be charged to xenopsd
  for (;;) {
    const info = await x.client.call('Task.stat', { dbg: 'bench', id: task });
    if (info.state[0] !== 'Pending') {
      await x.client.call('Task.destroy', { dbg: 'bench', id: task });
      if (info.state[0] === 'Failed') throw new Error(`xenopsd task failed: ${info.state[1].join(' ')}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

const children: ChildProcess[] = [];

/** Stops the xenopsd daemons this part started (after a failure, or on a signal). */
export async function stopDaemons(): Promise<void> {
  for (const ch of children.splice(0)) {
    if (ch.exitCode !== null || ch.signalCode !== null) continue;
    const gone = new Promise((r) => ch.once('exit', r));
    ch.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    if (ch.exitCode === null && ch.signalCode === null) ch.kill('SIGKILL');
  }
}

/** `runs` migrations back and forth; the ms of each. */
async function xenopsdMigrations(
  conns: readonly Connection[],
  names: readonly string[],
  dir: string,
  id: string,
  runs: number,
): Promise<number[]> {
  const xs: number[] = [];
  let here = 0;
  for (let i = 0; i < runs; i++) {
    const from = conns[here] as Connection;
    const to = names[1 - here] as string;
    const t = performance.now();
    const task = await from.client.call('VM.migrate', {
      dbg: 'bench',
      id,
      xenops_url: `${socketScheme}${join(dir, `xenopsd-${to}.sock`)}`,
      vdi_map: {},
      vif_map: {},
      pci_map: {},
    });
    await settle(from, task);
    xs.push(performance.now() - t);
    here = 1 - here;
    const [, now] = await (conns[here] as Connection).client.call('VM.stat', { dbg: 'bench', id });
    if (now.power_state !== 'Running') throw new Error(`the migrated VM is ${now.power_state}`);
  }
  return xs;
}

/**
 * Figures `xenopsd_migrate_p50_ms`, `raw_migrate_p50_ms` (from `migrate` to the destination
 * running), `raw_migrate_with_launch_p50_ms` (the same from the destination's launch) and
 * `raw_migrate_downtime_p50_ms`.
 */
export async function migrationBench(
  dir: string,
  caps: HostCaps,
  runs: number,
  tags: string[],
): Promise<Record<string, number | string>> {
  mkdirSync(dir, { recursive: true });
  const names = ['msrc', 'mdst'];
  const hash = createHash('sha1').update(dir).digest('hex').slice(0, 8);
  tags.push(...names.map((n) => `${n}.${hash}`));
  const conns: Connection[] = [];
  const out: Record<string, number | string> = {};
  try {
    for (const name of names) {
      const args = ['xenopsd', '--name', name, '--backend', 'qemu', '--qemu-test-guest', '--no-switch'];
      children.push((await startChild([...args, '--state-dir', dir], /serving/)).child);
      conns.push(
        connectXenops(`${socketScheme}${join(dir, `xenopsd-${name}.sock`)}`, { timeoutMs: 120_000 }),
      );
    }
    const a = conns[0] as Connection;
    const id = 'mig';
    // the template's guest: 256 MiB, one vCPU
    await a.client.call('VM.add', {
      dbg: 'bench',
      vm: decodeVm({ id, name: id, memory_static_max: 2 ** 28, vcpu_max: 1, vcpus: 1 }),
    });
    const t0 = performance.now();
    await settle(a, await a.client.call('VM.start', { dbg: 'bench', id, force: false }));
    await settle(a, await a.client.call('VM.unpause', { dbg: 'bench', id }));
    const [, st] = await a.client.call('VM.stat', { dbg: 'bench', id });
    const serial = st.consoles.find((k) => k.protocol === 'Vt100')?.path;
    if (!serial) throw new Error('the migrating VM has no serial console');
    await promptAfter(join(dirname(serial), 'serial.log'), t0);
    const record = JSON.parse(
      readFileSync(join(dir, 'xenopsd-msrc', 'qemu-domains', `${id}.json`), 'utf8'),
    ) as { record: DomainRecord };
    const config = record.record.config;
    if (!config) throw new Error('xenopsd recorded no QEMU config for the VM');

    // what VM.migrate does today (it is being made a live TCP migration): a failure is a figure too
    try {
      out['xenopsd_migrate_p50_ms'] = p50(await xenopsdMigrations(conns, names, dir, id, runs));
    } catch (e) {
      out['xenopsd_migrate_error'] = (e as Error).message.slice(0, 300);
    }
    for (const x of conns) {
      const alive = await x.client.call('VM.exists', { dbg: 'bench', id }).catch(() => false);
      if (alive) await settle(x, await x.client.call('VM.shutdown', { dbg: 'bench', id })).catch(() => {});
    }

    const raws: number[] = [];
    const withLaunch: number[] = [];
    const downtimes: number[] = [];
    let src = await bootRaw({ ...config, runDir: join(dir, 'raw-a'), startPaused: false }, caps);
    for (let i = 0; i < runs; i++) {
      const m = await rawMigrate(src, { ...config, runDir: join(dir, i % 2 ? 'raw-a' : 'raw-b') }, caps);
      raws.push(m.ms);
      withLaunch.push(m.launchMs + m.ms);
      downtimes.push(m.downtimeMs);
      await src.quit();
      src = m.vm;
    }
    await src.quit();
    out['raw_migrate_p50_ms'] = p50(raws);
    // the same, counting the destination's launch (which VM.migrate's figure includes)
    out['raw_migrate_with_launch_p50_ms'] = p50(withLaunch);
    out['raw_migrate_downtime_p50_ms'] = p50(downtimes);
  } finally {
    for (const x of conns) await x.close();
    await stopDaemons();
  }
  return out;
}
