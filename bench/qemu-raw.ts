// The baseline of bench:qemu: QEMU driven by hand, with the command line the QEMU
// backend's pure argv builder makes and the bare QMP commands the backend would send,
// and nothing else (no xenopsd, no xapi). Every process started here is tracked so
// that the bench can kill what a failure leaves behind.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildArgv } from '../src/xenopsd/backends/qemu/argv.js';
import type { HostCaps, VmConfig } from '../src/xenopsd/backends/qemu/config.js';
import { SERIAL_PROMPT } from '../src/xenopsd/backends/qemu/guest-image/rootfs.js';
import { resumeFromFile, suspendToFile } from '../src/xenopsd/backends/qemu/migration.js';
import { QmpClient, waitForStatus } from '../src/xenopsd/backends/qemu/qmp.js';
import { spawnQemu, type QemuProcess } from '../src/xenopsd/backends/qemu/qemu-process.js';

export interface RawVm {
  readonly config: VmConfig;
  readonly proc: QemuProcess;
  readonly qmp: QmpClient;
  /** From spawn to QMP answering `running` (or, for an incoming one, to QMP ready). */
  readonly startMs: number;
  readonly serialLog: string;
  readonly t0: number;
  quit(): Promise<void>;
}

const live = new Set<RawVm>();

/** Kills every raw QEMU still running (the bench's clean-up, also after a failure). */
export async function killAllRaw(): Promise<void> {
  for (const vm of [...live]) await vm.quit();
}

/**
 * Spawns QEMU with buildArgv(config) and waits for QMP; unless the config is paused or
 * incoming, until `query-status` says `running`.
 */
export async function launchRaw(config: VmConfig, caps: HostCaps): Promise<RawVm> {
  rmSync(config.runDir, { recursive: true, force: true });
  mkdirSync(config.runDir, { recursive: true });
  const cmd = buildArgv(config, caps);
  const t0 = performance.now();
  const proc = spawnQemu(cmd);
  const early = proc.exited.then(() => {
    throw new Error(`QEMU exited at start: ${proc.stderr().trim()}`);
  });
  early.catch(() => {});
  let qmp: QmpClient;
  try {
    const connecting = QmpClient.connect(cmd.paths.qmp, { timeoutMs: 30_000, commandTimeoutMs: 60_000 });
    connecting.catch(() => {});
    qmp = await Promise.race([connecting, early]);
    if (!config.startPaused && !config.incoming) await waitForStatus(qmp, ['running'], { intervalMs: 5 });
  } catch (e) {
    await proc.kill();
    throw e;
  }
  const startMs = performance.now() - t0;
  const vm: RawVm = {
    config,
    proc,
    qmp,
    startMs,
    t0,
    serialLog: cmd.paths.serialLog ?? '',
    async quit() {
      live.delete(vm);
      await qmp.execute('quit', {}, { timeoutMs: 3000 }).catch(() => {});
      await Promise.race([proc.exited, sleep(3000)]);
      await proc.kill();
      await qmp.close().catch(() => {});
      rmSync(config.runDir, { recursive: true, force: true });
    },
  };
  live.add(vm);
  return vm;
}

/**
 * How long a boot may take. Under TCG on a loaded host the guest kernel now and then hangs
 * early (after "MP-BIOS bug: 8254 timer not connected to IO-APIC"); such a boot is given up.
 */
export const PROMPT_TIMEOUT_MS = 60_000;

/** Milliseconds from `t0` until the guest's shell prompt shows in the serial log. */
export async function promptAfter(
  serialLog: string,
  t0: number,
  timeoutMs = PROMPT_TIMEOUT_MS,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let text = '';
    try {
      text = readFileSync(serialLog, 'utf8');
    } catch {
      // not created yet
    }
    if (text.includes(SERIAL_PROMPT)) return performance.now() - t0;
    if (Date.now() > deadline) throw new Error(`no guest prompt in ${serialLog} after ${timeoutMs} ms`);
    await sleep(10);
  }
}

