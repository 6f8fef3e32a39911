// xapi's connection to its xenopsd: calls, wake-ups for the xenops tasks
// being waited for (run-task.ts runs them), and the UPDATES long-poll that
// keeps the DB in step with what xenopsd reports — no polling of VMs.
import type { Client } from '../../idl/index.js';
import type { XenopsInterface } from '../../idl/xenops.js';
import type { DynamicId } from '../../idl/xenops-types.js';
import { vbdName } from './config.js';
import { fromXenopsError } from './errors.js';
import { readBackNvram } from './nvram.js';
import {
  applyHostCapabilities,
  applyVbdState,
  applyVifState,
  applyVmState,
  type SyncContext,
} from './sync.js';

const DBG = 'xapi';

/** Wake-ups for one xenops task (XenopsLink.watchTask). */
export interface TaskWatch {
  /** Resolves at the task's next report, or when `signal` aborts. */
  next(signal?: AbortSignal): Promise<void>;
  close(): void;
}

export class XenopsLink {
  private readonly taskWaiters = new Map<string, Set<() => void>>();
  /** Order of VM refreshes, and the newest one applied per VM uuid. */
  private refreshSeq = 0;
  private readonly appliedSeq = new Map<string, number>();
  /** VMs whose reports are not applied for now (see hold). */
  private readonly held = new Map<string, number>();
  private stopped = false;
  private readonly stop = new AbortController();
  private loop: Promise<void> | undefined;
  /** Resolves once the first full resynchronisation after (re)connecting is done. */
  private synced!: Promise<void>;
  private markSynced!: () => void;

  constructor(
    readonly client: Client<XenopsInterface>,
    private readonly sync: SyncContext,
    private readonly onClose: () => Promise<void> = async () => {},
    /** Called for a VM found not running, so its disks can be released. */
    private readonly onStopped: (vm: string) => Promise<void> = async () => {},
  ) {
    this.resetSynced();
  }

  private resetSynced(): void {
    this.synced = new Promise((r) => (this.markSynced = r));
  }

  /** Start following UPDATES; the first batch is everything, which resynchronises the DB. */
  start(): void {
    this.loop ??= this.follow();
  }

  /**
   * Wait for the first resynchronisation: until it is done when xenopsd
   * answers, or until the first attempt fails when it does not.
   */
  async ready(ms: number): Promise<void> {
    await Promise.race([this.synced, new Promise((r) => setTimeout(r, ms).unref())]);
  }

  private async follow(): Promise<void> {
    let last: number | undefined;
    let delay = 100;
    while (!this.stopped) {
      try {
        const [, ids, next] = await this.client.call(
          'UPDATES.get',
          { dbg: DBG, last_id: last, timeout: last === undefined ? 0 : 30 },
          // The first call must not hold up xapi's start when xenopsd is absent.
          { timeoutMs: last === undefined ? 5_000 : 40_000, signal: this.stop.signal },
        );
        const full = last === undefined;
        last = next;
        delay = 100;
        await this.handle(ids, full);
        if (full) {
          // informative only: a failure here must not restart the resynchronisation
          const stat = await this.client.call('HOST.stat', { dbg: DBG }).catch(() => undefined);
          if (stat) applyHostCapabilities(this.sync.db, this.sync.host, stat.hypervisor.capabilities);
          this.markSynced();
        }
      } catch {
        if (this.stopped) return;
        // Unreachable: serve without it rather than wait; the full view comes when it answers.
        this.markSynced();
        // xenopsd is down or restarting: start again from a full view.
        last = undefined;
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(2000, delay * 2);
      }
    }
  }

  private vmRefByUuid(uuid: string): string | undefined {
    return this.sync.db.refByUuid('VM', uuid);
  }

  private deviceRef(cls: 'VBD' | 'VIF', vmUuid: string, name: string): string | undefined {
    const vm = this.vmRefByUuid(vmUuid);
    if (!vm) return undefined;
    const row = this.sync.db.get('VM', vm);
    for (const d of cls === 'VBD' ? row.VBDs : row.VIFs) {
      const dev = cls === 'VBD' ? vbdName(this.sync.db.get('VBD', d)) : this.sync.db.get('VIF', d).device;
      if (dev === name) return d;
    }
    return undefined;
  }

  /** Apply a batch of changed ids; on a full batch, VMs xenopsd does not report are not running. */
  private async handle(ids: readonly DynamicId[], full: boolean): Promise<void> {
    const vms = new Set<string>();
    const tasks: string[] = [];
    const devices: ['VBD' | 'VIF', string, string][] = [];
    for (const id of ids) {
      if (id[0] === 'Vm') vms.add(id[1]);
      else if (id[0] === 'Task') tasks.push(id[1]);
      else if (id[0] === 'Vbd') devices.push(['VBD', id[1][0], id[1][1]]);
      else if (id[0] === 'Vif') devices.push(['VIF', id[1][0], id[1][1]]);
    }
    await Promise.all([...vms].map((uuid) => this.refreshVm(uuid)));
    await Promise.all(devices.map(([cls, vm, name]) => this.refreshDevice(cls, vm, name)));
    if (full) {
      // Running VMs of this host that xenopsd no longer has are halted (the control domain is not xenopsd's).
      for (const [ref, row] of this.sync.db.all('VM')) {
        const ps = row.power_state;
        if (
          (ps === 'Running' || ps === 'Paused') &&
          row.resident_on === this.sync.host &&
          !row.is_control_domain &&
          !vms.has(row.uuid) &&
          !this.held.has(row.uuid)
        ) {
          applyVmState(this.sync, ref, undefined);
          await this.onStopped(ref);
        }
      }
    }
    const woken = full ? [...this.taskWaiters.values()] : tasks.map((t) => this.taskWaiters.get(t));
    for (const set of woken) for (const w of set ?? []) w();
  }

