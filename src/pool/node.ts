// A host of a pool whose database is in etcd (pools.md §7.4–7.6): it holds
// its host lease with `hosts/<uuid>/alive` on it, campaigns for master on
// that lease, and is in one of two roles at a time:
//
// - slave: a read-only EtcdReplica, while the campaign waits;
// - master: once elected, the EtcdStore loaded at the newest revision (the
//   generation goes on, so event tokens stay valid), with every commit fenced
//   by the election key, and the liveness watcher on `hosts/`.
//
// A master steps down to slave when its store is deposed (a commit failed
// its compare: another host is master) or its lease is lost (no keepalive
// acknowledged for TTL − margin, so before etcd can expire it and elect
// another host). Acknowledged writes are never lost by stepping down: a write
// is acknowledged only once its txn is committed by a quorum. What happens to
// the XenAPI server in each role is the RoleHandler's business.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClassDecl, RelationDecl } from '../datamodel/types.js';
import type { EtcdClient } from '../db/etcd/client.js';
import { Election, type Leader, type Leadership } from '../db/etcd/election.js';
import { PoolKeys } from '../db/etcd/keys.js';
import { HostLease, type LeaseLoss } from '../db/etcd/lease.js';
import { EtcdReplica } from '../db/etcd/replica.js';
import type { SinkLimits } from '../db/etcd/sink.js';
import { EtcdStore } from '../db/etcd/store.js';
import { ForwardedWrites, WriteForwarder } from './forward.js';
import { removeMember } from './etcd-member.js';
import { LivenessWatcher } from './liveness.js';

/** What the master publishes in its election key (pools.md §7.3). */
export interface MasterInfo {
  readonly hostUuid: string;
  readonly address: string;
}

export type PoolDbRole =
  | { readonly kind: 'master'; readonly store: EtcdStore; readonly leadership: Leadership }
  /** `forwarder`: this host's own writes, made by the master (forward.ts). */
  | { readonly kind: 'slave'; readonly replica: EtcdReplica; readonly forwarder: WriteForwarder };

/** The server side of the roles: start serving in a role, stop serving in it. */
export interface RoleHandler {
  enter(role: PoolDbRole): Promise<void>;
  /** Called before the role's store or replica is closed. */
  leave(role: PoolDbRole, why: string): Promise<void>;
}

export interface PoolNodeOptions extends SinkLimits {
  readonly client: EtcdClient;
  readonly poolUuid: string;
  readonly hostUuid: string;
  /** This host's management address, published while it is master (read when it campaigns). */
  readonly address: string | (() => string);
  readonly ttlSeconds: number;
  readonly classes: readonly ClassDecl[];
  readonly relations?: readonly RelationDecl[];
  readonly handler: RoleHandler;
  /** The slave's replica takes local writes (see EtcdReplica's `localWrites`). */
  readonly localWrites?: boolean;
  readonly log?: (line: string) => void;
}

export function parseMasterInfo(value: string): MasterInfo | undefined {
  try {
    const v = JSON.parse(value) as { host_uuid?: unknown; address?: unknown };
    if (typeof v.host_uuid === 'string' && typeof v.address === 'string') {
      return { hostUuid: v.host_uuid, address: v.address };
    }
  } catch {
    // A candidate that is not a host of ours: no master information.
  }
  return undefined;
}

/**
 * Events: `role` (PoolDbRole) after each role is entered, `leader`
 * (MasterInfo | undefined) when the elected master changes.
 */
export class PoolNode extends EventEmitter {
  readonly keys: PoolKeys;
  private readonly election: Election;
  private readonly closing = new AbortController();
  private lease: HostLease | undefined;
  private current: PoolDbRole | undefined;
  private observer: { cancel(): Promise<void> } | undefined;
  private loop: Promise<void> | undefined;
  private readonly bootId = randomUUID();
  private poll: NodeJS.Timeout | undefined;
  /** Ends the current term (its role is left, the next term begins). */
  private endTerm: ((why: string) => void) | undefined;
  /** The elected master as its key says, if any. */
  leader: MasterInfo | undefined;

  constructor(private readonly opts: PoolNodeOptions) {
    super();
    this.keys = new PoolKeys(opts.poolUuid);
    this.election = new Election(opts.client, this.keys.electionMaster);
  }

  get hostUuid(): string {
    return this.opts.hostUuid;
  }

