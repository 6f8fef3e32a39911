// Growing a plugged disk of a running QEMU (VBD.resize): `block_resize` of the
// node the device is attached to (the throttle node `drive-<id>`), which
// passes the truncate down its chain (to the last live-snapshot overlay, or
// the format node) and tells the device: the guest's virtio-blk disk reports
// the new capacity. Resizing a node below it would grow the image while the
// device kept the old size (checked against QEMU 7.2). QEMU grows the image
// itself: the storage cannot, QEMU holds it locked.
import { apiError } from '../../../datamodel/api-error.js';
import type { Vbd, Vm } from '../../types.js';
import type { QemuContext } from './backend-context.js';
import type { QmpCall } from './hotplug.js';
import { diskNames } from './names.js';

/** The command that grows disk `vbd` to `size` bytes (pure). */
export function resizeCall(vbd: string, size: number): QmpCall {
  return { execute: 'block_resize', arguments: { 'node-name': diskNames(vbd).node, size } };
}

export async function resizeVbd(c: QemuContext, vm: Vm, v: Vbd, size: number): Promise<void> {
  const name = v.id[1];
  const p = c.live(vm).vbds[name];
  if (!p) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VBD', id: name });
  if (p.cdrom || p.attached === undefined)
    throw apiError('INVALID_VALUE', { field: 'VBD', value: `${name} is not a disk with an image` });
  const qmp = c.qmpOf(vm);
  if (!qmp || !p.inQemu)
    throw apiError('XENOPS_NOT_SUPPORTED', {
      backend: 'qemu',
      operation: 'VBD.resize of a disk QEMU has not opened',
    });
  const cmd = resizeCall(name, size);
  try {
    await qmp.execute(cmd.execute, cmd.arguments as Record<string, unknown>);
  } catch (e) {
    throw apiError('INTERNAL_ERROR', {
      message: `QEMU of VM ${vm.id}: block_resize: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
}
