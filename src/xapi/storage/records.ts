// How storage facts land in XenAPI records (pure): a volume's fields on its
// VDI, the SR's space figures, and the operations clients may attempt.
import type { Patch } from '../../db/typed.js';
import type { SRRecord, VDIRecord, VdiOperations } from '../../generated/api-types.js';
import type { DpState, SrStat, Volume } from '../../storage/types.js';

/** sm_config keys the storage layer owns: the parent in the chain (the name XO reads) and the format. */
export const SM_PARENT = 'vhd-parent';
export const SM_FORMAT = 'image-format';

const MANAGED_OPS: readonly VdiOperations[] = [
  'clone',
  'copy',
  'destroy',
  'forget',
  'resize',
  'snapshot',
  'update',
];
/** What cannot happen while a datapath holds the disk. */
const BUSY_OPS: ReadonlySet<VdiOperations> = new Set(['destroy', 'forget', 'resize', 'snapshot']);

export function vdiAllowedOperations(
  vol: Pick<Volume, 'hidden'>,
  dps: Readonly<Record<string, DpState>>,
): VdiOperations[] {
  if (vol.hidden) return ['forget'];
  const busy = Object.keys(dps).length > 0;
  return MANAGED_OPS.filter((op) => !busy || !BUSY_OPS.has(op));
}

export function smConfigOf(vol: Volume, current: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...current, [SM_FORMAT]: vol.format };
  if (vol.parent) out[SM_PARENT] = vol.parent;
  else delete out[SM_PARENT];
  return out;
}

/** The storage facts of a VDI record, as the last look at the volume found them. */
export function volumeFields(
  vol: Volume,
  currentSmConfig: Readonly<Record<string, string>>,
  dps: Readonly<Record<string, DpState>>,
): Patch<VDIRecord> {
  return {
    virtual_size: vol.virtualSize,
    physical_utilisation: vol.physicalUtilisation,
    location: vol.location,
    managed: !vol.hidden,
    missing: false,
    sm_config: smConfigOf(vol, currentSmConfig),
    allowed_operations: vdiAllowedOperations(vol, dps),
  };
}

/** Fields of a record made for a volume found on the storage with none. */
export function discoveredFields(sr: string, vol: Volume): Patch<VDIRecord> {
  return {
    uuid: vol.uuid,
    name_label: vol.hidden ? 'base copy' : '',
    name_description: '',
    SR: sr,
    type: 'user',
    sharable: false,
    read_only: vol.hidden,
    other_config: {},
    xenstore_data: {},
    sm_config: {},
    tags: [],
  };
}

/** SR.physical_size / physical_utilisation / virtual_allocation. */
export function srFigures(stat: SrStat, virtualSizes: readonly number[]): Patch<SRRecord> {
  return {
    physical_size: stat.physicalSize,
    physical_utilisation: stat.physicalUtilisation,
    virtual_allocation: virtualSizes.reduce((a, b) => a + b, 0),
  };
}

export const SR_ALLOWED_OPERATIONS = [
  'scan',
  'destroy',
  'forget',
  'plug',
  'unplug',
  'update',
  'vdi_create',
  'vdi_introduce',
  'vdi_destroy',
  'vdi_resize',
  'vdi_clone',
  'vdi_snapshot',
  'pbd_create',
  'pbd_destroy',
] as const;
