// Each QEMU of a xenopsd instance in its own cgroup under the instance's one
// (<cpu hierarchy>/xapi-ts.<instance tag>/vm-<uuid>), where VCPUs_params' cap and
// weight become the cpu controller's limits. Only these directories are ever
// made or removed; a cgroup goes when its QEMU has exited.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiError } from '../../../datamodel/api-error.js';
import { alive } from './runtime.js';
import {
  cgroupFiles,
  findCpuController,
  instanceCgroupName,
  isDefaultQos,
  vmCgroupName,
  type CgroupMode,
  type CpuQos,
} from './cgroup-plan.js';

const readText = (p: string): string | undefined => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

/** Finds the cpu controller and checks that a cgroup can be made under it (made, then removed). */
export function probeCgroups(
  instanceTag: string,
  mountinfo = readText('/proc/self/mountinfo') ?? '',
): CgroupMode {
  const found = findCpuController(mountinfo, (m) => readText(join(m, 'cgroup.controllers')));
  if (found.kind === 'none') return found;
  const dir = join(found.root, instanceCgroupName(instanceTag));
  try {
    const made = !existsSync(dir);
    mkdirIn(found.root, dir);
    if (found.kind === 'v2') enableCpu(found.root, dir);
    if (made) rmdirSync(dir);
    return found;
  } catch (e) {
    return { kind: 'none', reason: `cannot make a cgroup under ${found.root}: ${(e as Error).message}` };
  }
}

/** Makes `dir` (one level) inside an existing hierarchy `root`; never makes anything outside one. */
function mkdirIn(root: string, dir: string): void {
  if (!existsSync(join(root, 'cgroup.procs'))) throw new Error(`${root} is not a cgroup hierarchy`);
  if (!existsSync(dir)) mkdirSync(dir);
}

/** v2 needs the cpu controller enabled for the children of each level. */
function enableCpu(root: string, dir: string): void {
  for (const d of [root, dir]) {
    const ctl = join(d, 'cgroup.subtree_control');
    if (!(readText(ctl) ?? '').split(/\s+/).includes('cpu')) writeFileSync(ctl, '+cpu');
  }
}

export class CpuCgroups {
  constructor(
    readonly mode: CgroupMode,
    private readonly instanceTag: string,
  ) {}

  private get parent(): string | undefined {
    return this.mode.kind === 'none' ? undefined : join(this.mode.root, instanceCgroupName(this.instanceTag));
  }

  /** A VM's cgroup directory, or undefined without cgroups. */
  dirOf(qemuUuid: string): string | undefined {
    const p = this.parent;
    return p === undefined ? undefined : join(p, vmCgroupName(qemuUuid));
  }

  /** Refuses a QoS this host cannot apply (before anything is started). */
  check(q: CpuQos): void {
    if (this.mode.kind === 'none' && !isDefaultQos(q))
      throw apiError('VALUE_NOT_SUPPORTED', {
        field: q.cap !== 0 ? 'VCPUs_params:cap' : 'VCPUs_params:weight',
        value: String(q.cap !== 0 ? q.cap : q.weight),
        reason: `no CPU QoS on this host: ${this.mode.reason}`,
      });
  }

  /**
   * Puts a QEMU (all its threads) in its own cgroup with the given limits. Moving
   * a process between cgroups waits in the kernel (milliseconds, more on a busy
   * host), so that write is asynchronous: concurrent starts do not queue behind it.
   */
  async attach(qemuUuid: string, pid: number, q: CpuQos): Promise<void> {
    this.check(q);
    const dir = this.dirOf(qemuUuid);
    if (dir === undefined || this.mode.kind === 'none') return;
    try {
      mkdirIn(this.mode.root, join(dir, '..'));
      mkdirIn(this.mode.root, dir);
      if (this.mode.kind === 'v2') enableCpu(this.mode.root, join(dir, '..'));
      this.write(dir, q);
      await writeFile(join(dir, 'cgroup.procs'), String(pid));
    } catch (e) {
      throw cgroupError(dir, e);
    }
  }

