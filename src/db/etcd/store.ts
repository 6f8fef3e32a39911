// The pool database on etcd: loading a consistent snapshot into a
// MemoryStore state, and the master's store (a MemoryStore persisting through
// the fenced EtcdSink). Replicas are in replica.ts.
import { EventEmitter } from 'node:events';
import type { ApiError } from '../../datamodel/api-error.js';
import type { ClassDecl, RelationDecl } from '../../datamodel/types.js';
import type { Tombstone } from '../events.js';
import { MemoryStore, type LoadedRow, type StoreState } from '../memory.js';
import type { Ref } from '../store.js';
import type { EtcdClient, KeyValue } from './client.js';
import { decodeRecord, decodeTombstone, ETCD_FORMAT_VERSION, PoolKeys } from './keys.js';
import { EtcdSink, type Fence, type SinkLimits } from './sink.js';

export interface LoadedPool {
  readonly state: StoreState;
  /** The etcd revision the state was read at. */
  readonly revision: number;
  /** Table of every stored object, known classes or not. */
  readonly tableOf: Map<Ref, string>;
}

/**
 * Read every obj/, tomb/ and meta/ key at one revision (paginated) into a
 * store state. `resetVolatile`: `persist: false` fields take their defaults
 * (a new master); a replica keeps them.
 */
export async function loadPool(
  client: EtcdClient,
  keys: PoolKeys,
  classes: readonly ClassDecl[],
  resetVolatile: boolean,
): Promise<LoadedPool> {
  const decls = new Map(classes.filter((c) => c.inDb).map((c) => [c.name, c]));
  const rows: LoadedRow[] = [];
  const tombstones: Tombstone[] = [];
  const tableOf = new Map<Ref, string>();
  const meta = new Map<string, number>();
  const onPage = (kvs: readonly KeyValue[]): void => {
    for (const kv of kvs) load(kv);
  };
  const load = (kv: KeyValue): void => {
    const k = keys.parse(kv.key);
    if (k?.kind === 'obj') {
      tableOf.set(k.ref, k.table);
      const cls = decls.get(k.table);
      // Objects of classes this datamodel lacks stay in etcd, unused.
      if (!cls) return;
      const d = decodeRecord(cls, kv.value.toString(), resetVolatile);
      rows.push({ table: k.table, ref: k.ref, created: d.created, modified: d.modified, row: d.row });
    } else if (k?.kind === 'tomb') {
      tombstones.push(decodeTombstone(k.ref, kv.value.toString()));
    } else if (k?.kind === 'meta') {
      meta.set(k.name, Number(kv.value.toString()));
    }
  };
  const revision = await client.rangePages(keys.root, onPage);
  const format = meta.get('format') ?? 0;
  if (format > ETCD_FORMAT_VERSION) {
    throw new Error(
      `the pool database has format ${format}; this program supports up to ${ETCD_FORMAT_VERSION}`,
    );
  }
  tombstones.sort((a, b) => a.deleted - b.deleted);
  return {
    state: {
      generation: meta.get('generation') ?? 0,
      messageGeneration: meta.get('message_generation') ?? 0,
      lostBefore: meta.get('lost_before') ?? 0,
      rows,
      tombstones,
    },
    revision,
    tableOf,
  };
}

export interface EtcdStoreOptions extends SinkLimits {
  readonly client: EtcdClient;
  readonly poolUuid: string;
  readonly classes: readonly ClassDecl[];
  readonly relations?: readonly RelationDecl[];
  readonly tombstoneLimit?: number;
  /** This host's election key and its create revision: the fencing token. */
  readonly fence: Fence;
}

/**
 * The master's database. `store` is a plain MemoryStore; `deposed` is emitted
 * (with the error flushes now fail with) when a commit's fence compare fails:
 * another host is master, and this one must stop serving as master.
 */
export class EtcdStore extends EventEmitter {
  private sink!: EtcdSink;

  private constructor(
    readonly store: MemoryStore,
    /** The revision the database was loaded at. */
    readonly loadedRevision: number,
  ) {
    super();
  }

  static async open(opts: EtcdStoreOptions): Promise<EtcdStore> {
    const keys = new PoolKeys(opts.poolUuid);
    const loaded = await loadPool(opts.client, keys, opts.classes, true);
    const store = new MemoryStore({
      classes: opts.classes,
      relations: opts.relations ?? [],
      ...(opts.tombstoneLimit === undefined ? {} : { tombstoneLimit: opts.tombstoneLimit }),
      initial: loaded.state,
    });
    const self = new EtcdStore(store, loaded.revision);
    self.sink = new EtcdSink(store, opts.client, keys, opts.fence, loaded.tableOf, opts, (e: ApiError) =>
      self.emit('deposed', e),
    );
    store.attach(self.sink);
    return self;
  }

  get deposed(): boolean {
    return this.sink.deposed;
  }

  /** Revision of the newest acknowledged commit (the loaded revision before any). */
  get revision(): number {
    return this.sink.revision || this.loadedRevision;
  }
}
