// VDI locks on etcd (pools.md §7.9; docs/design/storage.md "Shared SRs"):
//
//   /xapi/<pool>/locks/vdi/<vdi uuid>/<host uuid>  {"host_uuid","mode":"RW"|"RO"}
//
// one key per holding host, put on that host's lease (the lease of its
// `hosts/<uuid>/alive` key), so the holds of a host whose lease expires
// vanish with it. Every change is one Txn whose compares cover the VDI's
// whole range: the first attempt assumes no holder (`create_revision == 0`
// over the range) and reads the range when that fails; later attempts
// require that nothing in the range was written after the revision read.
// Of two hosts racing, the Txn etcd orders first wins; the other's compare
// fails, it reads the winner's key and answers VDI_IN_USE.
import { apiError } from '../../datamodel/api-error.js';
import {
  lockConflict,
  notHeld,
  sortHolders,
  type VdiLockHolder,
  type VdiLockMode,
  type VdiLocks,
  type VdiLockWatch,
} from '../../storage/vdi-locks.js';
import type { Compare, EtcdClient, KeyValue } from './client.js';
import { PoolKeys } from './keys.js';

/**
 * Each failed compare means another Txn on the same VDI committed, so a
 * caller only loops while others make progress; the bound turns a livelock
 * (a bug) into an error rather than a hang.
 */
const MAX_ATTEMPTS = 64;

interface Held extends VdiLockHolder {
  readonly kv: KeyValue;
}

function decodeHold(keys: PoolKeys, kv: KeyValue): Held | undefined {
  const named = keys.parseVdiLock(kv.key);
  if (!named) return undefined;
  try {
    const v = JSON.parse(kv.value.toString()) as { host_uuid?: unknown; mode?: unknown };
    const mode = v.mode === 'RW' || v.mode === 'RO' ? v.mode : undefined;
    // A value that does not parse still names its holder: count it as RW,
    // the mode that keeps everyone else out.
    return { hostUuid: named.hostUuid, mode: mode ?? 'RW', kv };
  } catch {
    return { hostUuid: named.hostUuid, mode: 'RW', kv };
  }
}

const leaseGone = (e: unknown): boolean => e instanceof Error && /lease not found/.test(e.message);

export class EtcdVdiLocks implements VdiLocks {
  readonly keys: PoolKeys;

  constructor(
    private readonly client: EtcdClient,
    poolUuid: string,
  ) {
    this.keys = new PoolKeys(poolUuid);
  }

  private decode(kvs: readonly KeyValue[]): Held[] {
    return kvs.flatMap((kv) => decodeHold(this.keys, kv) ?? []);
  }

  /** The host's lease: the one its liveness key is on. HOST_OFFLINE without one. */
  private async leaseOf(hostUuid: string): Promise<string> {
    const alive = await this.client.get(this.keys.hostAlive(hostUuid));
    if (!alive || alive.lease === '0') throw apiError('HOST_OFFLINE', { host: hostUuid });
    return alive.lease;
  }

  private value(hostUuid: string, mode: VdiLockMode): string {
    return JSON.stringify({ host_uuid: hostUuid, mode });
  }

  /** One Txn; a put on a lease that expired meanwhile means the host is gone. */
  private async txn(hostUuid: string, ...args: Parameters<EtcdClient['txn']>): ReturnType<EtcdClient['txn']> {
    try {
      return await this.client.txn(...args);
    } catch (e) {
      if (leaseGone(e)) throw apiError('HOST_OFFLINE', { host: hostUuid });
      throw e;
    }
  }

