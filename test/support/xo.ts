// What the tests use of Xen Orchestra's `xen-api` client (the package ships no
// types), and a wait on its object cache that listens to the cache's own
// add/update/remove events (fed by its event.from loop) instead of polling it.
import { createClient } from 'xen-api';
import { TEST_PASSWORD } from './xapi-server.js';

export interface XoObject {
  $type: string;
  $ref: string;
  [field: string]: unknown;
}

type CacheEvent = 'add' | 'update' | 'remove';

export interface XoCollection {
  all: Record<string, XoObject>;
  on(event: CacheEvent, cb: () => void): void;
  removeListener(event: CacheEvent, cb: () => void): void;
}

export interface XoXapi {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  call(method: string, ...args: unknown[]): Promise<unknown>;
  callAsync(method: string, ...args: unknown[]): Promise<unknown>;
  barrier(ref?: string): Promise<unknown>;
  objects: XoCollection;
  objectsFetched: Promise<void>;
  pool: XoObject;
}

/** A xen-api client of `url`, logged in as root and watching events once it resolves. */
export async function connectXo(
  url: string,
  opts: { transport?: 'json-rpc' | 'xml-rpc'; allowUnauthorized?: boolean } = {},
): Promise<XoXapi> {
  const xapi = createClient({
    url,
    ...(opts.allowUnauthorized === undefined ? {} : { allowUnauthorized: opts.allowUnauthorized }),
    auth: { user: 'root', password: TEST_PASSWORD },
    transport: opts.transport ?? 'json-rpc',
    watchEvents: true,
  }) as unknown as XoXapi;
  await xapi.connect();
  return xapi;
}

const EVENTS: readonly CacheEvent[] = ['add', 'update', 'remove'];

/** The cached object `ref`, if the client has it. */
export function cached(xapi: XoXapi, ref: string): XoObject | undefined {
  return Object.values(xapi.objects.all).find((o) => o.$ref === ref);
}

/** Resolves once `holds()` is true of the client's cache, looked at again at each change of it. */
export function untilCached(
  xapi: XoXapi,
  holds: () => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (e?: Error) => {
      clearTimeout(timer);
      for (const ev of EVENTS) xapi.objects.removeListener(ev, check);
      if (e) reject(e);
      else resolve();
    };
    const check = () => {
      if (holds()) finish();
    };
    const timer = setTimeout(() => finish(new Error(`not seen through events: ${what}`)), timeoutMs);
    for (const ev of EVENTS) xapi.objects.on(ev, check);
    check();
  });
}

/** Resolves with the cached object `ref` once `check` holds for it. */
export async function seen(
  xapi: XoXapi,
  ref: string,
  check: (o: XoObject) => boolean,
  what: string,
): Promise<XoObject> {
  let found: XoObject | undefined;
  await untilCached(
    xapi,
    () => {
      found = cached(xapi, ref);
      return found !== undefined && check(found);
    },
    `${what} (${JSON.stringify(cached(xapi, ref)?.['power_state'])})`,
  );
  return found as XoObject;
}
