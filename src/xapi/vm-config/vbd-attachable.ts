// VBD.assert_attachable (pure): why a VBD could not be attached if its VM
// were running, in xapi's order — an operation in progress on the VBD or its
// disk, an unmanaged disk, a disk another running VM writes to, or a
// read-only disk asked for read-write.
import type { ApiError } from '../../datamodel/api-error.js';
import { apiError } from '../../datamodel/api-error.js';
import type { VBDRecord, VDIRecord } from '../../generated/api-types.js';

/** Another VBD of the same disk, with the power state of its VM. */
export interface Sibling {
  readonly vbd: VBDRecord;
  readonly vmSuspended: boolean;
}

export function attachError(
  ref: string,
  vbd: VBDRecord,
  vdiRef: string,
  vdi: VDIRecord | undefined,
  siblings: readonly Sibling[],
): ApiError | undefined {
  const busy = Object.entries(vbd.current_operations).find(([, op]) => op !== 'attach');
  if (busy) {
    return apiError('OTHER_OPERATION_IN_PROGRESS', {
      class: 'VBD',
      object: ref,
      operation_type: busy[1],
      operation_ref: busy[0],
    });
  }
  if (vbd.empty || vdi === undefined) return undefined;
  if (!vdi.managed) return apiError('VDI_NOT_MANAGED', { vdi: ref });
  const vdiBusy = Object.entries(vdi.current_operations).find(([, op]) => op !== 'copy' && op !== 'mirror');
  if (vdiBusy) {
    return apiError('OTHER_OPERATION_IN_PROGRESS', {
      class: 'VDI',
      object: vdiRef,
      operation_type: vdiBusy[1],
      operation_ref: vdiBusy[0],
    });
  }
  if (vbd.currently_attached) return undefined;
  // Suspended VMs' disks are offline; only VBDs in use count.
  const inUse = siblings
    .filter((s) => !s.vmSuspended)
    .map((s) => s.vbd)
    .filter((s) => s.currently_attached || Object.keys(s.current_operations).length > 0);
  const needWrite = vbd.mode === 'RW';
  const someoneWrites = inUse.some((s) => s.mode === 'RW');
  if (!vdi.sharable && (someoneWrites || (needWrite && inUse.length > 0)))
    return apiError('VDI_IN_USE', { vdi: vdiRef, operation: 'attach' });
  if (needWrite && vdi.read_only) return apiError('VDI_READONLY', { vdi: vdiRef });
  return undefined;
}
