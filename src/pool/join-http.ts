// The master's two internal endpoints of pool.join (pools.md §7.8; xapi does
// the same over its own internal calls after the joiner's login):
//
// - `POST /pool/join-prepare` {session_id}: a user session of the master with
//   pool-admin or pool-operator. A standalone master converts itself to the
//   pool database first (its store frozen, snapshotted and written to etcd;
//   it restarts in pool mode once the answer is sent). The answer is where the
//   pool database is and the pool secret: {pool_uuid, endpoints, lease_ttl,
//   secret}.
// - `POST /pool/join-commit` {secret, records}: on the master of the pool
//   database, the joiner's own objects (join-records.ts) added in one
//   transaction, committed before the answer, with its PBDs of the pool's
//   shared SRs (it plugs them once it serves as a slave).
//
// Both take and give JSON; a refusal is {"error": [code, ...params]}.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, apiError, toApiError } from '../datamodel/api-error.js';
import { MemoryStore } from '../db/memory.js';
import { untypedView } from '../db/typed.js';
import type { Services } from '../xapi/context.js';
import { addSharedSrPbds } from '../xapi/pool/shared-pbds.js';
import type { Handler } from '../xapi/http/router.js';
import type { PoolDbConfig } from './config.js';
import type { MemberGrant } from './embedded-etcd.js';
import { addJoinRecords, type JoinRecord } from './join-records.js';

export const JOIN_PREPARE_PATH = '/pool/join-prepare';
export const JOIN_COMMIT_PATH = '/pool/join-commit';

export interface PreparedPool {
  readonly pool_uuid: string;
  readonly endpoints: readonly string[];
  readonly lease_ttl: number;
  readonly secret: string;
  /** The pool's hosts run its etcd members (embedded-etcd.ts). */
  readonly embedded?: boolean;
  /** After the commit: the joiner's member to start, if it is to run one. */
  readonly member?: MemberGrant;
}

/** The joiner's member, as it offers it in the commit. */
export interface OfferedMember {
  readonly name: string;
  readonly peer_url: string;
  readonly client_url: string;
}

export interface JoinSide {
  /**
   * The pool database this host is master of, or, for a standalone host, the
   * one it converts into (it freezes and converts its store, and restarts in
   * pool mode once `answered` is called).
   */
  prepare(services: Services): Promise<{ readonly pool: PoolDbConfig; readonly answered?: () => void }>;
  /** True while this host serves as the master of a pool database. */
  readonly isPoolMaster: boolean;
  /** The pool's hosts run its etcd members. */
  readonly embedded?: boolean;
  /** Add a joiner's member (embedded pools): the grant, if any, and the pool's endpoints after it. */
  grantMember?(
    name: string,
    peerUrl: string,
    clientUrl: string,
  ): Promise<{ readonly grant: MemberGrant | undefined; readonly endpoints: readonly string[] }>;
}

const MAX_BODY = 64 * 1024 * 1024;

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('request too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (v && typeof v === 'object' && !Array.isArray(v)) resolve(v as Record<string, unknown>);
        else reject(apiError('INVALID_VALUE', { field: 'body', value: 'not a JSON object' }));
      } catch {
        reject(apiError('INVALID_VALUE', { field: 'body', value: 'not JSON' }));
      }
    });
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function fail(res: ServerResponse, e: unknown): void {
  const err = e instanceof ApiError ? e : toApiError(e);
  reply(res, 200, { error: err.toWire() });
}

export function joinHandlers(
  services: Services,
  side: JoinSide,
): { method: string; path: string; handler: Handler }[] {
  const prepare: Handler = async (req, res) => {
    try {
      const body = await readJson(req);
      const session = services.sessions.check(String(body['session_id'] ?? ''));
      if (!session.roles.has('pool-admin') && !session.roles.has('pool-operator')) {
        throw apiError('RBAC_PERMISSION_DENIED', {
          permission: 'pool.join',
          message: 'The session does not hold a role allowed to call this message',
        });
      }
      const { pool, answered } = await side.prepare(services);
      const answer: PreparedPool = {
        pool_uuid: pool.poolUuid,
        endpoints: pool.endpoints,
        lease_ttl: pool.leaseTtlSeconds,
        secret: services.hostPool.secret.get(),
        embedded: side.embedded ?? false,
      };
      if (answered) res.once('finish', answered);
      reply(res, 200, answer);
    } catch (e) {
      fail(res, e);
    }
  };
  const commit: Handler = async (req, res) => {
    try {
      const body = await readJson(req);
      if (!services.hostPool.secret.matches(String(body['secret'] ?? ''))) {
        throw apiError('SESSION_AUTHENTICATION_FAILED', {
          username: '',
          message: 'the pool secret does not match',
        });
      }
      // The joiner retries until this host is the master of the pool database.
      if (!side.isPoolMaster) {
        reply(res, 503, { error: ['HOST_IS_SLAVE', ''] });
        return;
      }
      const records = body['records'];
      if (!Array.isArray(records)) throw apiError('INVALID_VALUE', { field: 'records', value: '' });
      // The member first: a joiner refused here has left nothing in the pool database.
      const offered = body['member'] as OfferedMember | undefined;
      const granted =
        offered && side.embedded && side.grantMember
          ? await side.grantMember(offered.name, offered.peer_url, offered.client_url)
          : undefined;
      const db = untypedView(services.db);
      const joined = records as JoinRecord[];
      const host = joined.find((r) => r.cls === 'host')?.ref;
      if (host === undefined) throw apiError('INVALID_VALUE', { field: 'records', value: 'no host' });
      const made = db.transaction(
        () => addJoinRecords(db, joined) + addSharedSrPbds(services.db, host).length,
      );
      await db.flush();
      reply(res, 200, {
        created: made,
        ...(granted ? { endpoints: granted.endpoints } : {}),
        ...(granted?.grant ? { member: granted.grant } : {}),
      });
    } catch (e) {
      fail(res, e);
    }
  };
  return [
    { method: 'POST', path: JOIN_PREPARE_PATH, handler: prepare },
    { method: 'POST', path: JOIN_COMMIT_PATH, handler: commit },
  ];
}

/** The standalone store under a typed view, for freezing and converting it. */
export function standaloneStore(services: Services): MemoryStore {
  const store = untypedView(services.db);
  if (!(store instanceof MemoryStore)) throw new Error('this host’s database is not a standalone store');
  return store;
}
