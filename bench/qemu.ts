// bench:qemu — real VMs through the whole toolstack (xapi + xenopsd on the QEMU
// backend) against their baseline, the same QEMU command line (the backend's own argv
// builder, from the config xenopsd recorded) spawned by hand and driven with the same
// bare QMP commands; and against a peer, the same guest under libvirt. Figures: start
// to running and to the guest's prompt, 10 concurrent starts, pause/unpause,
// suspend/resume, live migration between two xenopsd daemons. Prints one JSON line.
//   npm run bench:qemu        (BENCH_RUNS=N sequential starts of each kind, default 15;
//                              the first 5 of them also wait for the guest's prompt;
//                              BENCH_SECTIONS=start,xapi_suspend,... runs only those parts)
// The last figures are the toolstack's ratios to its baseline (`*_ratio`): suspend and
// resume through the XenAPI against raw QMP, 10 concurrent starts, live migration (against
// the raw stream alone, and against the stream plus the destination's launch).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createQemuBackend } from '../src/xenopsd/backends/qemu/backend.js';
import type { HostCaps, VmConfig } from '../src/xenopsd/backends/qemu/config.js';
import type { DomainRecord } from '../src/xenopsd/backends/qemu/domains.js';
import { ensureGuestImage } from '../src/xenopsd/backends/qemu/guest-image/build.js';
import { builtinGuestFiles } from '../src/xenopsd/backends/qemu/guest-image/builtin-files.js';
import { findQemu } from '../src/xenopsd/backends/qemu/host.js';
import { findOwnQemus } from '../src/xenopsd/backends/qemu/qemu-process.js';
import { startToolstack } from '../test/support/toolstack.js';
import { startLibvirt, libvirtRuns, type Libvirt } from './qemu-libvirt.js';
import { migrationBench, settle, stopDaemons } from './qemu-migrate.js';
import { connectXenops, socketScheme, type Connection } from '../src/idl/xenops-client.js';
import {
  bootRaw,
  freshImage,
  imageSize,
  killAllRaw,
  launchRaw,
  promptAfter,
  rawResume,
  rawSuspend,
  type RawVm,
} from './qemu-raw.js';
import { percentile, round } from './support.js';

const RUNS = Math.max(1, Math.min(40, Number(process.env['BENCH_RUNS'] ?? 15)));
const PROMPTS = Math.min(RUNS, 5);
const PAUSES = 5;
const SUSPENDS = 3;
const CONCURRENT = 10;
const MIGRATIONS = 4;

