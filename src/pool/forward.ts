// Writes a slave's own xapi must make (e.g. the state of its resident VMs
// from its xenopsd), forwarded to the master (pools.md §7.4), through etcd:
//
// - the slave batches the writes of one event-loop turn into one request,
//   `fwd/req/<host>/<id>`, put on its host lease (gone, unapplied and never
//   acknowledged, if the slave dies first);
// - the master applies a request as one store transaction, and its commit Txn
//   also deletes the request and puts the answer `fwd/res/<host>/<id>`: the
//   request is applied exactly once even across a change of master (a new
//   master finds only requests that no commit has answered), and the
//   answer's mod revision is the commit's revision;
// - the slave waits until its replica has reached that revision, so the
//   forwarding caller reads its own writes.
//
// Every op names its ref (a create's ref is chosen by the slave) and sets
// values rather than computing them, so a request means the same thing
// whichever master applies it.
import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers';
import { ApiError } from '../datamodel/api-error.js';
import { isErrorCode } from '../datamodel/errors/index.js';
import type { Value } from '../datamodel/types.js';
import type { EtcdClient, KeyValue, WatchHandle } from '../db/etcd/client.js';
import type { PoolKeys } from '../db/etcd/keys.js';
import type { EtcdReplica } from '../db/etcd/replica.js';
import type { EtcdStore } from '../db/etcd/store.js';
import type { Fields, ObjectStore, Ref } from '../db/store.js';

export type WriteOp =
  | { readonly op: 'create'; readonly cls: string; readonly ref: Ref; readonly fields: Fields }
  | { readonly op: 'update'; readonly cls: string; readonly ref: Ref; readonly fields: Fields }
  | { readonly op: 'destroy'; readonly cls: string; readonly ref: Ref }
  /** A modification without a field change (event.inject). */
  | { readonly op: 'touch'; readonly cls: string; readonly ref: Ref }
  /** A `message` object changed: the message generation moves on. */
  | { readonly op: 'message' }
  | {
      readonly op: 'add_to_map';
      readonly cls: string;
      readonly ref: Ref;
      readonly field: string;
      readonly key: string;
      readonly value: Value;
    }
  | {
      readonly op: 'remove_from_map';
      readonly cls: string;
      readonly ref: Ref;
      readonly field: string;
      readonly key: string;
    };

/** Apply a forwarded batch (inside the caller's transaction). */
export function applyWriteOps(db: ObjectStore, ops: readonly WriteOp[]): void {
  for (const w of ops) {
    switch (w.op) {
      case 'create':
        db.create(w.cls, w.fields, w.ref);
        break;
      case 'update':
        db.update(w.cls, w.ref, w.fields);
        break;
      case 'destroy':
        db.destroy(w.cls, w.ref);
        break;
      case 'touch':
        db.touch(w.cls, w.ref);
        break;
      case 'message':
        db.bumpMessageGeneration();
        break;
      case 'add_to_map':
        db.addToMap(w.cls, w.ref, w.field, w.key, w.value);
        break;
      case 'remove_from_map':
        db.removeFromMap(w.cls, w.ref, w.field, w.key);
        break;
    }
  }
}

interface Answer {
  readonly error?:
    { readonly code: string; readonly params: readonly string[] } | { readonly message: string };
}

/** The master's side: apply the requests already there and every new one. */
export class ForwardedWrites {
  private watch: WatchHandle | undefined;
  private chain = Promise.resolve();
  private stopped = false;

  private constructor(
    private readonly client: EtcdClient,
    private readonly keys: PoolKeys,
    private readonly master: EtcdStore,
  ) {}

  static async start(
    client: EtcdClient,
    keys: PoolKeys,
    master: EtcdStore,
    onError: (e: Error) => void,
  ): Promise<ForwardedWrites> {
    const f = new ForwardedWrites(client, keys, master);
    const r = await client.range(keys.forwardRequests, true);
    for (const kv of r.kvs) f.enqueue(kv);
    f.watch = await client.watch(
      keys.forwardRequests,
      r.revision + 1,
      (events) => {
        for (const e of events) if (e.type === 'put') f.enqueue(e.kv);
      },
      onError,
    );
    return f;
  }

  // One request at a time, in arrival order.
  private enqueue(kv: KeyValue): void {
    this.chain = this.chain.then(() => this.apply(kv)).catch(() => undefined);
  }

