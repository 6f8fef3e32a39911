// The storage side of xapi: SRs, PBDs and VDIs in the database kept in line
// with the storage manager, and the datapath calls the VM lifecycle makes
// (attach/activate/deactivate/detach a VDI for a datapath id). Every
// operation that changes the storage ends by re-reading the SR, so sizes,
// chains and the SR's space figures in the database stay true.
import { ApiError, apiError } from '../../datamodel/api-error.js';
import { NULL_REF } from '../../datamodel/build.js';
import type { XapiDb } from '../store.js';
import type { AttachInfo, DeviceConfig, StorageManager, Volume } from '../../storage/types.js';
import { Mutex } from '../../storage/mutex.js';
import { DATAPATH_OWNER } from '../../storage/sidecar.js';
import {
  holdFor,
  LocalVdiLocks,
  lockConflict,
  notHeld,
  type VdiLockMode,
  type VdiLocks,
} from '../../storage/vdi-locks.js';
import type { Patch } from '../../db/typed.js';
import type { PoolRecord, SRRecord, VDIRecord } from '../../generated/api-types.js';
import { POOL_SR_FIELDS, serverFields } from '../records.js';
import {
  discoveredFields,
  SR_ALLOWED_OPERATIONS,
  srFigures,
  vdiAllowedOperations,
  volumeFields,
} from './records.js';
import { planPbds } from './pbd-plan.js';

export interface VdiLocation {
  readonly sr: string;
  readonly srUuid: string;
  readonly vdiUuid: string;
}

export class XapiStorage {
  /**
   * One re-read of an SR at a time: a scan that started before another
   * operation's change must not apply its older view after that one's.
   */
  private readonly syncLocks = new Map<string, Mutex>();

  constructor(
    readonly db: XapiDb,
    readonly manager: StorageManager,
    readonly host: string,
    /** Where SRs created without a location are put: `<dir>/<sr-uuid>`. */
    readonly srDir: string,
    /**
     * Who holds the disks of shared SRs (docs/design/storage.md "Shared
     * SRs"): the pool's etcd locks in a pool; in memory on a standalone
     * host, where nothing else can attach its SRs.
     */
    readonly locks: VdiLocks = new LocalVdiLocks(),
  ) {}

  /** Lock changes of one disk at a time on this host, so its hold follows its datapaths. */
  private readonly holdLocks = new Map<string, Mutex>();

  // --- lookups ---

  /** This host's PBD for the SR, if any. */
  pbdOf(sr: string): string | undefined {
    for (const pbd of this.db.get('SR', sr).PBDs) {
      if (this.db.find('PBD', pbd)?.host === this.host) return pbd;
    }
    return undefined;
  }

  /** The SR's uuid, once it is attached here; SR_HAS_NO_PBDS otherwise. */
  attachedUuid(sr: string): string {
    const uuid = this.db.get('SR', sr).uuid;
    const pbd = this.pbdOf(sr);
    if (!pbd || !this.db.get('PBD', pbd).currently_attached || !this.manager.isAttached(uuid)) {
      throw apiError('SR_HAS_NO_PBDS', { sr });
    }
    return uuid;
  }

  locate(vdi: string): VdiLocation {
    const row = this.db.get('VDI', vdi);
    return { sr: row.SR, srUuid: this.attachedUuid(row.SR), vdiUuid: row.uuid };
  }

