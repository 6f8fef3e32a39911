// Boot time of the test guest under QEMU, from spawn to the serial shell prompt, with
// the recommended command line: the PVH-booted uncompressed vmlinux against its
// baseline, the same kernel as a compressed bzImage (which decompresses itself in the
// guest, slowly under TCG). Runs are interleaved; prints one JSON line of figures.
//   npm run bench:qemu-boot [-- RUNS]
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { buildArgv } from '../src/xenopsd/backends/qemu/argv.js';
import { ensureGuestImage, defaultCacheDir } from '../src/xenopsd/backends/qemu/guest-image/build.js';
import { SERIAL_PROMPT } from '../src/xenopsd/backends/qemu/guest-image/rootfs.js';
import { findQemu } from '../src/xenopsd/backends/qemu/host.js';
import { probeAccel } from '../src/xenopsd/backends/qemu/kvm-probe.js';
import { QmpClient } from '../src/xenopsd/backends/qemu/qmp.js';
import { spawnQemu } from '../src/xenopsd/backends/qemu/qemu-process.js';
import { SerialConsole } from '../src/xenopsd/backends/qemu/serial.js';
import { GUEST_CMDLINE } from '../src/xenopsd/backends/qemu/guest-image/rootfs.js';

const runs = Number(process.argv[2] ?? 5);
const qemu = findQemu();
if (!qemu) throw new Error('qemu-system-x86_64 is not installed');
const image = await ensureGuestImage({ log: (l) => console.error(l) });
const { accel, reason } = await probeAccel({
  qemuBinary: qemu,
  kernel: image.vmlinux,
  initrd: image.initrd,
  cacheDir: defaultCacheDir(),
});
console.error(`accelerator ${accel}: ${reason}`);

async function boot(kernel: string): Promise<{ qmpMs: number; promptMs: number }> {
  const runDir = await mkdtemp('/tmp/qemu-bench-');
  const cmd = buildArgv(
    {
      uuid: randomUUID(),
      name: 'bench',
      memory: { staticMax: 128 << 20, dynamicMax: 128 << 20, dynamicMin: 128 << 20 },
      vcpus: { max: 1, atStartup: 1 },
      boot: { kind: 'direct', kernel, initrd: image.initrd, cmdline: GUEST_CMDLINE },
      disks: [],
      nics: [],
      consoles: { serial: true },
      runDir,
    },
    { accel, qemuBinary: qemu as string, instanceTag: 'bench' },
  );
  const t0 = performance.now();
  const proc = spawnQemu(cmd);
  try {
    const qmp = await QmpClient.connect(cmd.paths.qmp, { timeoutMs: 30_000 });
    const qmpMs = performance.now() - t0;
    const serial = await SerialConsole.connect(cmd.paths.serial as string);
    await serial.waitFor(SERIAL_PROMPT, { timeoutMs: 120_000 });
    const promptMs = performance.now() - t0;
    serial.close();
    await qmp.execute('quit');
    await qmp.close();
    return { qmpMs, promptMs };
  } finally {
    await proc.kill();
    await rm(runDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const pvh: number[] = [];
const bz: number[] = [];
const qmpReady: number[] = [];
for (let i = 0; i < runs; i++) {
  const a = await boot(image.vmlinux);
  pvh.push(a.promptMs);
  qmpReady.push(a.qmpMs);
  const b = await boot(image.vmlinuz);
  bz.push(b.promptMs);
  console.error(
    `run ${i + 1}: pvh ${(a.promptMs / 1000).toFixed(2)} s, bzImage ${(b.promptMs / 1000).toFixed(2)} s`,
  );
}
console.log(
  JSON.stringify({
    accel,
    runs,
    pvh_prompt_p50_ms: Math.round(median(pvh)),
    bzimage_prompt_p50_ms: Math.round(median(bz)),
    pvh_vs_bzimage_speedup_ratio: Number((median(bz) / median(pvh)).toFixed(2)),
    qmp_ready_p50_ms: Math.round(median(qmpReady)),
  }),
);
