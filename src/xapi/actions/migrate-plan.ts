// Pure planning of migrations: the destination map host.migrate_receive hands
// out (keys as xapi's), reading it back, and checking that the VDI and VIF
// maps of VM.migrate_send cover every disk and network interface of the VM.
import type { ApiError } from '../../datamodel/api-error.js';
import { apiError } from '../../datamodel/api-error.js';
import { toXenApiError } from '../xenapi-errors.js';

/** The keys of xapi's destination map. */
export const DEST_KEYS = ['SM', 'host', 'xenops', 'session_id', 'master'] as const;
export type Dest = Readonly<Record<(typeof DEST_KEYS)[number], string>>;

/** host.migrate_receive's answer for this host reached at `base` (`http://address:port`). */
export function destMap(base: string, host: string, session: string): Dest {
  const q = `session_id=${encodeURIComponent(session)}`;
  return {
    SM: `${base}/services/SM?${q}`,
    host,
    xenops: `${base}/services/xenops?${q}`,
    session_id: session,
    master: `${base}/`,
  };
}

/** Read a destination map back (INVALID_VALUE when a key is missing or a URL is not http(s)). */
export function parseDest(dest: Readonly<Record<string, string>>): Dest {
  for (const k of DEST_KEYS) {
    const v = dest[k];
    if (typeof v !== 'string' || v === '') throw apiError('INVALID_VALUE', { field: `dest.${k}`, value: '' });
  }
  for (const k of ['xenops', 'master'] as const) {
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(dest[k] as string).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw apiError('INVALID_VALUE', { field: `dest.${k}`, value: String(dest[k]) });
  }
  return Object.fromEntries(DEST_KEYS.map((k) => [k, dest[k] as string])) as unknown as Dest;
}

/** The xenops URL for the migration of one VM: the destination's, naming the record made for it. */
export function xenopsUrlFor(dest: Dest, destVm: string): string {
  const u = new URL(dest.xenops);
  u.searchParams.set('vm', destVm);
  return u.toString();
}

export interface DiskOfVm {
  readonly vbd: string;
  readonly vdi: string;
  readonly cd: boolean;
}

/** The SR each disk goes to; every disk must be in the map (CD drives must be empty). */
export function planDisks(
  disks: readonly DiskOfVm[],
  vdiMap: Readonly<Record<string, string>>,
): { vdi: string; sr: string }[] {
  const out: { vdi: string; sr: string }[] = [];
  for (const d of disks) {
    if (d.cd) {
      throw apiError('OPERATION_NOT_ALLOWED', {
        reason: `eject the CD in VBD ${d.vbd} before migrating the VM to another pool`,
      });
    }
    const sr = vdiMap[d.vdi];
    if (sr === undefined) throw apiError('VDI_NOT_IN_MAP', { vdi: d.vdi });
    out.push({ vdi: d.vdi, sr });
  }
  return out;
}

/** The network each VIF goes to; every VIF must be in the map. */
export function planVifs(
  vifs: readonly string[],
  vifMap: Readonly<Record<string, string>>,
): { vif: string; network: string }[] {
  return vifs.map((vif) => {
    const network = vifMap[vif];
    if (network === undefined) throw apiError('VIF_NOT_IN_MAP', { vif });
    return { vif, network };
  });
}

/** A boolean option of pool_migrate/migrate_send ("true"/"false"; anything else is INVALID_VALUE). */
export function boolOption(options: Readonly<Record<string, string>>, key: string, dflt: boolean): boolean {
  const v = options[key];
  if (v === undefined) return dflt;
  if (v.toLowerCase() === 'true') return true;
  if (v.toLowerCase() === 'false') return false;
  throw apiError('INVALID_VALUE', { field: `options.${key}`, value: v });
}

/**
 * A failure of the move itself as xapi reports it: VM_MIGRATE_FAILED with the
 * underlying error, as a XenAPI error, as its message; a cancellation stays TASK_CANCELLED.
 */
export function migrateFailed(e: unknown, vm: string, source: string, destination: string): ApiError {
  const err = toXenApiError(e, { vm });
  if (err.code === 'TASK_CANCELLED' || err.code === 'VM_MIGRATE_FAILED') return err;
  return apiError('VM_MIGRATE_FAILED', { vm, source, destination, msg: err.toWire().join(' ') });
}

/** What xenopsd's VM.migrate task reports of the move. */
export interface MigrationFigures {
  readonly total_ms: number;
  readonly downtime_ms: number;
  readonly bytes: number;
  readonly disks_copied: number;
}

const FIGURE_KEYS = ['total_ms', 'downtime_ms', 'bytes', 'disks_copied'] as const;

/** Read the result of xenopsd's VM.migrate task (undefined when it is not the expected figures). */
export function migrationFigures(result: unknown): MigrationFigures | undefined {
  let v = result;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const k of FIGURE_KEYS) {
    const n = o[k];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return undefined;
    out[k] = n;
  }
  return out as unknown as MigrationFigures;
}

/** The figures as the keys of a task's other_config (`migration_<figure>`). */
export function figuresOtherConfig(f: MigrationFigures): Record<string, string> {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [`migration_${k}`, String(Math.round(f[k]))]));
}
