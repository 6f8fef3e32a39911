// The one place xapi-ts talks to etcd. The npm `etcd3` client is thinly
// maintained (its lease keepalive uses wall-clock timers and its `lost` event
// fires late), so only its gRPC plumbing is used here: connection pooling and
// failover between endpoints, unary KV/lease/cluster calls, and the watch
// stream with resume-from-revision. Leases, elections and fencing are built on
// these primitives in lease.ts and election.ts, so replacing the library by a
// direct @grpc/grpc-js client only means rewriting this file.
import { createRequire } from 'node:module';
import type * as Etcd3Module from 'etcd3';
import type { Etcd3, IKeyValue, IOptions, IRequestOp, ICompare, Watcher } from 'etcd3';

type Etcd3Library = typeof Etcd3Module;
let library: Etcd3Library | undefined;

/**
 * etcd3 and what it pulls in (gRPC, protobufjs) cost ~25 MiB of resident
 * memory and a quarter of a second to load, so they are loaded when the
 * first client is made: a host that is not in an etcd pool never pays.
 */
function etcd3(): Etcd3Library {
  library ??= createRequire(import.meta.url)('etcd3') as Etcd3Library;
  return library;
}

type HostPolicy = ReturnType<NonNullable<NonNullable<IOptions['faultHandling']>['host']>>;

/**
 * etcd3 puts a circuit breaker on every endpoint that, after 3 failures,
 * refuses calls for 5 s: a member that restarts would stay unusable for 5 s
 * after it is back (and a single-endpoint client entirely so). Calls go
 * straight through instead; the client's retry on another endpoint stays.
 */
function passThrough(): HostPolicy {
  const noEvent = (): { dispose(): void } => ({ dispose: () => undefined });
  return {
    _altReturn: undefined as unknown as never,
    onSuccess: noEvent,
    onFailure: noEvent,
    execute: async (fn) => fn({ signal: new AbortController().signal }),
  };
}

/**
 * etcd3's own retry makes 4 attempts back to back. When the leader dies the
 * survivors answer "no leader" at once, so the 4 attempts were spent in
 * milliseconds and a write failed during an election that a moment later
 * would have succeeded. Calls are retried instead, on the next endpoint,
 * with a short growing pause, until `budgetMs` has passed.
 */
function retryWithin(budgetMs: number): HostPolicy {
  const noEvent = (): { dispose(): void } => ({ dispose: () => undefined });
  return {
    _altReturn: undefined as unknown as never,
    onSuccess: noEvent,
    onFailure: noEvent,
    execute: async (fn) => {
      const until = Date.now() + budgetMs;
      for (let pause = 25; ; pause = Math.min(pause * 2, 400)) {
        try {
          return await fn({ signal: new AbortController().signal });
        } catch (e) {
          const recoverable = e instanceof Error && etcd3().isRecoverableError(e);
          if (!recoverable || Date.now() + pause >= until) throw e;
          await new Promise((r) => setTimeout(r, pause));
        }
      }
    },
  };
}

export interface KeyValue {
  readonly key: string;
  readonly value: Buffer;
  readonly createRevision: number;
  readonly modRevision: number;
  /** Lease id (decimal), "0" for none. */
  readonly lease: string;
}

export interface WatchEvent {
  readonly type: 'put' | 'delete';
  readonly kv: KeyValue;
}

/**
 * A Txn compare. With `prefix`, it holds for every key under `key` (an empty
 * range compares as a key that does not exist: revisions 0).
 */
export type Compare = (
  | { readonly key: string; readonly createRevision: number }
  | { readonly key: string; readonly modRevision: number }
  /** Every key's mod revision is below this (nothing written at or after it). */
  | { readonly key: string; readonly modRevisionBelow: number }
) & { readonly prefix?: boolean };

export type Op =
  | { readonly put: string; readonly value: string | Buffer; readonly lease?: string }
  | { readonly delete: string }
  | { readonly get: string };

/** A read of every key under a prefix, in a Txn branch. */
export interface PrefixRead {
  readonly getPrefix: string;
}

