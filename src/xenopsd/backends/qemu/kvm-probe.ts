// Deciding between KVM and TCG by booting a real guest under KVM. /dev/kvm existing
// and QMP's query-kvm saying "enabled" prove nothing: on hosts whose /dev/kvm comes
// from kvm_pvm a stock kernel never gets past its decompressor (qemu.md §2). So a
// guest kernel is started with -accel kvm and must reach the end of its boot script
// within a short timeout. The decision is cached per host boot (boot_id) and QEMU binary.
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { buildArgv } from './argv.js';
import { spawnQemu } from './qemu-process.js';
import { READY_MARKER } from './guest-image/rootfs.js';
import { GUEST_CMDLINE } from './guest-image/rootfs.js';

export interface AccelDecision {
  readonly accel: 'kvm' | 'tcg';
  readonly reason: string;
}

/** Bump when the probe itself changes, so results of an older probe are not reused. */
const PROBE_VERSION = 2;

interface ProbeRecord {
  readonly version: number;
  readonly bootId: string;
  readonly qemu: string;
  readonly decision: AccelDecision;
  readonly probedAt: string;
}

export interface ProbeOptions {
  readonly qemuBinary: string;
  /** A guest whose init prints READY_MARKER on ttyS0 (guest-image/build.ts). */
  readonly kernel: string;
  readonly initrd: string;
  /** Where the per-boot result is kept. */
  readonly cacheDir: string;
  /** How long the guest gets to boot under KVM. Default 15 s. */
  readonly timeoutMs?: number;
  /** Ignore a cached result. */
  readonly force?: boolean;
  readonly devKvm?: string;
}

async function qemuIdentity(binary: string): Promise<string> {
  const s = await stat(binary);
  return `${binary}:${s.size}:${s.mtimeMs}`;
}

async function bootId(): Promise<string> {
  return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
}

async function kvmModules(): Promise<string> {
  const mods: string[] = [];
  for (const m of ['kvm_intel', 'kvm_amd', 'kvm_pvm']) {
    if (
      await access(`/sys/module/${m}`).then(
        () => true,
        () => false,
      )
    )
      mods.push(m);
  }
  return mods.length ? ` (modules: ${mods.join(', ')})` : '';
}

/** Boots the guest under KVM once and says whether it got through. */
async function bootUnderKvm(opts: ProbeOptions): Promise<AccelDecision> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const runDir = await mkdtemp('/tmp/kvm-probe-');
  const cmd = buildArgv(
    {
      uuid: randomUUID(),
      name: 'kvm-probe',
      memory: { staticMax: 128 << 20, dynamicMax: 128 << 20, dynamicMin: 128 << 20 },
      vcpus: { max: 1, atStartup: 1 },
      boot: { kind: 'direct', kernel: opts.kernel, initrd: opts.initrd, cmdline: GUEST_CMDLINE },
      disks: [],
      nics: [],
      consoles: { serial: true },
      platform: { pvpanic: false, balloon: false, hotplugSlots: 0, controlChannel: false },
      actions: { onShutdown: 'poweroff', onReboot: 'shutdown', onPanic: 'shutdown' },
      runDir,
    },
    { accel: 'kvm', qemuBinary: opts.qemuBinary, instanceTag: 'kvm-probe' },
  );
  const t0 = Date.now();
  const proc = spawnQemu(cmd);
  let exited = false;
  void proc.exited.then(() => (exited = true));
  try {
    for (;;) {
      const log = await readFile(cmd.paths.serialLog as string, 'utf8').catch(() => '');
      if (log.includes(READY_MARKER)) {
        return {
          accel: 'kvm',
          reason: `a guest booted under KVM in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        };
      }
      if (exited) {
        const { code, signal } = await proc.exited;
        const last = proc.stderr().trim().split('\n').slice(-2).join(' / ');
        return {
          accel: 'tcg',
          reason: `QEMU exited under KVM (${signal ?? `rc ${code}`}) before the guest booted: ${last || 'no message'}`,
        };
      }
      if (Date.now() - t0 > timeoutMs) {
        const printed = log.trim() === '' ? 'printed nothing' : 'did not finish booting';
        return {
          accel: 'tcg',
          reason: `a guest under KVM ${printed} in ${timeoutMs / 1000} s${await kvmModules()}: /dev/kvm is present but unusable`,
        };
      }
      await sleep(100);
    }
  } finally {
    await proc.kill();
    await rm(runDir, { recursive: true, force: true });
  }
}

/** KVM if a guest really boots under it on this host, else TCG; with the reason. */
export async function probeAccel(opts: ProbeOptions): Promise<AccelDecision> {
  const file = join(opts.cacheDir, 'kvm-probe.json');
  const [id, qemu] = await Promise.all([bootId(), qemuIdentity(opts.qemuBinary)]);
  if (!opts.force) {
    const cached = await readFile(file, 'utf8').then(
      (t) => JSON.parse(t) as ProbeRecord,
      () => undefined,
    );
    if (cached?.version === PROBE_VERSION && cached.bootId === id && cached.qemu === qemu)
      return cached.decision;
  }
  const dev = opts.devKvm ?? '/dev/kvm';
  const unusable = await access(dev, constants.R_OK | constants.W_OK).then(
    () => undefined,
    (e: NodeJS.ErrnoException) =>
      e.code === 'ENOENT' ? `no ${dev}` : `${dev} is not accessible (${e.code})`,
  );
  const decision: AccelDecision = unusable ? { accel: 'tcg', reason: unusable } : await bootUnderKvm(opts);
  const record: ProbeRecord = {
    version: PROBE_VERSION,
    bootId: id,
    qemu,
    decision,
    probedAt: new Date().toISOString(),
  };
  await mkdir(opts.cacheDir, { recursive: true });
  await writeFile(file, JSON.stringify(record, null, 2) + '\n');
  return decision;
}