  get role(): PoolDbRole | undefined {
    return this.current;
  }

  private log(line: string): void {
    this.opts.log?.(line);
  }

  /** Join the pool database; resolves once the first role is entered. */
  async start(): Promise<void> {
    this.observer = await this.election.observe(
      (l: Leader | undefined) => {
        this.leader = l && parseMasterInfo(l.value);
        this.emit('leader', this.leader);
      },
      (e) => this.log(`pool: following the election: ${e.message}`),
    );
    // The watch behind `observe` can stall for a long while when the etcd
    // member it streams from dies (its client reconnects with back-off): the
    // leader is also read every second, so HOST_IS_SLAVE follows promptly.
    this.poll = setInterval(() => {
      this.election.leader().then(
        (l) => {
          // A master whose key is gone (a forced takeover) stops at once rather than at its next commit.
          const role = this.current;
          if (role?.kind === 'master' && l?.key !== role.leadership.key) {
            this.endTerm?.('another host took the master role');
          }
          const next = l && parseMasterInfo(l.value);
          if (next?.hostUuid === this.leader?.hostUuid && next?.address === this.leader?.address) return;
          this.leader = next;
          this.emit('leader', next);
        },
        () => undefined,
      );
    }, 1000);
    this.poll.unref();
    // Answers to forwarded writes of an earlier run of this host, never read.
    await this.opts.client.delete(this.keys.forwardResults(this.opts.hostUuid), true);
    const first = new Promise<void>((resolve) => this.once('role', () => resolve()));
    this.loop = this.run();
    await Promise.race([first, this.loop]);
  }

  private async run(): Promise<void> {
    while (!this.closing.signal.aborted) {
      try {
        await this.term();
      } catch (e) {
        if (this.closing.signal.aborted) break;
        this.log(`pool: ${e instanceof Error ? e.message : String(e)}; starting over`);
        await sleep(500).catch(() => undefined);
      }
    }
  }

  /** One lease's worth of roles: slave, then master if elected, until something ends it. */
  private async term(): Promise<void> {
    const { client, hostUuid } = this.opts;
    if (!this.lease?.alive) {
      await this.lease?.close(false);
      this.lease = await HostLease.grant(client, { ttlSeconds: this.opts.ttlSeconds });
    }
    const lease = this.lease;
    const ended = new AbortController();
    const end = (why: string): void => {
      if (!ended.signal.aborted) ended.abort(new Error(why));
    };
    const onLost = (l: LeaseLoss): void => end(`host lease lost (${l.reason})`);
    const onClose = (): void => end('closing');
    lease.once('lost', onLost);
    this.closing.signal.addEventListener('abort', onClose);
    this.endTerm = end;
    // Either may have happened before the listeners were there.
    if (!lease.alive) end('host lease lost');
    if (this.closing.signal.aborted) end('closing');
    try {
      await client.put(
        this.keys.hostAlive(hostUuid),
        JSON.stringify({ boot_id: this.bootId, started: new Date().toISOString() }),
        lease.id,
      );
      const leadership = await this.asSlave(lease, ended.signal, end);
      if (!leadership) return;
      await this.asMaster(leadership, ended.signal, end);
    } finally {
      if (this.endTerm === end) this.endTerm = undefined;
      lease.off('lost', onLost);
      this.closing.signal.removeEventListener('abort', onClose);
    }
  }

  private async asSlave(
    lease: HostLease,
    signal: AbortSignal,
    end: (why: string) => void,
  ): Promise<Leadership | undefined> {
    const replica = await EtcdReplica.open({ ...this.opts });
    replica.on('error', (e: Error) => end(`the replica cannot follow the pool database: ${e.message}`));
    const forwarder = new WriteForwarder(this.opts.client, this.keys, this.opts.hostUuid, lease.id, replica);
    const role: PoolDbRole = { kind: 'slave', replica, forwarder };
    await this.enter(role);
    let leadership: Leadership | undefined;
    let why = 'elected master';
    try {
      const address = typeof this.opts.address === 'string' ? this.opts.address : this.opts.address();
      const value = JSON.stringify({ host_uuid: this.opts.hostUuid, address });
      leadership = await this.election.campaign(lease.id, value, signal);
    } catch (e) {
      why = signal.aborted ? String((signal.reason as Error).message) : (e as Error).message;
    }
    await this.leave(role, why);
    await replica.close();
    return leadership;
  }

