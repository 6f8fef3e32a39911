// Leader election on etcd, the algorithm of etcd's Go concurrency.Election:
// each candidate puts `<prefix><lease id hex>` attached to its host lease; the
// leader is the key with the lowest create revision. A candidate waits until
// every key created before its own is deleted. The leader's create revision is
// its fencing token: writes guarded by `create_revision(key) == token` can
// only succeed while that exact key exists.
import type { EtcdClient, KeyValue } from './client.js';

export interface Leader {
  readonly key: string;
  /** The fencing token. */
  readonly createRevision: number;
  readonly value: string;
}

export interface Leadership extends Leader {
  /** Give up the office (deletes the key if it is still ours). */
  resign(): Promise<void>;
}

const asLeader = (kv: KeyValue): Leader => ({
  key: kv.key,
  createRevision: kv.createRevision,
  value: kv.value.toString(),
});

export class Election {
  /** `prefix` ends with `/`, e.g. `/xapi/<pool>/election/master/`. */
  constructor(
    private readonly client: EtcdClient,
    readonly prefix: string,
  ) {}

  /** The current leader, if any. */
  async leader(): Promise<Leader | undefined> {
    const r = await this.client.range(this.prefix, true, { sortByCreate: 'ascend', limit: 1 });
    const first = r.kvs[0];
    return first && asLeader(first);
  }

  /**
   * Stand as candidate with `value` on a lease; resolves once elected.
   * Rejects if `signal` aborts (the candidacy is withdrawn) or the key
   * disappears while waiting (the lease was lost).
   */
  async campaign(leaseId: string, value: string, signal?: AbortSignal): Promise<Leadership> {
    const key = `${this.prefix}${BigInt(leaseId).toString(16)}`;
    const put = { put: key, value, lease: leaseId };
    const r = await this.client.txn([{ key, createRevision: 0 }], [put], [{ get: key }]);
    let rev = r.revision;
    if (!r.succeeded) {
      const existing = r.reads[0]?.[0];
      if (!existing) throw new Error(`election key ${key} vanished`);
      rev = existing.createRevision;
      if (existing.value.toString() !== value) await this.client.put(key, value, leaseId);
    }
    const resign = async (): Promise<void> => {
      await this.client.txn([{ key, createRevision: rev }], [{ delete: key }]);
    };
    try {
      await this.waitForPredecessors(rev, signal);
      const mine = await this.client.get(key);
      if (mine?.createRevision !== rev) throw new Error('the election key was lost while campaigning');
    } catch (e) {
      await resign().catch(() => undefined);
      throw e;
    }
    return { key, createRevision: rev, value, resign };
  }

  private async waitForPredecessors(rev: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const before = await this.client.range(this.prefix, true, {
        sortByCreate: 'descend',
        limit: 1,
        maxCreateRevision: rev - 1,
      });
      const pred = before.kvs[0];
      if (!pred) return;
      await this.waitForDelete(pred.key, before.revision + 1, signal);
    }
  }

  private waitForDelete(key: string, from: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      let done = false;
      let handle: { cancel(): Promise<void> } | undefined;
      const finish = (err?: unknown): void => {
        if (done) return;
        done = true;
        signal?.removeEventListener('abort', onAbort);
        void handle?.cancel();
        if (err === undefined) resolve();
        else reject(err instanceof Error ? err : new Error(String(err)));
      };
      const onAbort = (): void => finish(signal?.reason ?? new Error('campaign aborted'));
      signal?.addEventListener('abort', onAbort);
      this.client
        .watch(
          key,
          from,
          (events) => {
            if (events.some((e) => e.type === 'delete' && e.kv.key === key)) finish();
          },
          (e) => finish(e),
        )
        .then(
          (h) => {
            handle = h;
            if (done) void h.cancel();
          },
          (e: unknown) => finish(e),
        );
    });
  }

  /**
   * Follow the leader: `onChange` is called with the current leader at once
   * and whenever it changes (undefined while there is none).
   */
  async observe(
    onChange: (leader: Leader | undefined) => void,
    onError: (e: Error) => void,
  ): Promise<{ cancel(): Promise<void> }> {
    const first = await this.client.range(this.prefix, true, { sortByCreate: 'ascend', limit: 1 });
    let current = first.kvs[0] && asLeader(first.kvs[0]);
    onChange(current);
    let checking = Promise.resolve();
    const handle = await this.client.watch(
      this.prefix,
      first.revision + 1,
      () => {
        checking = checking.then(async () => {
          const next = await this.leader().catch((e: unknown) => {
            onError(e instanceof Error ? e : new Error(String(e)));
            return current;
          });
          if (next?.key !== current?.key || next?.createRevision !== current?.createRevision) {
            current = next;
            onChange(current);
          }
        });
      },
      onError,
    );
    return handle;
  }
}
