// VDI locks: which hosts hold a disk of a shared SR, and how. A host that
// attaches a disk read-write holds it exclusively (RW); hosts that attach it
// read-only share it (RO). Each host's hold is one entry, set by `acquire`
// (an upgrade or a downgrade of its own hold) and dropped by `release`; the
// per-datapath states inside one host stay the storage manager's business.
//
// Two implementations: `LocalVdiLocks` (below, in memory: a standalone host,
// whose SRs only it can attach) and `EtcdVdiLocks` (src/db/etcd/vdi-locks.ts,
// keys on each holder's host lease, so a dead host's holds vanish with it).
// The rules that decide a conflict are the pure functions here, shared by both.
import { EventEmitter } from 'node:events';
import { apiError, type ApiError } from '../datamodel/api-error.js';

export type VdiLockMode = 'RW' | 'RO';

export interface VdiLockHolder {
  readonly hostUuid: string;
  readonly mode: VdiLockMode;
}

export interface VdiLockWatch {
  cancel(): Promise<void>;
}

export interface VdiLocks {
  /**
   * Set `host`'s hold on the VDI to `mode`. Refused with VDI_IN_USE
   * [vdi, "attach"] when another host holds it RW, or holds it at all and
   * `mode` is RW; the hold is then unchanged. Idempotent.
   */
  acquire(vdiUuid: string, hostUuid: string, mode: VdiLockMode): Promise<void>;
  /** Drop `host`'s hold. OPERATION_NOT_ALLOWED when `host` holds none. */
  release(vdiUuid: string, hostUuid: string): Promise<void>;
  /** Every hold on the VDI, by host uuid. */
  holders(vdiUuid: string): Promise<VdiLockHolder[]>;
  /**
   * Move `from`'s hold (its mode kept) to `to` in one step, replacing any
   * hold `to` had: the switchover of a live migration. OPERATION_NOT_ALLOWED
   * when `from` holds none (someone else moved or dropped it).
   */
  transfer(vdiUuid: string, fromHost: string, toHost: string): Promise<void>;
  /**
   * `onChange` with the holders at once and after every change; `onError`
   * once if the watch cannot go on (no more changes are reported then).
   */
  watch(
    vdiUuid: string,
    onChange: (holders: VdiLockHolder[]) => void,
    onError?: (e: Error) => void,
  ): Promise<VdiLockWatch>;
}

/** The operation VDI_IN_USE names, as xapi's VBD attach check does. */
export const LOCK_OPERATION = 'attach';

/**
 * Why `host` may not hold the VDI in `mode` beside `holders` (the current
 * holds, its own included), or undefined when it may.
 */
export function lockConflict(
  vdiUuid: string,
  holders: readonly VdiLockHolder[],
  hostUuid: string,
  mode: VdiLockMode,
): ApiError | undefined {
  const others = holders.filter((h) => h.hostUuid !== hostUuid);
  if (others.some((h) => h.mode === 'RW') || (mode === 'RW' && others.length > 0)) {
    return apiError('VDI_IN_USE', { vdi: vdiUuid, operation: LOCK_OPERATION });
  }
  return undefined;
}

export function notHeld(vdiUuid: string, hostUuid: string): ApiError {
  return apiError('OPERATION_NOT_ALLOWED', { reason: `VDI ${vdiUuid} is not locked by host ${hostUuid}` });
}

/** Holders in a stable order (by host uuid), so answers compare equal. */
export function sortHolders(holders: Iterable<VdiLockHolder>): VdiLockHolder[] {
  return [...holders].sort((a, b) => (a.hostUuid < b.hostUuid ? -1 : a.hostUuid > b.hostUuid ? 1 : 0));
}

/** In memory: the locks of a standalone host (nothing else can attach its SRs). */
export class LocalVdiLocks implements VdiLocks {
  private readonly held = new Map<string, Map<string, VdiLockMode>>();
  private readonly events = new EventEmitter();

  private list(vdiUuid: string): VdiLockHolder[] {
    const m = this.held.get(vdiUuid);
    return sortHolders(m ? [...m].map(([hostUuid, mode]) => ({ hostUuid, mode })) : []);
  }

  private set(vdiUuid: string, hostUuid: string, mode: VdiLockMode | undefined): void {
    let m = this.held.get(vdiUuid);
    if (mode === undefined) m?.delete(hostUuid);
    else {
      if (!m) this.held.set(vdiUuid, (m = new Map()));
      m.set(hostUuid, mode);
    }
    if (m?.size === 0) this.held.delete(vdiUuid);
  }

  private changed(vdiUuid: string): void {
    this.events.emit(vdiUuid, this.list(vdiUuid));
  }

  async acquire(vdiUuid: string, hostUuid: string, mode: VdiLockMode): Promise<void> {
    const conflict = lockConflict(vdiUuid, this.list(vdiUuid), hostUuid, mode);
    if (conflict) throw conflict;
    if (this.held.get(vdiUuid)?.get(hostUuid) === mode) return;
    this.set(vdiUuid, hostUuid, mode);
    this.changed(vdiUuid);
  }

  async release(vdiUuid: string, hostUuid: string): Promise<void> {
    if (!this.held.get(vdiUuid)?.has(hostUuid)) throw notHeld(vdiUuid, hostUuid);
    this.set(vdiUuid, hostUuid, undefined);
    this.changed(vdiUuid);
  }

  async holders(vdiUuid: string): Promise<VdiLockHolder[]> {
    return this.list(vdiUuid);
  }

  async transfer(vdiUuid: string, fromHost: string, toHost: string): Promise<void> {
    const mode = this.held.get(vdiUuid)?.get(fromHost);
    if (mode === undefined) throw notHeld(vdiUuid, fromHost);
    if (fromHost === toHost) return;
    this.set(vdiUuid, fromHost, undefined);
    this.set(vdiUuid, toHost, mode);
    this.changed(vdiUuid);
  }

  async watch(vdiUuid: string, onChange: (holders: VdiLockHolder[]) => void): Promise<VdiLockWatch> {
    this.events.on(vdiUuid, onChange);
    onChange(this.list(vdiUuid));
    return {
      cancel: async () => {
        this.events.off(vdiUuid, onChange);
      },
    };
  }
}

/**
 * The hold a host needs for its datapaths on a volume: RW while any of them
 * writes, RO while they only read, none when there are none.
 */
export function holdFor(
  dps: Readonly<Record<string, { readonly readWrite: boolean }>>,
): VdiLockMode | undefined {
  const states = Object.values(dps);
  if (states.length === 0) return undefined;
  return states.some((s) => s.readWrite) ? 'RW' : 'RO';
}
