// Test support: start a VM from the argv builder in a temporary run directory, and
// always tear it down (kill QEMU, remove the directory), also when a test fails.
import { mkdtemp, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { buildArgv } from './argv.js';
import type { HostCaps, QemuCommand, VmConfig } from './config.js';
import { findQemu } from './host.js';
import { QmpClient } from './qmp.js';
import { spawnQemu, type QemuProcess } from './qemu-process.js';
import { CpuCgroups, probeCgroups } from './cgroup.js';

export const qemuBinary = findQemu();

/** Removes the cgroups of an instance tag whose QEMUs a test killed behind the backend's back. */
export async function dropCgroups(tag: string): Promise<void> {
  await new CpuCgroups(probeCgroups(tag), tag).sweep(new Set());
}

export interface TestVm {
  readonly cmd: QemuCommand;
  readonly proc: QemuProcess;
  readonly qmp: QmpClient;
  readonly runDir: string;
  cleanup(): Promise<void>;
}

/** A config for a firmware-only VM (SeaBIOS, no disk): QMP in ~40 ms, nothing to boot. */
export function firmwareOnlyConfig(runDir: string): VmConfig {
  return {
    uuid: randomUUID(),
    name: 'test-vm',
    memory: { staticMax: 64 << 20, dynamicMax: 64 << 20, dynamicMin: 64 << 20 },
    vcpus: { max: 2, atStartup: 1 },
    boot: { kind: 'bios' },
    disks: [],
    nics: [],
    consoles: { serial: false },
    platform: { hotplugSlots: 1 },
    runDir,
  };
}

export async function startTestVm(
  config: (runDir: string) => VmConfig = firmwareOnlyConfig,
  host: Partial<HostCaps> = {},
): Promise<TestVm> {
  if (!qemuBinary) throw new Error('qemu-system-x86_64 is not installed');
  const runDir = await mkdtemp('/tmp/xenopsd-qemu-test-');
  const caps: HostCaps = { accel: 'tcg', qemuBinary, instanceTag: 'test', ...host };
  let proc: QemuProcess | undefined;
  let qmp: QmpClient | undefined;
  const cleanup = async () => {
    if (qmp) await qmp.close().catch(() => {});
    if (proc) await proc.kill();
    await rm(runDir, { recursive: true, force: true });
  };
  try {
    const cmd = buildArgv(config(runDir), caps);
    proc = spawnQemu(cmd);
    const started = proc;
    const early = started.exited.then(() => {
      throw new Error(`QEMU exited at start: ${started.stderr().trim()}`);
    });
    qmp = await Promise.race([QmpClient.connect(cmd.paths.qmp, { timeoutMs: 20_000 }), early]);
    void early.catch(() => {});
    return { cmd, proc, qmp, runDir, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