  private async asMaster(
    leadership: Leadership,
    signal: AbortSignal,
    end: (why: string) => void,
  ): Promise<void> {
    const t0 = performance.now();
    const store = await EtcdStore.open({
      ...this.opts,
      fence: { key: leadership.key, createRevision: leadership.createRevision },
    });
    store.once('deposed', () => end('deposed: another host is master'));
    const loadedMs = Math.round(performance.now() - t0);
    const role: PoolDbRole = { kind: 'master', store, leadership };
    let liveness: LivenessWatcher | undefined;
    let forwarded: ForwardedWrites | undefined;
    try {
      await this.enter(role);
      this.log(
        `pool: master (token generation ${store.store.current().db}, revision ${store.loadedRevision}, loaded in ${loadedMs} ms)`,
      );
      liveness = await LivenessWatcher.start(this.opts.client, this.keys, store.store, (e) =>
        end(`the liveness watch cannot go on: ${e.message}`),
      );
      forwarded = await ForwardedWrites.start(this.opts.client, this.keys, store, (e) =>
        end(`the forwarded writes watch cannot go on: ${e.message}`),
      );
      if (!signal.aborted) {
        await new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => resolve(), { once: true }),
        );
      }
    } finally {
      await liveness?.stop().catch(() => undefined);
      await forwarded?.stop().catch(() => undefined);
      const why = signal.aborted ? String((signal.reason as Error).message) : 'stopping';
      await this.leave(role, why);
      await store.store.close().catch(() => undefined);
      // Hand the office over at once (a no-op if the key is gone already).
      await leadership.resign().catch(() => undefined);
    }
  }

  private async enter(role: PoolDbRole): Promise<void> {
    await this.opts.handler.enter(role);
    this.current = role;
    if (role.kind === 'slave') this.log('pool: slave');
    this.emit('role', role);
  }

  private async leave(role: PoolDbRole, why: string): Promise<void> {
    if (this.current !== role) return;
    this.current = undefined;
    this.log(`pool: leaving the ${role.kind} role: ${why}`);
    await this.opts.handler.leave(role, why);
  }

  /**
   * Leave the current role and start a new term on the same lease (a master
   * handing over: it stands again as a candidate, behind the others).
   */
  stepDown(why: string): void {
    this.endTerm?.(why);
  }

  /** The election keys of the candidates, oldest first. */
  async candidates(): Promise<{ key: string; createRevision: number; info: MasterInfo | undefined }[]> {
    const r = await this.opts.client.range(this.keys.electionMaster, true, { sortByCreate: 'ascend' });
    return r.kvs.map((kv) => ({
      key: kv.key,
      createRevision: kv.createRevision,
      info: parseMasterInfo(kv.value.toString()),
    }));
  }

  /**
   * Delete every candidate's election key but `keep`'s, in one txn that
   * also requires `keep` to still stand (and, `fenced`, this host to still be
   * master): `keep` is then the oldest candidate and is elected as soon as the
   * master's key is gone. The others see their key gone and stand again,
   * behind it. False if a compare failed.
   */
  async keepOnlyCandidate(keep: { key: string; createRevision: number }, fenced: boolean): Promise<boolean> {
    const role = this.current;
    if (fenced && role?.kind !== 'master') return false;
    const others = (await this.candidates()).filter((c) => c.key !== keep.key);
    const compares = [
      { key: keep.key, createRevision: keep.createRevision },
      ...(fenced && role?.kind === 'master' ? [role.store.fence] : []),
    ];
    const r = await this.opts.client.txn(
      compares,
      others.map((c) => ({ delete: c.key })),
    );
    return r.succeeded;
  }

  /** Remove the etcd member named `name` (a host's uuid), if the cluster has one. */
  async removeMember(name: string): Promise<void> {
    const m = (await this.opts.client.members()).find((x) => x.name === name);
    if (m) await removeMember(this.opts.client, m.id);
  }

  /** Leave the pool database: stop serving, resign, revoke the lease (its alive key goes with it). */
  async close(): Promise<void> {
    clearInterval(this.poll);
    this.closing.abort();
    await this.loop;
    await this.observer?.cancel().catch(() => undefined);
    await this.lease?.close(true);
  }
}
