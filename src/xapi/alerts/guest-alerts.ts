// The alerts of what a guest does by itself — crash, reboot, power off — read
// from xenopsd's reports of the VM (its last guest event). The event's time
// identifies it, so a report read again (every report of the VM, and the full
// resynchronisation after a restart) raises nothing new.
import type { AlertName } from '../../datamodel/alerts.js';
import type { GuestEvent, VmState } from '../../idl/xenops-types.js';
import type { XapiDb } from '../store.js';
import { formatDateTime } from '../time.js';
import { raiseAlertOnce, vmPhrase } from './raise.js';

const alertOf: Readonly<Record<GuestEvent['reason'], readonly [AlertName, string]>> = {
  crash: ['VM_CRASHED', 'crashed'],
  reboot: ['VM_REBOOTED', 'rebooted from inside the guest'],
  softreset: ['VM_REBOOTED', 'soft-reset from inside the guest'],
  poweroff: ['VM_SHUTDOWN', 'shutdown from inside the guest'],
  suspend: ['VM_SHUTDOWN', 'shutdown: the guest asked to be suspended'],
};

/** Per database, the time of the last guest event of each VM uuid already looked at. */
const seen = new WeakMap<XapiDb, Map<string, number>>();

export function raiseGuestAlert(db: XapiDb, vm: string, state: VmState | undefined): void {
  const e = state?.last_guest_event;
  if (!e || !db.has('VM', vm)) return;
  const uuid = db.get('VM', vm).uuid;
  const mine = seen.get(db) ?? new Map<string, number>();
  seen.set(db, mine);
  if (mine.get(uuid) === e.time) return;
  mine.set(uuid, e.time);
  const [name, what] = alertOf[e.reason];
  raiseAlertOnce(db, {
    name,
    cls: 'VM',
    objUuid: uuid,
    body: `${vmPhrase(db, vm)} ${what}`,
    timestamp: formatDateTime(new Date(e.time * 1000)),
  });
}
