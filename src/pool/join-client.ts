// The joiner's side of pool.join once the pre-checks have passed
// (pools.md §7.8): ask the master where the pool database is (a standalone
// master converts itself then), and have it add this host's own objects
// (join-records.ts). The master may be restarting into pool mode meanwhile:
// the second step is retried until it answers as the pool's master.
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, apiError } from '../datamodel/api-error.js';
import { isErrorCode } from '../datamodel/errors/index.js';
import { untypedView } from '../db/typed.js';
import type { Services } from '../xapi/context.js';
import type { JoinRequest } from '../xapi/pool/membership.js';
import { JOIN_COMMIT_PATH, JOIN_PREPARE_PATH, type OfferedMember, type PreparedPool } from './join-http.js';
import { joinRecords } from './join-records.js';

/** How long the joiner waits for a converting master to come back as the pool's master. */
const COMMIT_WAIT_MS = 90_000;

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

function postJson(url: string, body: unknown): Promise<Reply> {
  const u = new URL(url);
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            const v = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
            resolve({ status: res.statusCode ?? 500, body: v });
          } catch {
            reject(apiError('JOINING_HOST_SERVICE_FAILED', {}));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(text);
  });
}

function refusal(body: Record<string, unknown>): ApiError | undefined {
  const e = body['error'];
  if (!Array.isArray(e) || typeof e[0] !== 'string') return undefined;
  const [code, ...params] = e.map(String) as [string, ...string[]];
  return isErrorCode(code) ? new ApiError(code, params) : new ApiError('INTERNAL_ERROR', [code, ...params]);
}

/**
 * The pool as the master describes it once this host is added: where its
 * database is (with this host's member, if it is to run one) and the secret.
 */
export async function joinAsSlave(
  services: Services,
  req: JoinRequest,
  log: (line: string) => void,
  member: OfferedMember,
): Promise<PreparedPool> {
  let prepared: Reply;
  try {
    prepared = await postJson(`${req.master.url}${JOIN_PREPARE_PATH}`, {
      session_id: req.master.client.sessionRef,
    });
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw apiError('JOINING_HOST_CONNECTION_FAILED', {});
  }
  const refused = refusal(prepared.body);
  if (refused) throw refused;
  if (prepared.status !== 200) throw apiError('JOINING_HOST_SERVICE_FAILED', {});
  const pool = prepared.body as unknown as PreparedPool;
  const records = joinRecords(untypedView(services.db), req.host);
  const deadline = Date.now() + COMMIT_WAIT_MS;
  for (;;) {
    let r: Reply | undefined;
    try {
      r = await postJson(`${req.master.url}${JOIN_COMMIT_PATH}`, {
        secret: pool.secret,
        records,
        ...(pool.embedded ? { member } : {}),
      });
    } catch (e) {
      if (e instanceof ApiError) throw e;
      // The master is restarting into pool mode.
    }
    if (r?.status === 200) {
      const err = refusal(r.body);
      if (err) throw err;
      log(`the master added this host (${String(r.body['created'])} objects)`);
      const endpoints = r.body['endpoints'];
      const grant = r.body['member'] as PreparedPool['member'];
      return {
        ...pool,
        ...(Array.isArray(endpoints) ? { endpoints: endpoints.map(String) } : {}),
        ...(grant ? { member: grant } : {}),
      };
    }
    if (Date.now() > deadline) throw apiError('JOINING_HOST_CONNECTION_FAILED', {});
    await sleep(250);
  }
}