  /** New limits for a running VM. */
  update(qemuUuid: string, q: CpuQos): void {
    this.check(q);
    const dir = this.dirOf(qemuUuid);
    if (dir === undefined) return;
    if (!existsSync(dir)) throw cgroupError(dir, new Error('the VM has no cgroup'));
    try {
      this.write(dir, q);
    } catch (e) {
      throw cgroupError(dir, e);
    }
  }

  private write(dir: string, q: CpuQos): void {
    if (this.mode.kind === 'none') return;
    for (const [file, value] of cgroupFiles(this.mode.kind, q)) writeFileSync(join(dir, file), value);
  }

  /** The pids in a VM's cgroup (empty when it has none). */
  pids(qemuUuid: string): number[] {
    const dir = this.dirOf(qemuUuid);
    const text = dir === undefined ? undefined : readText(join(dir, 'cgroup.procs'));
    return (text ?? '').split('\n').filter(Boolean).map(Number);
  }

  /** Removes a VM's cgroup once its QEMU has gone (the kernel refuses while it has processes). */
  async remove(qemuUuid: string): Promise<void> {
    const dir = this.dirOf(qemuUuid);
    if (dir === undefined || !existsSync(dir)) return;
    // Another QEMU of the VM lives in it (the other end of a live migration to this
    // same xenopsd, which shares the VM's cgroup): it stays, with its limits.
    if (this.pids(qemuUuid).some(alive)) return;
    // The exiting QEMU's threads may still be being reaped (EBUSY): that takes a few
    // milliseconds, so the tries come after 1, 2, 4 ... (at most 100) ms, for up to 5 s.
    const deadline = Date.now() + 5000;
    for (let wait = 1; ; wait = Math.min(100, wait * 2)) {
      try {
        rmdirSync(dir);
        break;
      } catch {
        if (Date.now() >= deadline) break;
        await sleep(wait);
      }
    }
    this.removeParentIfEmpty();
  }

  /** After a restart: removes the cgroups of this instance whose VM is not in `keep`. */
  async sweep(keep: ReadonlySet<string>): Promise<void> {
    const p = this.parent;
    if (p === undefined || !existsSync(p)) return;
    const wanted = new Set([...keep].map(vmCgroupName));
    for (const name of readdirSync(p)) {
      if (!name.startsWith('vm-') || wanted.has(name)) continue;
      await this.remove(name.slice('vm-'.length));
    }
    this.removeParentIfEmpty();
  }

  /**
   * Removes abandoned cgroups of any xapi-ts instance: ones with no process left, made
   * over `minAgeMs` ago (so none another instance is filling right now), and then
   * instance directories left without VMs. Their QEMUs were ended behind their
   * xenopsd's back (killed while it was down, and it never came back); nothing that
   * runs is touched.
   */
  sweepAbandoned(minAgeMs = 60_000, now = Date.now()): void {
    if (this.mode.kind === 'none') return;
    const old = (d: string): boolean => {
      try {
        return now - statSync(d).mtimeMs > minAgeMs;
      } catch {
        return false;
      }
    };
    const prefix = instanceCgroupName('');
    for (const inst of listDirs(this.mode.root).filter((n) => n.startsWith(prefix))) {
      const parent = join(this.mode.root, inst);
      for (const vm of listDirs(parent).filter((n) => n.startsWith('vm-'))) {
        const dir = join(parent, vm);
        if ((readText(join(dir, 'cgroup.procs')) ?? 'x').trim() === '' && old(dir)) tryRmdir(dir);
      }
      if (!listDirs(parent).some((n) => n.startsWith('vm-')) && old(parent)) tryRmdir(parent);
    }
  }

  private removeParentIfEmpty(): void {
    const p = this.parent;
    if (p === undefined) return;
    try {
      if (!readdirSync(p).some((n) => n.startsWith('vm-'))) rmdirSync(p);
    } catch {
      // still in use, or gone already
    }
  }

  /** How HOST.stat describes CPU QoS here. */
  describe(): string {
    return this.mode.kind === 'none'
      ? `none (${this.mode.reason})`
      : `cgroup ${this.mode.kind} at ${this.mode.root}`;
  }
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function tryRmdir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // busy (a process arrived) or gone
  }
}

function cgroupError(dir: string, e: unknown) {
  return apiError('INTERNAL_ERROR', { message: `cgroup ${dir}: ${(e as Error).message}` });
}
