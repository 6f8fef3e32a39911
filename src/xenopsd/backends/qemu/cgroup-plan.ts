// vCPU QoS as xapi defines it (VM.VCPUs_params weight and cap, Xen credit
// scheduler semantics) mapped purely onto the cgroup cpu controller: which
// hierarchy to use, found from /proc/self/mountinfo, and what to write in it.
import { apiError } from '../../../datamodel/api-error.js';

/** Xen credit scheduler semantics: weight is relative (default 256), cap a percentage of one CPU (0: none). */
export interface CpuQos {
  readonly weight: number;
  readonly cap: number;
}

export const DEFAULT_QOS: CpuQos = { weight: 256, cap: 0 };
export const isDefaultQos = (q: CpuQos): boolean => q.weight === DEFAULT_QOS.weight && q.cap === 0;

/** The QoS of a xenops VM's scheduler_params.priority ([weight, cap]), checked. */
export function qosOf(priority: readonly [number, number] | null | undefined): CpuQos {
  if (!priority) return DEFAULT_QOS;
  const [weight, cap] = priority;
  if (!Number.isInteger(weight) || weight < 1 || weight > 65535)
    throw apiError('INVALID_VALUE', { field: 'VCPUs_params:weight', value: String(weight) });
  if (!Number.isInteger(cap) || cap < 0 || cap > 100 * 1024)
    throw apiError('INVALID_VALUE', { field: 'VCPUs_params:cap', value: String(cap) });
  return { weight, cap };
}

export type CgroupMode =
  { readonly kind: 'v2' | 'v1'; readonly root: string } | { readonly kind: 'none'; readonly reason: string };

/** The CFS period used for caps: 100 ms, the kernel's default. */
export const PERIOD_US = 100_000;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * The cpu controller files of a VM's cgroup and their values, in writing order.
 * v1: cpu.shares 1024 is weight 256; v2: cpu.weight 100 is weight 256.
 */
export function cgroupFiles(kind: 'v1' | 'v2', q: CpuQos): [string, string][] {
  const quota = q.cap > 0 ? Math.round((q.cap * PERIOD_US) / 100) : undefined;
  if (kind === 'v1') {
    return [
      ['cpu.cfs_period_us', String(PERIOD_US)],
      ['cpu.cfs_quota_us', String(quota ?? -1)],
      ['cpu.shares', String(clamp(q.weight * 4, 2, 262144))],
    ];
  }
  return [
    ['cpu.max', `${quota ?? 'max'} ${PERIOD_US}`],
    ['cpu.weight', String(clamp(Math.round((q.weight * 100) / 256), 1, 10000))],
  ];
}

interface Mount {
  readonly point: string;
  readonly fstype: string;
  readonly superOptions: readonly string[];
}

/** The mounts of a /proc/self/mountinfo text. */
export function parseMountinfo(text: string): Mount[] {
  const out: Mount[] = [];
  for (const line of text.split('\n')) {
    const [pre, post] = line.split(' - ');
    if (pre === undefined || post === undefined) continue;
    const point = pre.split(' ')[4];
    const [fstype, , superOpts] = post.split(' ');
    if (point === undefined || fstype === undefined) continue;
    // mountinfo escapes space, tab, newline and backslash as octal
    const unescaped = point.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    out.push({ point: unescaped, fstype, superOptions: (superOpts ?? '').split(',') });
  }
  return out;
}

/**
 * Where the cpu controller is: the unified hierarchy when it has it, else a v1
 * hierarchy with `cpu` among its options, else none (and why).
 */
export function findCpuController(
  mountinfo: string,
  controllersOf: (mountPoint: string) => string | undefined,
): CgroupMode {
  const mounts = parseMountinfo(mountinfo);
  const v2 = mounts.filter((m) => m.fstype === 'cgroup2');
  for (const m of v2) {
    if ((controllersOf(m.point) ?? '').split(/\s+/).includes('cpu')) return { kind: 'v2', root: m.point };
  }
  const v1 = mounts.find((m) => m.fstype === 'cgroup' && m.superOptions.includes('cpu'));
  if (v1) return { kind: 'v1', root: v1.point };
  return {
    kind: 'none',
    reason:
      v2.length > 0
        ? 'the unified cgroup hierarchy has no cpu controller and no v1 cpu hierarchy is mounted'
        : 'no cgroup hierarchy with the cpu controller is mounted',
  };
}

/** The directory name of a VM's cgroup under the instance's one. */
export function vmCgroupName(qemuUuid: string): string {
  return `vm-${qemuUuid}`;
}

/** The instance's cgroup directory name: recognisably xapi-ts's, one per xenopsd instance. */
export function instanceCgroupName(instanceTag: string): string {
  return `xapi-ts.${instanceTag}`;
}