  /**
   * Stop applying xenopsd's reports of a VM until the returned function is
   * called (which reads its state again): a VM arriving by cross-pool
   * migration is built and paused under a record still Halted, and one leaving
   * disappears from xenopsd before its record is removed — states the XenAPI
   * does not show. (A migration within this host needs no hold: xenopsd swaps
   * the domains so that the VM is always reported Running.)
   */
  hold(uuid: string): () => Promise<void> {
    this.held.set(uuid, (this.held.get(uuid) ?? 0) + 1);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const n = (this.held.get(uuid) ?? 1) - 1;
      if (n > 0) this.held.set(uuid, n);
      else this.held.delete(uuid);
      if (n <= 0) await this.refreshVm(uuid);
    };
  }

  /**
   * Whether a VM's record says it runs on another host of the pool (one
   * database): this xenopsd not having it (it migrated away within the pool)
   * says nothing of it then. A VM this xenopsd runs is applied whatever the
   * record says (it arrived here).
   */
  private elsewhere(ref: string): boolean {
    const row = this.sync.db.find('VM', ref);
    if (!row || (row.power_state !== 'Running' && row.power_state !== 'Paused')) return false;
    return row.resident_on !== this.sync.host && this.sync.db.has('host', row.resident_on);
  }

  /**
   * Read a VM's state from xenopsd and apply it. Refreshes of one VM overlap (the update
   * loop's and a lifecycle call's): a reply older than one already applied is dropped.
   */
  async refreshVm(uuid: string): Promise<void> {
    if (this.held.has(uuid)) return;
    const ref = this.vmRefByUuid(uuid);
    if (!ref) return; // not a VM of ours
    const seq = ++this.refreshSeq;
    const stale = (): boolean => (this.appliedSeq.get(uuid) ?? 0) > seq;
    try {
      const [, state] = await this.client.call('VM.stat', { dbg: DBG, id: uuid });
      if (stale()) return;
      this.appliedSeq.set(uuid, seq);
      const was = this.sync.db.find('VM', ref)?.power_state;
      if (state.power_state === 'Halted' && this.elsewhere(ref)) return;
      applyVmState(this.sync, ref, state);
      if (state.power_state === 'Halted') {
        if (was !== 'Halted') await readBackNvram(this.sync.db, this.client, ref, uuid);
        await this.onStopped(ref);
      }
    } catch (e) {
      if (fromXenopsError(e).code !== 'XENOPS_DOES_NOT_EXIST') throw e;
      if (stale()) return;
      this.appliedSeq.set(uuid, seq);
      if (this.elsewhere(ref)) return;
      applyVmState(this.sync, ref, undefined);
      await this.onStopped(ref);
    }
  }

  async refreshDevice(cls: 'VBD' | 'VIF', vmUuid: string, name: string): Promise<void> {
    const ref = this.deviceRef(cls, vmUuid, name);
    if (!ref) return;
    try {
      if (cls === 'VBD') {
        const [, state] = await this.client.call('VBD.stat', { dbg: DBG, id: [vmUuid, name] });
        applyVbdState(this.sync.db, ref, state);
      } else {
        const [, state] = await this.client.call('VIF.stat', { dbg: DBG, id: [vmUuid, name] });
        applyVifState(this.sync.db, ref, state);
      }
    } catch (e) {
      if (fromXenopsError(e).code !== 'XENOPS_DOES_NOT_EXIST') throw e;
      if (cls === 'VBD') applyVbdState(this.sync.db, ref, undefined);
      else applyVifState(this.sync.db, ref, undefined);
    }
  }

  /**
   * Follow one xenops task's reports in UPDATES (see run-task.ts): `next`
   * resolves at the first report since the previous `next` (at once if one
   * came in between), or when `signal` aborts. Every resynchronisation wakes
   * every watcher too, so a task that ended while xenopsd was out of reach is
   * read again once it answers.
   */
  watchTask(id: string): TaskWatch {
    let reported = false;
    let wake: (() => void) | undefined;
    const waiter = (): void => {
      reported = true;
      wake?.();
    };
    const set = this.taskWaiters.get(id) ?? new Set();
    set.add(waiter);
    this.taskWaiters.set(id, set);
    return {
      next: async (signal) => {
        if (!reported && !signal?.aborted) {
          const onAbort = (): void => wake?.();
          signal?.addEventListener('abort', onAbort, { once: true });
          await new Promise<void>((r) => (wake = r)).finally(() => {
            wake = undefined;
            signal?.removeEventListener('abort', onAbort);
          });
        }
        reported = false;
      },
      close: () => {
        set.delete(waiter);
        if (set.size === 0 && this.taskWaiters.get(id) === set) this.taskWaiters.delete(id);
      },
    };
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.stop.abort();
    await this.loop?.catch(() => undefined);
    await this.onClose();
  }
}