  async acquire(vdiUuid: string, hostUuid: string, mode: VdiLockMode): Promise<void> {
    const lease = await this.leaseOf(hostUuid);
    const range = this.keys.vdiLock(vdiUuid);
    const put = { put: this.keys.vdiLockHolder(vdiUuid, hostUuid), value: this.value(hostUuid, mode), lease };
    let guard: Compare = { key: range, prefix: true, createRevision: 0 };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const r = await this.txn(hostUuid, [guard], [put], [{ getPrefix: range }]);
      if (r.succeeded) return;
      const holders = this.decode(r.reads[0] ?? []);
      const conflict = lockConflict(vdiUuid, holders, hostUuid, mode);
      if (conflict) throw conflict;
      const own = holders.find((h) => h.hostUuid === hostUuid);
      if (own && own.mode === mode && own.kv.lease === lease) return;
      guard = { key: range, prefix: true, modRevisionBelow: r.revision + 1 };
    }
    throw apiError('INTERNAL_ERROR', { message: `VDI lock ${vdiUuid}: too much contention` });
  }

  async release(vdiUuid: string, hostUuid: string): Promise<void> {
    const key = this.keys.vdiLockHolder(vdiUuid, hostUuid);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const kv = await this.client.get(key);
      if (!kv) throw notHeld(vdiUuid, hostUuid);
      const r = await this.client.txn([{ key, modRevision: kv.modRevision }], [{ delete: key }]);
      if (r.succeeded) return;
    }
    throw apiError('INTERNAL_ERROR', { message: `VDI lock ${vdiUuid}: too much contention` });
  }

  async holders(vdiUuid: string): Promise<VdiLockHolder[]> {
    const r = await this.client.range(this.keys.vdiLock(vdiUuid), true);
    return sortHolders(this.decode(r.kvs).map(({ hostUuid, mode }) => ({ hostUuid, mode })));
  }

  /**
   * The switchover of a live migration: one Txn that deletes `from`'s key
   * and puts `to`'s on `to`'s lease, guarded by `from`'s key being exactly
   * the one read (the compare on the holder) and by nothing else in the
   * VDI's range having changed since.
   */
  async transfer(vdiUuid: string, fromHost: string, toHost: string): Promise<void> {
    const range = this.keys.vdiLock(vdiUuid);
    const fromKey = this.keys.vdiLockHolder(vdiUuid, fromHost);
    const toKey = this.keys.vdiLockHolder(vdiUuid, toHost);
    const lease = fromHost === toHost ? undefined : await this.leaseOf(toHost);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const read = await this.client.range(range, true);
      const holders = this.decode(read.kvs);
      const from = holders.find((h) => h.hostUuid === fromHost);
      if (!from) throw notHeld(vdiUuid, fromHost);
      if (lease === undefined) return;
      const others = holders.filter((h) => h.hostUuid !== fromHost && h.hostUuid !== toHost);
      const conflict = lockConflict(vdiUuid, others, toHost, from.mode);
      if (conflict) throw conflict;
      const r = await this.txn(
        toHost,
        [
          { key: fromKey, modRevision: from.kv.modRevision },
          { key: range, prefix: true, modRevisionBelow: read.revision + 1 },
        ],
        [{ delete: fromKey }, { put: toKey, value: this.value(toHost, from.mode), lease }],
      );
      if (r.succeeded) return;
    }
    throw apiError('INTERNAL_ERROR', { message: `VDI lock ${vdiUuid}: too much contention` });
  }

  async watch(
    vdiUuid: string,
    onChange: (holders: VdiLockHolder[]) => void,
    onError: (e: Error) => void = () => undefined,
  ): Promise<VdiLockWatch> {
    const range = this.keys.vdiLock(vdiUuid);
    const first = await this.client.range(range, true);
    const current = new Map<string, VdiLockHolder>();
    for (const h of this.decode(first.kvs)) current.set(h.hostUuid, { hostUuid: h.hostUuid, mode: h.mode });
    const report = (): void => onChange(sortHolders(current.values()));
    report();
    return this.client.watch(
      range,
      first.revision + 1,
      (events) => {
        for (const e of events) {
          const named = this.keys.parseVdiLock(e.kv.key);
          if (!named) continue;
          if (e.type === 'delete') current.delete(named.hostUuid);
          else {
            const h = decodeHold(this.keys, e.kv);
            if (h) current.set(h.hostUuid, { hostUuid: h.hostUuid, mode: h.mode });
          }
        }
        report();
      },
      onError,
    );
  }
}