  /**
   * Run a storage call, reporting SR and VDI uuids in its errors as the refs
   * clients know (XenAPI errors name objects by ref).
   */
  async withRefs<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const params = e.params.map(
        (p) => this.db.refByUuid('VDI', p) ?? this.db.refByUuid('SR', p) ?? this.db.refByUuid('host', p) ?? p,
      );
      throw new ApiError(e.code, params);
    }
  }

  // --- keeping the database true ---

  /**
   * Re-read the SR and bring its VDI records and figures in line. `made`
   * gives the fields of records for volumes an operation has just created
   * (applied whether or not a concurrent scan made the record first).
   * Returns the refs of the volumes' records by uuid.
   */
  async sync(
    sr: string,
    made: ReadonlyMap<string, Patch<VDIRecord>> = new Map(),
  ): Promise<Map<string, string>> {
    const srUuid = this.attachedUuid(sr);
    let lock = this.syncLocks.get(srUuid);
    if (!lock) this.syncLocks.set(srUuid, (lock = new Mutex()));
    return lock.run(() => this.syncNow(sr, srUuid, made));
  }

  private async syncNow(
    sr: string,
    srUuid: string,
    made: ReadonlyMap<string, Patch<VDIRecord>>,
  ): Promise<Map<string, string>> {
    const vols = await this.withRefs(() => this.manager.srScan(srUuid));
    const stat = await this.withRefs(() => this.manager.srStat(srUuid));
    return this.db.transaction(() => {
      const refs = new Map<string, string>();
      const byUuid = new Map<string, string>();
      for (const v of this.db.get('SR', sr).VDIs) byUuid.set(this.db.get('VDI', v).uuid, v);
      for (const vol of vols) {
        const extra: Patch<VDIRecord> = made.get(vol.uuid) ?? {};
        let ref = byUuid.get(vol.uuid);
        const dps = this.manager.datapaths(srUuid, vol.uuid);
        if (ref === undefined) {
          ref = this.db.create(
            'VDI',
            serverFields('VDI', {
              ...discoveredFields(sr, vol),
              ...extra,
              ...volumeFields(vol, extra.sm_config ?? {}, dps),
            }),
          );
        } else {
          const row = this.db.get('VDI', ref);
          const current = { ...row.sm_config, ...extra.sm_config };
          this.db.update('VDI', ref, { ...extra, ...volumeFields(vol, current, dps) });
        }
        refs.set(vol.uuid, ref);
        byUuid.delete(vol.uuid);
      }
      // Records of volumes that are gone: kept as missing while a VBD refers to them.
      for (const ref of byUuid.values()) {
        if (this.db.get('VDI', ref).VBDs.length > 0)
          this.db.update('VDI', ref, { missing: true, allowed_operations: ['forget'] });
        else this.db.destroy('VDI', ref);
      }
      const sizes = this.db.get('SR', sr).VDIs.map((v) => this.db.get('VDI', v).virtual_size);
      this.db.update('SR', sr, srFigures(stat, sizes));
      return refs;
    });
  }

  /** The ref of the record made for a new volume. */
  async record(sr: string, vol: Volume, fields: Patch<VDIRecord>): Promise<string> {
    const refs = await this.sync(sr, new Map([[vol.uuid, fields]]));
    const ref = refs.get(vol.uuid);
    if (ref === undefined) throw apiError('VDI_MISSING', { sr, vdi: vol.uuid });
    return ref;
  }

  private refreshOps(vdi: string, loc: VdiLocation): void {
    const row = this.db.find('VDI', vdi);
    if (!row) return;
    const dps = this.manager.datapaths(loc.srUuid, loc.vdiUuid);
    this.db.update('VDI', vdi, {
      allowed_operations: vdiAllowedOperations({ hidden: !row.managed }, dps),
    });
  }

  // --- PBDs ---

  async plug(pbd: string): Promise<void> {
    const row = this.db.get('PBD', pbd);
    const sr = row.SR;
    const srRow = this.db.get('SR', sr);
    const uuid = srRow.uuid;
    // Each host keeps its own datapath table in a shared SR's directory.
    const config = srRow.shared
      ? { ...row.device_config, [DATAPATH_OWNER]: this.hostUuid }
      : row.device_config;
    await this.withRefs(() => this.manager.srAttach(uuid, srRow.type, config));
    this.db.update('PBD', pbd, { currently_attached: true });
    try {
      await this.sync(sr);
      if (srRow.shared) await this.retakeHolds(sr, uuid);
    } catch (e) {
      this.db.update('PBD', pbd, { currently_attached: false });
      await this.manager.srDetach(uuid);
      throw e;
    }
  }

  /**
   * A shared SR plugged again (a restart) with datapaths still recorded:
   * take this host's holds again, since the old ones went with the old
   * host lease. A disk another host holds meanwhile (its VM restarted
   * there) is refused: the plug fails rather than two hosts writing it.
   */
  private async retakeHolds(sr: string, srUuid: string): Promise<void> {
    for (const vdi of this.db.get('SR', sr).VDIs) {
      const vdiUuid = this.db.get('VDI', vdi).uuid;
      const mode = holdFor(this.manager.datapaths(srUuid, vdiUuid));
      if (mode) await this.withRefs(() => this.locks.acquire(vdiUuid, this.hostUuid, mode));
    }
  }

  private get hostUuid(): string {
    return this.db.get('host', this.host).uuid;
  }

  /** Whether the disk's SR is shared: only those disks are locked across hosts. */
  private lockedAcrossHosts(vdi: string): boolean {
    return this.db.get('SR', this.db.get('VDI', vdi).SR).shared;
  }

  /** Run `fn` with the disk's hold serialised on this host. */
  private withHold<T>(vdiUuid: string, fn: () => Promise<T>): Promise<T> {
    let lock = this.holdLocks.get(vdiUuid);
    if (!lock) this.holdLocks.set(vdiUuid, (lock = new Mutex()));
    return lock.run(fn);
  }

  /** This host's hold on a disk, as the locks have it now. */
  private async heldMode(vdiUuid: string): Promise<VdiLockMode | undefined> {
    return (await this.locks.holders(vdiUuid)).find((h) => h.hostUuid === this.hostUuid)?.mode;
  }

  /** Set this host's hold to what its datapaths on the disk need now (none: release). */
  private async setHold(vdiUuid: string, before: VdiLockMode | undefined, after: VdiLockMode | undefined) {
    if (after === before) return;
    if (after) await this.locks.acquire(vdiUuid, this.hostUuid, after);
    else await this.locks.release(vdiUuid, this.hostUuid);
  }

  async unplug(pbd: string): Promise<void> {
    const row = this.db.get('PBD', pbd);
    const uuid = this.db.get('SR', row.SR).uuid;
    await this.withRefs(() => this.manager.srDetach(uuid));
    this.db.update('PBD', pbd, { currently_attached: false });
  }

  /** At server start: attach again the SRs whose PBD on this host was plugged. */
  async resume(log: (msg: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<void> {
    for (const [pbd, row] of this.db.all('PBD')) {
      if (row.host !== this.host || !row.currently_attached) continue;
      try {
        await this.plug(pbd);
      } catch (e) {
        this.db.update('PBD', pbd, { currently_attached: false });
        log(`xapi: could not plug PBD ${pbd} again: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  // --- SRs ---

  /**
   * Create an SR on the storage, its record and its PBDs (this host's; for a
   * shared SR one per host of the pool, see pbd-plan.ts), and plug this
   * host's. Other hosts plug theirs (PBD.plug runs on the PBD's host).
   */
  async createSr(opts: {
    readonly uuid: string;
    readonly type: string;
    readonly deviceConfig: DeviceConfig;
    readonly physicalSize: number;
    readonly fields: Patch<SRRecord>;
  }): Promise<string> {
    if (!this.manager.plugin(opts.type)) throw apiError('SR_UNKNOWN_DRIVER', { driver: opts.type });
    const shared = opts.fields.shared === true;
    // A shared SR lives where every host reaches it: its place must be given,
    // not defaulted into this host's state directory.
    if (shared && !opts.deviceConfig['location']) {
      throw apiError('INVALID_VALUE', { field: 'device_config:location', value: '' });
    }
    const config = { location: `${this.srDir}/${opts.uuid}`, ...opts.deviceConfig };
    await this.manager.srCreate(opts.uuid, opts.type, config, opts.physicalSize);
    const { sr, pbd } = this.db.transaction(() => {
      const sr = this.db.create(
        'SR',
        serverFields('SR', {
          other_config: {},
          content_type: 'user',
          ...opts.fields,
          uuid: opts.uuid,
          type: opts.type,
          physical_size: opts.physicalSize,
          allowed_operations: [...SR_ALLOWED_OPERATIONS],
        }),
      );
      const hosts = [...this.db.all('host')].map(([ref]) => ref);
      let pbd = NULL_REF;
      for (const p of planPbds(
        { shared, deviceConfig: config },
        { hosts, existing: [], creator: this.host },
      )) {
        const ref = this.db.create(
          'PBD',
          serverFields('PBD', {
            host: p.host,
            SR: sr,
            device_config: p.device_config,
            currently_attached: false,
          }),
        );
        if (p.host === this.host) pbd = ref;
      }
      return { sr, pbd };
    });
    try {
      await this.plug(pbd);
    } catch (e) {
      this.forgetSr(sr);
      await this.manager.srDestroy(opts.uuid, opts.type, config).catch(() => undefined);
      throw e;
    }
    return sr;
  }

  /** Remove the SR's records (its disks, their VBDs, its PBDs) from the database. */
  forgetSr(sr: string): void {
    this.db.transaction(() => {
      const row = this.db.get('SR', sr);
      for (const vdi of row.VDIs) this.forgetVdi(vdi);
      for (const pbd of row.PBDs) this.db.destroy('PBD', pbd);
      for (const [pool, p] of this.db.all('pool')) {
        const changes: Patch<PoolRecord> = {};
        for (const k of POOL_SR_FIELDS) if (p[k] === sr) changes[k] = NULL_REF;
        if (Object.keys(changes).length) this.db.update('pool', pool, changes);
      }
      this.db.destroy('SR', sr);
    });
  }

  /** Remove a VDI record and the VBDs that refer to it. */
  forgetVdi(vdi: string): void {
    this.db.transaction(() => {
      for (const vbd of this.db.get('VDI', vdi).VBDs) {
        if (this.db.has('VBD', vbd)) this.db.destroy('VBD', vbd);
      }
      this.db.destroy('VDI', vdi);
    });
  }

  /** VDI_IN_USE while a VBD is plugged or a datapath holds the disk. */
  assertNotInUse(vdi: string, operation: string): void {
    const row = this.db.get('VDI', vdi);
    const plugged = row.VBDs.some((v) => this.db.find('VBD', v)?.currently_attached === true);
    const srUuid = this.db.get('SR', row.SR).uuid;
    const dps = this.manager.datapaths(srUuid, row.uuid);
    if (plugged || Object.keys(dps).length > 0) throw apiError('VDI_IN_USE', { vdi, operation });
  }

  // --- datapaths, for the VM lifecycle ---

  /**
   * Attach a VDI for datapath `dp` (e.g. `vbd/<domid>/<device>`): returns
   * where the hypervisor finds it. A read-only VDI cannot be attached
   * read-write, nor a non-sharable one read-write by two datapaths.
   *
   * `handoverFrom` (a host uuid): the incoming side of a live migration
   * inside a pool. The source host still holds the disk of a shared SR and
   * keeps writing until the switchover, so no hold is taken here; the disk
   * is opened only if the source holds it (and no third host), and
   * `handover` moves the hold at the switchover.
   */
  async attach(
    vdi: string,
    dp: string,
    readWrite: boolean,
    opts: { readonly handoverFrom?: string } = {},
  ): Promise<AttachInfo> {
    const row = this.db.get('VDI', vdi);
    if (readWrite && row.read_only) throw apiError('VDI_READONLY', { vdi });
    const loc = this.locate(vdi);
    const exclusiveWrite = !row.sharable;
    const attach = (): Promise<AttachInfo> =>
      this.withRefs(() => this.manager.attach(loc.srUuid, loc.vdiUuid, dp, readWrite, { exclusiveWrite }));
    const from = opts.handoverFrom;
    const info = !this.lockedAcrossHosts(vdi)
      ? await attach()
      : from !== undefined
        ? await this.withHold(loc.vdiUuid, async () => {
            await this.withRefs(() => this.assertHandover(loc.vdiUuid, from, readWrite));
            return attach();
          })
        : await this.withHold(loc.vdiUuid, async () => {
            // The hold first: no other host may have the disk open as this
            // datapath needs it. It is put back if the attach then fails.
            const dps = this.manager.datapaths(loc.srUuid, loc.vdiUuid);
            const before = await this.heldMode(loc.vdiUuid);
            const after = holdFor({ ...dps, [dp]: { readWrite: readWrite || dps[dp]?.readWrite === true } });
            await this.withRefs(() => this.setHold(loc.vdiUuid, before, after));
            try {
              return await attach();
            } catch (e) {
              await this.setHold(loc.vdiUuid, after, before).catch(() => undefined);
              throw e;
            }
          });
    this.refreshOps(vdi, loc);
    return info;
  }

  /** The source of a handover holds the disk, and no host but it and this one does. */
  private async assertHandover(vdiUuid: string, fromHost: string, readWrite: boolean): Promise<void> {
    const holders = await this.locks.holders(vdiUuid);
    if (!holders.some((h) => h.hostUuid === fromHost)) throw notHeld(vdiUuid, fromHost);
    const others = holders.filter((h) => h.hostUuid !== fromHost);
    const conflict = lockConflict(vdiUuid, others, this.hostUuid, readWrite ? 'RW' : 'RO');
    if (conflict) throw conflict;
  }

  /**
   * The switchover of a live migration on this (destination) host: the
   * hold of `fromHost` on the disk moves here in one etcd Txn guarded by
   * the holder (VdiLocks.transfer). Call it once the source has paused the
   * VM for the last time and before the VM runs here; if it is refused
   * (OPERATION_NOT_ALLOWED: the source no longer holds it), the migration
   * must not complete. Disks of local SRs have no hold: nothing to do.
   */
  async handover(vdi: string, fromHost: string): Promise<void> {
    if (!this.lockedAcrossHosts(vdi)) return;
    const vdiUuid = this.db.get('VDI', vdi).uuid;
    await this.withHold(vdiUuid, () =>
      this.withRefs(() => this.locks.transfer(vdiUuid, fromHost, this.hostUuid)),
    );
  }

  async activate(vdi: string, dp: string): Promise<void> {
    const loc = this.locate(vdi);
    await this.withRefs(() => this.manager.activate(loc.srUuid, loc.vdiUuid, dp));
  }

  async deactivate(vdi: string, dp: string): Promise<void> {
    const loc = this.locate(vdi);
    await this.withRefs(() => this.manager.deactivate(loc.srUuid, loc.vdiUuid, dp));
  }

  async detach(vdi: string, dp: string): Promise<void> {
    const loc = this.locate(vdi);
    const detach = (): Promise<void> => this.withRefs(() => this.manager.detach(loc.srUuid, loc.vdiUuid, dp));
    if (!this.lockedAcrossHosts(vdi)) await detach();
    else {
      await this.withHold(loc.vdiUuid, async () => {
        await detach();
        const after = holdFor(this.manager.datapaths(loc.srUuid, loc.vdiUuid));
        // A hold that went with a lost host lease has nothing left to release.
        const before = await this.heldMode(loc.vdiUuid);
        await this.withRefs(() => this.setHold(loc.vdiUuid, before, after));
      });
    }
    this.refreshOps(vdi, loc);
  }
}
