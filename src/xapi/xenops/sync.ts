// xenopsd owns the runtime state of VMs; this copies what it reports into the
// XenAPI objects (power state, domid, residence, metrics, consoles, guest
// metrics, device attachment), so the DB tells the truth without polling.
import { NULL_REF } from '../../datamodel/build.js';
import type { XapiDb } from '../store.js';
import type { DomainType, VMRecord } from '../../generated/api-types.js';
import type { VbdState, VifState, VmState } from '../../idl/xenops-types.js';
import { diskDevice } from './config.js';
import { refreshAllowed } from '../lifecycle/operations.js';
import { serverFields } from '../records.js';
import { formatDateTime, now } from '../time.js';
import { raiseGuestAlert } from '../alerts/guest-alerts.js';

export interface SyncContext {
  readonly db: XapiDb;
  readonly host: string;
  /** Base URL of this host's XenAPI, for console locations. */
  readonly consoleBase: string;
}

const DOMAIN_TYPES: Readonly<Record<string, DomainType>> = {
  Domain_HVM: 'hvm',
  Domain_PV: 'pv',
  Domain_PVinPVH: 'pv_in_pvh',
  Domain_PVH: 'pvh',
  Domain_undefined: 'unspecified',
};

function ensureMetrics(db: XapiDb, vm: string, row: VMRecord): string {
  const m = row.metrics;
  if (db.has('VM_metrics', m)) return m;
  const ref = db.create('VM_metrics', serverFields('VM_metrics', { other_config: {} }));
  db.update('VM', vm, { metrics: ref });
  return ref;
}

/** VM_guest_metrics.networks from the guest agent's keys (`vif/0/ipv4/0` → `0/ipv4/0`, `0/ip`). */
export function guestNetworks(agent: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(agent)) {
    const m = /^(?:attr\/)?vif\/(\d+)\/(ipv[46])\/(\d+)$/.exec(k);
    if (!m) continue;
    out[`${m[1]}/${m[2]}/${m[3]}`] = v;
    if (m[2] === 'ipv4' && m[3] === '0') out[`${m[1]}/ip`] = v;
  }
  return out;
}

function syncConsoles(ctx: SyncContext, vm: string, state: VmState | undefined): void {
  const { db } = ctx;
  const existing = db.get('VM', vm).consoles;
  const wanted = state && state.power_state !== 'Halted' ? state.consoles : [];
  const byProtocol = new Map(existing.map((c) => [db.get('console', c).protocol, c]));
  for (const c of wanted) {
    // Where the console is served stays xenopsd's to say (the /console
    // handler asks it): other_config is the clients' to write.
    const protocol = c.protocol === 'Rfb' ? 'rfb' : 'vt100';
    const ref = byProtocol.get(protocol);
    if (ref) {
      byProtocol.delete(protocol);
    } else {
      const made = db.create('console', serverFields('console', { protocol, VM: vm, other_config: {} }));
      db.update('console', made, { location: `${ctx.consoleBase}/console?ref=${made}` });
    }
  }
  for (const stale of byProtocol.values()) db.destroy('console', stale);
}

function syncGuestMetrics(db: XapiDb, vm: string, row: VMRecord, state: VmState): void {
  const networks = guestNetworks(state.guest_agent);
  let gm = row.guest_metrics;
  const exists = db.has('VM_guest_metrics', gm);
  // Made when the guest first reports something; kept up to date after (addresses lost too).
  if (!exists && Object.keys(networks).length === 0 && !state.pv_drivers_detected) return;
  if (!exists) {
    gm = db.create('VM_guest_metrics', serverFields('VM_guest_metrics', { other_config: {} }));
    db.update('VM', vm, { guest_metrics: gm });
  }
  db.update('VM_guest_metrics', gm, {
    networks,
    live: true,
    PV_drivers_detected: state.pv_drivers_detected,
    last_updated: now(),
  });
}

/**
 * Apply xenopsd's view of a VM (`undefined`: xenopsd does not know it, so it
 * is not running). A VM xenopsd reports halted stays Suspended if the DB says
 * so: its image is on disk, which only xapi knows.
 */
export function applyVmState(ctx: SyncContext, vm: string, state: VmState | undefined): void {
  const { db } = ctx;
  if (!db.has('VM', vm)) return;
  db.transaction(() => {
    const row = db.get('VM', vm);
    const was = row.power_state;
    let power = state?.power_state ?? 'Halted';
    if (power === 'Halted' && was === 'Suspended') power = 'Suspended';
    const live = power === 'Running' || power === 'Paused';
    db.update('VM', vm, {
      power_state: power,
      domid: live ? (state?.domids[0] ?? -1) : -1,
      resident_on: live ? ctx.host : NULL_REF,
      scheduled_to_be_resident_on: NULL_REF,
      ...(live ? {} : { requires_reboot: false }),
    });
    const metrics = ensureMetrics(db, vm, row);
    if (state && live) {
      db.update('VM_metrics', metrics, {
        memory_actual: state.memory_actual,
        VCPUs_number: state.vcpu_target,
        start_time: formatDateTime(new Date(state.last_start_time * 1000)),
        state: [power.toLowerCase()],
        hvm: state.hvm,
        nomigrate: state.nomigrate,
        nested_virt: state.nested_virt,
        current_domain_type: DOMAIN_TYPES[state.domain_type] ?? 'unspecified',
        last_updated: now(),
      });
      syncGuestMetrics(db, vm, db.get('VM', vm), state);
    } else {
      db.update('VM_metrics', metrics, { state: [], memory_actual: 0, VCPUs_number: 0, last_updated: now() });
      for (const d of row.VBDs) if (db.has('VBD', d)) db.update('VBD', d, { currently_attached: false });
      for (const d of row.VIFs) if (db.has('VIF', d)) db.update('VIF', d, { currently_attached: false });
    }
    syncConsoles(ctx, vm, state);
    refreshAllowed(db, 'VM', vm);
    raiseGuestAlert(db, vm, state);
  });
}

export function applyVbdState(db: XapiDb, vbd: string, state: VbdState | undefined): void {
  if (!db.has('VBD', vbd)) return;
  const n = state?.device_number?.[1];
  db.update('VBD', vbd, {
    currently_attached: state?.plugged === true,
    ...(n !== undefined ? { device: diskDevice(n) } : {}),
  });
  refreshAllowed(db, 'VBD', vbd);
}

export function applyVifState(db: XapiDb, vif: string, state: VifState | undefined): void {
  if (!db.has('VIF', vif)) return;
  db.update('VIF', vif, { currently_attached: state?.plugged === true });
  refreshAllowed(db, 'VIF', vif);
}

/**
 * host.capabilities from xenopsd's HOST.stat, as xapi does at start: the hypervisor's
 * capability words (the QEMU backend adds `uefi` when OVMF is installed).
 */
export function applyHostCapabilities(db: XapiDb, host: string, capabilities: string): void {
  if (!db.has('host', host)) return;
  const words = capabilities.split(/\s+/).filter((w) => w !== '');
  const had = db.get('host', host).capabilities;
  if (words.length === 0 || words.join(' ') === had.join(' ')) return;
  db.update('host', host, { capabilities: words });
}