async function migrationDone(qmp: QmpClient): Promise<void> {
  for (;;) {
    const info = await qmp.execute<{ status?: string }>('query-migrate');
    if (info.status === 'completed') return;
    if (info.status === 'failed' || info.status === 'cancelled') throw new Error(`migration ${info.status}`);
    await sleep(5);
  }
}

/** A raw QEMU booted to its prompt; a boot that hangs is given up and tried once more. */
export async function bootRaw(config: VmConfig, caps: HostCaps): Promise<RawVm> {
  for (let attempt = 1; ; attempt++) {
    const vm = await launchRaw(config, caps);
    try {
      await promptAfter(vm.serialLog, vm.t0);
      return vm;
    } catch (e) {
      await vm.quit();
      if (attempt >= 2) throw e;
    }
  }
}

/** stop + migrate to `exec:cat > file`, as the backend suspends; ms until `completed`. */
export async function rawSuspend(vm: RawVm, file: string): Promise<number> {
  const t0 = performance.now();
  for (const c of suspendToFile(file))
    await vm.qmp.execute(c.execute, c.arguments as Record<string, unknown>);
  await migrationDone(vm.qmp);
  return performance.now() - t0;
}

/** A new QEMU with `-incoming defer`, migrate-incoming from the file, cont; ms until running. */
export async function rawResume(
  config: VmConfig,
  caps: HostCaps,
  file: string,
): Promise<{ vm: RawVm; ms: number }> {
  const vm = await launchRaw({ ...config, startPaused: true, incoming: true }, caps);
  for (const c of resumeFromFile(file))
    await vm.qmp.execute(c.execute, c.arguments as Record<string, unknown>);
  await migrationDone(vm.qmp);
  await waitForStatus(vm.qmp, ['paused'], { intervalMs: 5, timeoutMs: 30_000 });
  await vm.qmp.execute('cont');
  await waitForStatus(vm.qmp, ['running'], { intervalMs: 5 });
  return { vm, ms: performance.now() - vm.t0 };
}

/** A free TCP port on loopback (for a migration stream). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/**
 * Live migration over loopback TCP into a new QEMU (`-incoming defer`, migrate-incoming
 * tcp:...), bandwidth unlimited as the backend's saves; ms from the migrate command
 * (the destination already listening) until the destination runs, and ms before that
 * to launch the destination and have it listen.
 */
export async function rawMigrate(
  src: RawVm,
  dstConfig: VmConfig,
  caps: HostCaps,
): Promise<{ vm: RawVm; ms: number; launchMs: number; downtimeMs: number }> {
  const tl = performance.now();
  const dst = await launchRaw({ ...dstConfig, startPaused: false, incoming: true }, caps);
  const port = await freePort();
  await dst.qmp.execute('migrate-incoming', { uri: `tcp:127.0.0.1:${port}` });
  const launchMs = performance.now() - tl;
  await src.qmp.execute('migrate-set-parameters', { 'max-bandwidth': 10 * 1024 * 1024 * 1024 });
  const t0 = performance.now();
  await src.qmp.execute('migrate', { uri: `tcp:127.0.0.1:${port}` });
  await migrationDone(src.qmp);
  await waitForStatus(dst.qmp, ['running'], { intervalMs: 5, timeoutMs: 30_000 });
  const ms = performance.now() - t0;
  const info = await src.qmp.execute<{ downtime?: number }>('query-migrate');
  return { vm: dst, ms, launchMs, downtimeMs: info.downtime ?? NaN };
}

/** A fresh empty qcow2 image of `sizeBytes` (so that raw QEMUs do not share a locked image). */
export function freshImage(path: string, sizeBytes: number): void {
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path, String(sizeBytes)]);
}

/** The virtual size of an image in bytes. */
export function imageSize(path: string): number {
  const info = JSON.parse(
    execFileSync('qemu-img', ['info', '-U', '--output=json', path], { encoding: 'utf8' }),
  ) as {
    'virtual-size': number;
  };
  return info['virtual-size'];
}