export interface TxnResult {
  readonly succeeded: boolean;
  readonly revision: number;
  /** The key-values read by `get` ops of the branch taken, in order. */
  readonly reads: readonly (readonly KeyValue[])[];
}

export interface RangeOptions {
  /** Read at this revision (0 or absent: the newest). */
  readonly revision?: number;
  readonly limit?: number;
  /** Keys ≥ `from` (pagination). */
  readonly from?: string;
  readonly sortByCreate?: 'ascend' | 'descend';
  readonly maxCreateRevision?: number;
  readonly serializable?: boolean;
}

export interface RangeResult {
  readonly kvs: readonly KeyValue[];
  readonly revision: number;
  readonly more: boolean;
}

export interface Member {
  readonly id: string;
  readonly name: string;
  readonly peerUrls: readonly string[];
  readonly clientUrls: readonly string[];
  readonly isLearner: boolean;
}

export interface KeepAliveStream {
  /** Send one keepalive for a lease. */
  send(leaseId: string): void;
  close(): void;
}

export interface WatchHandle {
  cancel(): Promise<void>;
}

export interface ClientOptions {
  readonly endpoints: readonly string[];
  /**
   * Deadline of each attempt of a unary call (default 1.2 s). A call that
   * times out, finds its endpoint down or finds no leader is retried on
   * another endpoint within `retryBudgetMs`, so without quorum a write fails
   * within about 5 s rather than hanging, while a leader election is ridden
   * out.
   */
  readonly callTimeoutMs?: number;
  /**
   * How long a unary call keeps retrying recoverable failures (endpoint down,
   * no leader, deadline) before it fails (default 4 × callTimeoutMs).
   */
  readonly retryBudgetMs?: number;
}

/** The end of a prefix range: the prefix with its last byte incremented. */
export function prefixEnd(prefix: string): Buffer {
  const b = Buffer.from(prefix);
  for (let i = b.length - 1; i >= 0; i--) {
    if ((b[i] as number) < 0xff) {
      const end = Buffer.from(b.subarray(0, i + 1));
      end[i] = (b[i] as number) + 1;
      return end;
    }
  }
  return Buffer.from([0]);
}

function kv(raw: IKeyValue): KeyValue {
  return {
    key: raw.key.toString(),
    value: raw.value,
    createRevision: Number(raw.create_revision),
    modRevision: Number(raw.mod_revision),
    lease: raw.lease,
  };
}

function compare(c: Compare): ICompare {
  const key = Buffer.from(c.key);
  const range = c.prefix ? { range_end: prefixEnd(c.key) } : {};
  if ('createRevision' in c) {
    return { key, ...range, target: 'Create', result: 'Equal', create_revision: c.createRevision };
  }
  if ('modRevisionBelow' in c) {
    return { key, ...range, target: 'Mod', result: 'Less', mod_revision: c.modRevisionBelow };
  }
  return { key, ...range, target: 'Mod', result: 'Equal', mod_revision: c.modRevision };
}

function requestOp(op: Op | PrefixRead): IRequestOp {
  if ('put' in op) {
    return {
      request_put: {
        key: Buffer.from(op.put),
        value: typeof op.value === 'string' ? Buffer.from(op.value) : op.value,
        ...(op.lease === undefined ? {} : { lease: op.lease }),
      },
    };
  }
  if ('delete' in op) return { request_delete_range: { key: Buffer.from(op.delete) } };
  if ('getPrefix' in op) {
    return { request_range: { key: Buffer.from(op.getPrefix), range_end: prefixEnd(op.getPrefix) } };
  }
  return { request_range: { key: Buffer.from(op.get) } };
}

/** Encoded size of an op in a txn request, for staying under --max-request-bytes. */
export function opBytes(op: Op): number {
  if ('put' in op) return Buffer.byteLength(op.put) + Buffer.byteLength(op.value) + 32;
  return Buffer.byteLength('delete' in op ? op.delete : op.get) + 16;
}

export class EtcdClient {
  private readonly raw: Etcd3;
  private closed = false;

