// Datapaths (daemons.md §5): every user of a volume (a VM's disk, a copy)
// holds a datapath id whose state is attached or activated, read-only or
// read-write. The volume's superstate is the maximum over its datapaths: any
// activated ⇒ activated, any read-write ⇒ read-write. A volume attached
// read-only cannot be upgraded to read-write by a second user (the real
// datapath would have been set up read-only), so read-write users come first.
import { apiError } from '../datamodel/api-error.js';
import type { DpState } from './types.js';

export type Dps = Readonly<Record<string, DpState>>;

export type Superstate =
  { readonly kind: 'detached' } | { readonly kind: 'attached' | 'activated'; readonly readWrite: boolean };

export function superstate(dps: Dps): Superstate {
  const states = Object.values(dps);
  if (states.length === 0) return { kind: 'detached' };
  return {
    kind: states.some((s) => s.kind === 'activated') ? 'activated' : 'attached',
    readWrite: states.some((s) => s.readWrite),
  };
}

/** The table after `dp` attaches; the same table when it already is attached that way. */
export function attachDp(vdi: string, dps: Dps, dp: string, readWrite: boolean): Dps {
  const current = dps[dp];
  if (current) {
    if (current.readWrite === readWrite) return dps;
    throw apiError('VDI_IN_USE', { vdi, operation: readWrite ? 'attach_rw' : 'attach_ro' });
  }
  const sup = superstate(dps);
  if (readWrite && sup.kind !== 'detached' && !sup.readWrite) {
    throw apiError('VDI_IN_USE', { vdi, operation: 'attach_rw' });
  }
  return { ...dps, [dp]: { kind: 'attached', readWrite } };
}

export function activateDp(vdi: string, dps: Dps, dp: string): Dps {
  const current = dps[dp];
  if (!current) {
    throw apiError('OPERATION_NOT_ALLOWED', {
      reason: `datapath ${dp} of VDI ${vdi} must be attached before it is activated`,
    });
  }
  if (current.kind === 'activated') return dps;
  return { ...dps, [dp]: { kind: 'activated', readWrite: current.readWrite } };
}

/** Deactivating a datapath that is not active is a no-op, as in SMAPIv2. */
export function deactivateDp(dps: Dps, dp: string): Dps {
  const current = dps[dp];
  if (!current || current.kind === 'attached') return dps;
  return { ...dps, [dp]: { kind: 'attached', readWrite: current.readWrite } };
}

/** Detaching deactivates first; detaching an unknown datapath is a no-op. */
export function detachDp(dps: Dps, dp: string): Dps {
  if (!dps[dp]) return dps;
  const out: Record<string, DpState> = { ...dps };
  delete out[dp];
  return out;
}