const p50 = (xs: readonly number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const say = (line: string) => console.error(line);
const figures: Record<string, number | string> = { runs: RUNS };
const put = (name: string, xs: readonly number[]) => (figures[name] = round(p50(xs), 1));
const only = process.env['BENCH_SECTIONS']?.split(',').filter((x) => x !== '');
/** Runs one part of the bench; a failure becomes `<name>_error` and the rest still runs. */
async function section(name: string, what: string, fn: () => Promise<void>): Promise<void> {
  if (only && !only.includes(name)) return;
  say(what);
  try {
    await fn();
  } catch (e) {
    figures[`${name}_error`] = (e as Error).message.slice(0, 300);
    say(`  ${name} failed: ${(e as Error).message}`);
  }
}

const qemu = findQemu();
if (!qemu) {
  console.log(JSON.stringify({ error: 'qemu-system-x86_64 is not installed' }));
  process.exit(1);
}
// built (or found) up front, so that no start below pays for it
await ensureGuestImage({ log: say });
const work = mkdtempSync('/tmp/xapi-ts-bench-qemu-');
const tags: string[] = [];
// as `xapi-ts xenopsd --backend qemu` makes it
const backend = createQemuBackend({ builtinFiles: builtinGuestFiles() });
// the backend's own choice without a probe kernel is TCG; the baseline uses the same
const caps: HostCaps = { accel: 'tcg', qemuBinary: qemu, instanceTag: 'xapi-ts-bench-raw' };
const ts = await startToolstack({ backend, cleanShutdownTimeoutS: 60 });
tags.push(`test.${createHash('sha1').update(ts.stateDir).digest('hex').slice(0, 8)}`);
let libvirt: Libvirt | undefined;
let xd: Connection | undefined;

let cleaned: Promise<void> | undefined;
/** Ends everything the bench started; also run on SIGINT/SIGTERM. */
const cleanup = (): Promise<void> =>
  (cleaned ??= (async () => {
    await xd?.close();
    await killAllRaw();
    await stopDaemons();
    await Promise.resolve(ts[Symbol.asyncDispose]()).catch((e: unknown) =>
      say(`toolstack stop: ${(e as Error).message}`),
    );
    await (libvirt as Libvirt | undefined)?.stop();
    // QEMUs outlive the xenopsd that started them: end those of this bench's instances
    for (const tag of [...tags, caps.instanceTag])
      for (const q of await findOwnQemus(tag)) {
        try {
          process.kill(q.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    rmSync(ts.stateDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  })());
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => void cleanup().finally(() => process.exit(130)));

try {
  const c = await ts.client();
  const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0];
  if (!template) throw new Error('no "xapi-ts Tiny Linux" template');
  const newVm = async (label: string) => {
    const vm = await c.VM.clone(template, label);
    await c.VM.provision(vm);
    return vm;
  };
  const serialLogOf = async (vm: string) =>
    join(ts.stateDir, 'qemu', `d${await c.VM.get_domid(vm)}`, 'serial.log');
  const vm = await newVm('bench');
  const uuid = await c.VM.get_uuid(vm);

  // warm-up (also records the config QEMU is started with, the baseline's input)
  await c.VM.start(vm, false, false);
  const domains = join(ts.stateDir, 'xenopsd-test', 'qemu-domains');
  const record = readdirSync(domains)
    .map((f) => JSON.parse(readFileSync(join(domains, f), 'utf8')) as { record: DomainRecord })
    .find((r) => r.record.vm === uuid)?.record;
  if (!record?.config) throw new Error('xenopsd recorded no QEMU config for the VM');
  const recorded = record.config;
  // the same VM and disks as xapi hands them to xenopsd, to start on xenopsd directly
  const xdc = connectXenops(`${socketScheme}${join(ts.stateDir, 'xenopsd-test.sock')}`, {
    timeoutMs: 120_000,
  });
  xd = xdc;
  const [xvm] = await xdc.client.call('VM.stat', { dbg: 'bench', id: uuid });
  const xvbds = await xdc.client.call('VBD.list', { dbg: 'bench', vm: uuid });
  await c.VM.hard_shutdown(vm);
  const diskSize = Math.max(1 << 20, ...recorded.disks.map((d) => (d.path ? imageSize(d.path) : 0)));
  let images = 0;
  /** The recorded config, with its own run directory and fresh disk images. */
  const rawConfig = (): VmConfig => {
    const n = images++;
    return {
      ...recorded,
      runDir: join(work, `raw${n}`),
      startPaused: false,
      incoming: false,
      disks: recorded.disks.map((d, i) => {
        if (!d.path) return d;
        const path = join(work, `raw${n}-${i}.qcow2`);
        freshImage(path, diskSize);
        return { ...d, path, format: 'qcow2' };
      }),
    };
  };
  await (await launchRaw(rawConfig(), caps)).quit();
  const direct = 'bench-xenopsd';
  await xdc.client.call('VM.add', { dbg: 'bench', vm: { ...xvm, id: direct } });
  for (const [v] of xvbds) {
    const path = join(work, `xenopsd-${v.id[1]}.qcow2`);
    freshImage(path, diskSize);
    await xdc.client.call('VBD.add', {
      dbg: 'bench',
      vbd: { ...v, id: [direct, v.id[1]], backend: ['Local', path] },
    });
  }

  const x = { start: [] as number[], prompt: [] as number[], stop: [] as number[] };
  await section(
    'start',
    `start to running x${RUNS} and to the guest prompt x${PROMPTS}, interleaved`,
    async () => {
      const r = { start: [] as number[], prompt: [] as number[], stop: [] as number[] };
      const xs: number[] = [];
      // boots that hung (see PROMPT_TIMEOUT_MS): counted, not timed
      const hung = { xapi: 0, raw: 0 };
      for (let i = 0; i < RUNS; i++) {
        const tx = performance.now();
        await settle(xdc, await xdc.client.call('VM.start', { dbg: 'bench', id: direct, force: false }));
        await settle(xdc, await xdc.client.call('VM.unpause', { dbg: 'bench', id: direct }));
        xs.push(performance.now() - tx);
        await settle(xdc, await xdc.client.call('VM.shutdown', { dbg: 'bench', id: direct }));

        const t0 = performance.now();
        await c.VM.start(vm, false, false);
        x.start.push(performance.now() - t0);
        if (i < PROMPTS) {
          const p = await promptAfter(await serialLogOf(vm), t0).catch(() => undefined);
          if (p === undefined) hung.xapi++;
          else x.prompt.push(p);
        }
        const t1 = performance.now();
        await c.VM.hard_shutdown(vm);
        x.stop.push(performance.now() - t1);

        const raw = await launchRaw(rawConfig(), caps);
        r.start.push(raw.startMs);
        if (i < PROMPTS) {
          const p = await promptAfter(raw.serialLog, raw.t0).catch(() => undefined);
          if (p === undefined) hung.raw++;
          else r.prompt.push(p);
        }
        const t2 = performance.now();
        await raw.quit();
        r.stop.push(performance.now() - t2);
        say(
          `  run ${i + 1}: xapi ${round(x.start[i] ?? 0, 1)} ms, xenopsd ${round(xs[i] ?? 0, 1)} ms, raw ${round(raw.startMs, 1)} ms`,
        );
      }
      put('xapi_start_p50_ms', x.start);
      put('raw_start_p50_ms', r.start);
      figures['toolstack_start_overhead_p50_ms'] = round(p50(x.start) - p50(r.start), 1);
      put(
        'toolstack_start_overhead_paired_p50_ms',
        x.start.map((v, i) => v - (r.start[i] ?? 0)),
      );
      // where the overhead is: xenopsd (VM.start + VM.unpause tasks on its socket) and xapi above it
      put('xenopsd_start_p50_ms', xs);
      figures['xenopsd_start_overhead_p50_ms'] = round(p50(xs) - p50(r.start), 1);
      figures['xapi_over_xenopsd_start_p50_ms'] = round(p50(x.start) - p50(xs), 1);
      figures['xapi_prompt_timeouts'] = hung.xapi;
      figures['raw_prompt_timeouts'] = hung.raw;
      put('xapi_prompt_p50_ms', x.prompt);
      put('raw_prompt_p50_ms', r.prompt);
      put('xapi_hard_shutdown_p50_ms', x.stop);
      put('raw_quit_p50_ms', r.stop);
    },
  );

  await section(
    'xapi_suspend',
    `XenAPI pause/unpause x${PAUSES}, suspend/resume x${SUSPENDS}, on a booted guest`,
    async () => {
      // a boot that hangs is given up and tried once more
      for (let attempt = 1; ; attempt++) {
        const t0 = performance.now();
        await c.VM.start(vm, false, false);
        const booted = await promptAfter(await serialLogOf(vm), t0).then(
          () => true,
          (e: unknown) => {
            if (attempt >= 2) throw e;
            return false;
          },
        );
        if (booted) break;
        await c.VM.hard_shutdown(vm);
      }
      const pause: number[] = [];
      const unpause: number[] = [];
      for (let i = 0; i < PAUSES; i++) {
        let t = performance.now();
        await c.VM.pause(vm);
        pause.push(performance.now() - t);
        t = performance.now();
        await c.VM.unpause(vm);
        unpause.push(performance.now() - t);
      }
      put('xapi_pause_p50_ms', pause);
      put('xapi_unpause_p50_ms', unpause);
      const suspend: number[] = [];
      const resume: number[] = [];
      for (let i = 0; i < SUSPENDS; i++) {
        let t = performance.now();
        await c.VM.suspend(vm);
        suspend.push(performance.now() - t);
        t = performance.now();
        await c.VM.resume(vm, false, false);
        resume.push(performance.now() - t);
        if ((await c.VM.get_power_state(vm)) !== 'Running') throw new Error('the resumed VM does not run');
      }
      put('xapi_suspend_p50_ms', suspend);
      put('xapi_resume_p50_ms', resume);
      await c.VM.hard_shutdown(vm);
    },
  );
  await section('raw_suspend', `raw QMP stop/cont x${PAUSES}, suspend/resume x${SUSPENDS}`, async () => {
    let raw: RawVm = await bootRaw(rawConfig(), caps);
    const pause: number[] = [];
    const unpause: number[] = [];
    for (let i = 0; i < PAUSES; i++) {
      let t = performance.now();
      await raw.qmp.execute('stop');
      pause.push(performance.now() - t);
      t = performance.now();
      await raw.qmp.execute('cont');
      unpause.push(performance.now() - t);
    }
    put('raw_pause_p50_ms', pause);
    put('raw_unpause_p50_ms', unpause);
    const suspend: number[] = [];
    const resume: number[] = [];
    const file = join(work, 'raw-suspend.img');
    for (let i = 0; i < SUSPENDS; i++) {
      const t = performance.now();
      await rawSuspend(raw, file);
      await raw.quit();
      suspend.push(performance.now() - t);
      const back = await rawResume({ ...raw.config, runDir: join(work, `resume${i}`) }, caps, file);
      resume.push(back.ms);
      raw = back.vm;
    }
    await raw.quit();
    rmSync(file, { force: true });
    put('raw_suspend_p50_ms', suspend);
    put('raw_resume_p50_ms', resume);
  });

  await section('concurrent10', `${CONCURRENT} concurrent starts`, async () => {
    const vms = [];
    for (let i = 0; i < CONCURRENT; i++) vms.push(await newVm(`bench-${i}`));
    let t = performance.now();
    await Promise.all(vms.map((v) => c.VM.start(v, false, false)));
    figures['xapi_concurrent10_start_total_ms'] = round(performance.now() - t, 1);
    t = performance.now();
    await Promise.all(vms.map((v) => c.VM.hard_shutdown(v)));
    figures['xapi_concurrent10_hard_shutdown_total_ms'] = round(performance.now() - t, 1);
    const configs = vms.map(() => rawConfig());
    t = performance.now();
    const raws = await Promise.all(configs.map((cfg) => launchRaw(cfg, caps)));
    figures['raw_concurrent10_start_total_ms'] = round(performance.now() - t, 1);
    await Promise.all(raws.map((v) => v.quit()));
  });

  await section(
    'migrate',
    `live migration x${MIGRATIONS}: xenopsd VM.migrate between two daemons, raw QMP over loopback TCP`,
    async () => {
      Object.assign(figures, await migrationBench(join(work, 'mig'), caps, MIGRATIONS, tags));
    },
  );

  await section('libvirt', 'libvirt peer', async () => {
    libvirt = await startLibvirt();
    // the same guest, with a fresh image for its disk
    const boot = rawConfig();
    const lv = await libvirtRuns(libvirt, boot, qemu, work, PROMPTS);
    put('libvirt_start_p50_ms', lv.start);
    put('libvirt_prompt_p50_ms', lv.prompt);
    figures['libvirt_prompt_timeouts'] = lv.promptTimeouts;
    put('libvirt_pause_p50_ms', lv.pause);
    put('libvirt_unpause_p50_ms', lv.unpause);
    put('libvirt_save_p50_ms', lv.save);
    put('libvirt_restore_p50_ms', lv.restore);
    put('libvirt_destroy_p50_ms', lv.destroy);
    if (x.start.length > 0) figures['xapi_vs_libvirt_start_ratio'] = round(p50(x.start) / p50(lv.start), 2);
  });
} finally {
  await cleanup();
}
/** `a / b` of two figures, when both were measured. */
const ratio = (name: string, a: string, b: string) => {
  const x = figures[a];
  const y = figures[b];
  if (typeof x === 'number' && typeof y === 'number' && y > 0) figures[name] = round(x / y, 2);
};
ratio('suspend_ratio', 'xapi_suspend_p50_ms', 'raw_suspend_p50_ms');
ratio('resume_ratio', 'xapi_resume_p50_ms', 'raw_resume_p50_ms');
ratio('concurrent10_start_ratio', 'xapi_concurrent10_start_total_ms', 'raw_concurrent10_start_total_ms');
ratio('migrate_ratio', 'xenopsd_migrate_p50_ms', 'raw_migrate_p50_ms');
// like for like: a migration by hand also has to launch the destination QEMU first
ratio('migrate_with_launch_ratio', 'xenopsd_migrate_p50_ms', 'raw_migrate_with_launch_p50_ms');
console.log(JSON.stringify(figures));