  private async apply(kv: KeyValue): Promise<void> {
    if (this.stopped || this.master.deposed) return;
    const [host, id] = kv.key.slice(this.keys.forwardRequests.length).split('/');
    if (host === undefined || id === undefined) return;
    const resultKey = this.keys.forwardResult(host, id);
    // Not on the slave's lease: a put on a lease that has expired meanwhile
    // would fail the whole commit Txn. The slave deletes the answer it reads,
    // and a restarted host the answers it never read (PoolNode.start).
    const answer = (a: Answer): { put: string; value: string } => ({
      put: resultKey,
      value: JSON.stringify(a),
    });
    // Only while the request is still there (not answered by an earlier master).
    const still = { key: kv.key, modRevision: kv.modRevision };
    let ops: WriteOp[];
    try {
      ops = (JSON.parse(kv.value.toString()) as { ops: WriteOp[] }).ops;
    } catch (e) {
      await this.client.txn(
        [this.master.fence, still],
        [{ delete: kv.key }, answer({ error: { message: String(e) } })],
      );
      return;
    }
    const current = await this.client.get(kv.key);
    if (current?.modRevision !== kv.modRevision) return;
    let queued: boolean;
    try {
      queued = this.master.transactionWith([{ delete: kv.key }, answer({})], () =>
        applyWriteOps(this.master.store, ops),
      ).queued;
    } catch (e) {
      // Rolled back: the slave gets the error the master's store raised.
      const error = e instanceof ApiError ? { code: e.code, params: e.params } : { message: String(e) };
      await this.client.txn([this.master.fence, still], [{ delete: kv.key }, answer({ error })]);
      return;
    }
    // A failed commit stays queued in the sink and is retried with the next
    // one, answer included; a deposed master's is dropped, and the request
    // stays for the next master.
    await this.master.store.flush();
    // Nothing changed: the values are already there (now committed).
    if (!queued) await this.client.txn([this.master.fence, still], [{ delete: kv.key }, answer({})]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.watch?.cancel();
    await this.chain;
  }
}

interface Pending {
  readonly ops: readonly WriteOp[];
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/** The slave's side: `write` resolves once the master committed it and the replica shows it. */
export class WriteForwarder {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly client: EtcdClient,
    private readonly keys: PoolKeys,
    private readonly hostUuid: string,
    private readonly leaseId: string,
    private readonly replica: EtcdReplica,
  ) {}

  /** A ref for an object this host will create through `write`. */
  static newRef(): Ref {
    return `OpaqueRef:${randomUUID()}`;
  }

  write(ops: readonly WriteOp[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ops, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        const batch = this.queue;
        this.queue = [];
        this.send(batch).then(
          () => batch.forEach((p) => p.resolve()),
          (e: unknown) => batch.forEach((p) => p.reject(e)),
        );
      });
    });
  }

  private async send(batch: readonly Pending[]): Promise<void> {
    const id = randomUUID();
    const resultKey = this.keys.forwardResult(this.hostUuid, id);
    const ops = batch.flatMap((p) => p.ops);
    const asked = await this.client.put(
      this.keys.forwardRequest(this.hostUuid, id),
      JSON.stringify({ ops }),
      this.leaseId,
    );
    // The answer comes after the request: watching from there cannot miss it.
    let answered!: (kv: KeyValue) => void;
    let failed!: (e: unknown) => void;
    const result = new Promise<KeyValue>((resolve, reject) => {
      answered = resolve;
      failed = reject;
    });
    const handle = await this.client.watch(
      resultKey,
      asked + 1,
      (events) => {
        const put = events.find((e) => e.type === 'put' && e.kv.key === resultKey);
        if (put) answered(put.kv);
      },
      failed,
    );
    let kv: KeyValue;
    try {
      kv = await result;
    } finally {
      void handle.cancel();
    }
    await this.client.delete(resultKey).catch(() => undefined);
    const a = JSON.parse(kv.value.toString()) as Answer;
    if (a.error) {
      if ('code' in a.error && isErrorCode(a.error.code))
        throw new ApiError(a.error.code, [...a.error.params]);
      throw new ApiError('INTERNAL_ERROR', ['code' in a.error ? a.error.code : a.error.message]);
    }
    await this.replica.waitForRevision(kv.modRevision);
  }
}
