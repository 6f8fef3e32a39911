// The PBDs of shared SRs across the pool's hosts (docs/design/storage.md
// "What the pool code must call"). A shared SR has one PBD on every host,
// all with the same device_config, and each host plugs its own (PBD.plug
// runs on the PBD's host, vm-forward.ts):
//
// - SR.create of a shared SR plugs every other host's PBD through PBD.plug
//   on that host (`plugOtherHosts`), as xapi's SR.create does; a host that
//   cannot plug leaves its PBD unplugged, and SR.create still succeeds (xapi
//   logs a warning too): the PBD's currently_attached says so;
// - a host that joins gets its PBDs of the pool's shared SRs in the join's
//   transaction on the master (`addSharedSrPbds`), and plugs them once it
//   serves in the pool (`plugOwnSharedPbds`, at every start in pool mode:
//   xapi plugs its unplugged PBDs at start too).
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../../datamodel/api-error.js';
import type { Services } from '../context.js';
import { serverFields } from '../records.js';
import { planPbds } from '../storage/pbd-plan.js';
import type { XapiDb } from '../store.js';
import { forwardToHost } from './vm-forward.js';

/**
 * How long a forwarded PBD.plug is retried while the PBD's host does not
 * know the PBD yet: its replica of the pool database follows the master's
 * commits by a watch, a few milliseconds behind.
 */
const UNSEEN_RETRY_MS = 10_000;

/**
 * Create `host`'s PBDs of every shared SR that has none for it, with the
 * device_config of the SR's existing PBDs (inside the caller's
 * transaction). A shared SR without any PBD has no device_config to copy
 * and gets none. Returns the PBDs made.
 */
export function addSharedSrPbds(db: XapiDb, host: string): string[] {
  const made: string[] = [];
  for (const [sr, row] of db.all('SR')) {
    if (!row.shared) continue;
    const pbds = row.PBDs.flatMap((p) => db.find('PBD', p) ?? []);
    const first = pbds[0];
    if (!first) continue;
    for (const p of planPbds(
      { shared: true, deviceConfig: first.device_config },
      { hosts: [host], existing: pbds.map((p) => p.host) },
    )) {
      made.push(
        db.create(
          'PBD',
          serverFields('PBD', {
            host: p.host,
            SR: sr,
            device_config: p.device_config,
            currently_attached: false,
            other_config: {},
          }),
        ),
      );
    }
  }
  return made;
}

const unseen = (e: unknown, pbd: string): boolean =>
  e instanceof ApiError && e.code === 'HANDLE_INVALID' && e.params.includes(pbd);

/** PBD.plug on the PBD's host, retried while that host's replica has not seen the PBD yet. */
async function plugThere(services: Services, host: string, pbd: string): Promise<void> {
  const deadline = Date.now() + UNSEEN_RETRY_MS;
  for (;;) {
    try {
      await forwardToHost(services, host, 'PBD.plug', [pbd]);
      return;
    } catch (e) {
      if (!unseen(e, pbd) || Date.now() > deadline) throw e;
      await sleep(100);
    }
  }
}

/**
 * After SR.create of a shared SR on this host: plug every other host's PBD
 * there. Failures are logged and leave that PBD unplugged.
 */
export async function plugOtherHosts(
  services: Services,
  sr: string,
  log: (line: string) => void = (l) => void process.stderr.write(`${l}\n`),
): Promise<void> {
  const { db } = services;
  const others = db
    .get('SR', sr)
    .PBDs.map((pbd) => ({ pbd, host: db.get('PBD', pbd).host }))
    .filter((p) => p.host !== services.host && db.has('host', p.host));
  if (others.length === 0) return;
  // The PBDs must be in the pool database before their hosts look for them.
  await db.flush();
  await Promise.all(
    others.map(async ({ pbd, host }) => {
      try {
        await plugThere(services, host, pbd);
      } catch (e) {
        const uuid = db.find('host', host)?.uuid ?? host;
        log(`xapi: SR.create: could not plug PBD ${pbd} on host ${uuid}: ${String(e)}`);
      }
    }),
  );
}

/**
 * This host's PBDs of shared SRs that are not plugged: plug them (a host
 * that has joined, or restarts in the pool). Failures are logged and leave
 * the PBD unplugged.
 */
export async function plugOwnSharedPbds(services: Services, log: (line: string) => void): Promise<void> {
  const { db, storage } = services;
  for (const [pbd, row] of [...db.all('PBD')]) {
    if (row.host !== services.host || row.currently_attached) continue;
    if (!db.find('SR', row.SR)?.shared) continue;
    try {
      await storage.plug(pbd);
    } catch (e) {
      log(`xapi: could not plug PBD ${pbd} of shared SR ${db.get('SR', row.SR).uuid}: ${String(e)}`);
    }
  }
}
