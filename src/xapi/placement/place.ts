// The placement calls the XenAPI makes (VM.start, start_on, resume,
// resume_on, assert_can_boot_here, get_possible_hosts): the pool snapshot
// read from the database, the pure decision, its error thrown.
import { ApiError, apiError } from '../../datamodel/api-error.js';
import type { XapiDb } from '../store.js';
import { checkBootHere } from './boot-check.js';
import { chooseHost, possibleHosts } from './choose.js';
import { readPoolSnapshot } from './snapshot.js';

const NULL_REF = 'OpaqueRef:NULL';

/** VM.assert_can_boot_here. */
export function assertCanBootHere(db: XapiDb, vm: string, host: string): void {
  db.get('VM', vm);
  db.get('host', host);
  const err = checkBootHere(readPoolSnapshot(db), vm, host);
  if (err) throw err;
}

/** VM.get_possible_hosts. */
export function possibleHostsOf(db: XapiDb, vm: string): string[] {
  db.get('VM', vm);
  return possibleHosts(readPoolSnapshot(db), vm);
}

/**
 * The host a start or resume runs on, or why none. `host` given (start_on,
 * resume_on): a start onto a host being evacuated is refused first
 * (HOST_EVACUATE_IN_PROGRESS, as xapi's start_on; a resume_on is refused by
 * the host's operation table instead), then the boot checks, memory
 * included. Not given: the host the planner chooses (NO_HOSTS_AVAILABLE, or
 * HOST_NOT_ENOUGH_FREE_MEMORY where the VM fits nowhere for memory alone).
 */
export function placeVm(db: XapiDb, vm: string, host: string | undefined, op: 'start' | 'resume'): string {
  const snap = readPoolSnapshot(db);
  if (host === undefined) {
    const chosen = chooseHost(snap, vm);
    if (chosen instanceof ApiError) throw chosen;
    return chosen;
  }
  const row = db.get('host', host);
  if (op === 'start' && Object.values(row.current_operations).includes('evacuate'))
    throw apiError('HOST_EVACUATE_IN_PROGRESS', { host });
  const err = checkBootHere(snap, vm, host);
  if (err) throw err;
  return host;
}

/**
 * Hold the VM's memory on `host` while it starts or resumes there (xapi's
 * scheduled_to_be_resident_on): concurrent placements charge it to the host
 * until xenopsd reports the VM resident, which clears the field.
 */
export async function withReservation<T>(
  db: XapiDb,
  vm: string,
  host: string,
  fn: () => Promise<T>,
): Promise<T> {
  db.update('VM', vm, { scheduled_to_be_resident_on: host });
  try {
    return await fn();
  } finally {
    if (db.has('VM', vm) && db.get('VM', vm).scheduled_to_be_resident_on === host)
      db.update('VM', vm, { scheduled_to_be_resident_on: NULL_REF });
  }
}