  constructor(opts: ClientOptions) {
    const timeoutMs = opts.callTimeoutMs ?? 1200;
    this.raw = new (etcd3().Etcd3)({
      hosts: [...opts.endpoints],
      // A fresh deadline for every attempt (options given per call would be
      // reused, already expired, by the retries); streams have none.
      defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + timeoutMs }),
      dialTimeout: 2000,
      faultHandling: { host: passThrough, global: retryWithin(opts.retryBudgetMs ?? 4 * timeoutMs) },
      // Range pages and watch batches can exceed grpc-js's 4 MiB default.
      grpcOptions: { 'grpc.max_receive_message_length': 64 << 20 },
    });
  }

  async range(keyOrPrefix: string, prefix: boolean, o: RangeOptions = {}): Promise<RangeResult> {
    const res = await this.raw.kv.range({
      key: Buffer.from(o.from ?? keyOrPrefix),
      ...(prefix ? { range_end: prefixEnd(keyOrPrefix) } : {}),
      ...(o.revision ? { revision: o.revision } : {}),
      ...(o.limit ? { limit: o.limit } : {}),
      ...(o.sortByCreate
        ? { sort_target: 'Create', sort_order: o.sortByCreate === 'ascend' ? 'Ascend' : 'Descend' }
        : {}),
      ...(o.maxCreateRevision ? { max_create_revision: o.maxCreateRevision } : {}),
      ...(o.serializable ? { serializable: true } : {}),
    });
    return { kvs: res.kvs.map(kv), revision: Number(res.header.revision), more: res.more };
  }

  async get(key: string): Promise<KeyValue | undefined> {
    return (await this.range(key, false)).kvs[0];
  }

  /**
   * Every key under a prefix at one revision, in pages (a single reply over
   * the gRPC message limit would fail). The next page is requested before
   * `onPage` handles the current one, so decoding overlaps the transfer.
   */
  async rangePages(
    prefix: string,
    onPage: (kvs: readonly KeyValue[]) => void,
    pageSize = 2000,
  ): Promise<number> {
    const fetchPage = (revision: number, from?: string): Promise<RangeResult> =>
      this.range(prefix, true, {
        limit: pageSize,
        ...(revision ? { revision } : {}),
        ...(from === undefined ? {} : { from }),
      });
    let page = await fetchPage(0);
    const revision = page.revision;
    for (;;) {
      const last = page.kvs[page.kvs.length - 1];
      const next = page.more && last ? fetchPage(revision, `${last.key}\0`) : undefined;
      // A failing page must not leave the next request's rejection unhandled.
      next?.catch(() => undefined);
      onPage(page.kvs);
      if (!next) return revision;
      page = await next;
    }
  }

  async rangeAll(prefix: string, pageSize = 2000): Promise<{ kvs: KeyValue[]; revision: number }> {
    const kvs: KeyValue[] = [];
    const revision = await this.rangePages(prefix, (page) => kvs.push(...page), pageSize);
    return { kvs, revision };
  }

  async put(key: string, value: string | Buffer, lease?: string): Promise<number> {
    const res = await this.raw.kv.put({
      key: Buffer.from(key),
      value: typeof value === 'string' ? Buffer.from(value) : value,
      ...(lease ? { lease } : {}),
    });
    return Number(res.header.revision);
  }

  async delete(key: string, prefix = false): Promise<number> {
    const res = await this.raw.kv.deleteRange({
      key: Buffer.from(key),
      ...(prefix ? { range_end: prefixEnd(key) } : {}),
    });
    return Number(res.deleted);
  }

  async txn(
    compares: readonly Compare[],
    success: readonly (Op | PrefixRead)[],
    failure: readonly (Op | PrefixRead)[] = [],
  ): Promise<TxnResult> {
    const res = await this.raw.kv.txn({
      compare: compares.map(compare),
      success: success.map(requestOp),
      failure: failure.map(requestOp),
    });
    const reads = res.responses.filter((r) => r.response_range).map((r) => r.response_range.kvs.map(kv));
    return { succeeded: res.succeeded, revision: Number(res.header.revision), reads };
  }

  // --- leases (the keepalive loop and its deadline are in lease.ts)

  async leaseGrant(ttlSeconds: number): Promise<{ id: string; ttl: number }> {
    const res = await this.raw.leaseClient.leaseGrant({ TTL: ttlSeconds });
    if (res.error) throw new Error(`etcd refused a lease: ${res.error}`);
    return { id: res.ID, ttl: Number(res.TTL) };
  }

  async leaseRevoke(id: string): Promise<void> {
    await this.raw.leaseClient.leaseRevoke({ ID: id });
  }

  /** Remaining TTL in seconds; -1 if the lease has expired or never existed. */
  async leaseTimeToLive(id: string): Promise<number> {
    const res = await this.raw.leaseClient.leaseTimeToLive({ ID: id });
    return Number(res.TTL);
  }

  /**
   * A keepalive stream: `onAck(id, ttl)` for each answer (ttl 0: the lease is
   * gone), `onEnd(err)` once when the stream breaks.
   */
  async keepAliveStream(
    onAck: (id: string, ttl: number) => void,
    onEnd: (err: Error) => void,
  ): Promise<KeepAliveStream> {
    const stream = await this.raw.leaseClient.leaseKeepAlive();
    let ended = false;
    const end = (err: Error): void => {
      if (ended) return;
      ended = true;
      onEnd(err);
    };
    stream.on('data', (r) => onAck(r.ID, Number(r.TTL)));
    stream.on('error', (e) => end(e));
    stream.on('end', () => end(new Error('etcd keepalive stream ended')));
    return {
      send: (id) => {
        if (!ended) stream.write({ ID: id });
      },
      close: () => {
        ended = true;
        stream.cancel();
      },
    };
  }

  // --- watches

  /**
   * Watch a prefix from a revision. `onEvents` gets each reply's events with
   * the reply's header revision; `onError` reports a watch that cannot go on
   * (e.g. its start revision was compacted).
   */
  async watch(
    prefix: string,
    fromRevision: number,
    onEvents: (events: WatchEvent[], revision: number) => void,
    onError: (err: Error) => void,
  ): Promise<WatchHandle> {
    const watcher: Watcher = await this.raw
      .watch()
      .prefix(prefix)
      .startRevision(String(fromRevision))
      .create();
    watcher.on('data', (res) => {
      if (res.events.length === 0) return;
      onEvents(
        res.events.map((e) => ({ type: e.type === 'Delete' ? 'delete' : 'put', kv: kv(e.kv) })),
        Number(res.header.revision),
      );
    });
    watcher.on('error', (e) => onError(e));
    return { cancel: () => watcher.cancel() };
  }

  // --- membership and status

  async members(): Promise<Member[]> {
    const res = await this.raw.cluster.memberList({ linearizable: true });
    return res.members.map((m) => ({
      id: m.ID,
      name: m.name,
      peerUrls: m.peerURLs,
      clientUrls: m.clientURLs,
      isLearner: m.isLearner,
    }));
  }

  async memberAdd(peerUrls: readonly string[], learner: boolean): Promise<Member> {
    const res = await this.raw.cluster.memberAdd({ peerURLs: [...peerUrls], isLearner: learner });
    const m = res.member;
    return { id: m.ID, name: m.name, peerUrls: m.peerURLs, clientUrls: m.clientURLs, isLearner: m.isLearner };
  }

  async memberPromote(id: string): Promise<void> {
    await this.raw.cluster.memberPromote({ ID: id });
  }

  async memberRemove(id: string): Promise<void> {
    await this.raw.cluster.memberRemove({ ID: id });
  }

  /** The answering member's status: its id, the raft leader's id, and the revision. */
  async status(): Promise<{ memberId: string; leader: string; revision: number; isLearner: boolean }> {
    const res = await this.raw.maintenance.status();
    return {
      memberId: res.header.member_id,
      leader: res.leader,
      revision: Number(res.header.revision),
      isLearner: res.isLearner,
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.raw.close();
  }
}
