// Live disk snapshots in a running QEMU. The storage has renamed the disk's
// open image to become a frozen base and put a qcow2 overlay backed by it at
// the disk's path; QEMU keeps reading and writing the renamed file through
// its descriptor until the overlay is inserted above it: `blockdev-add` of
// the overlay (with `backing: null`, QEMU links it itself) and
// `blockdev-snapshot` onto the top of the disk's format chain, which sits
// under the throttle node the device is attached to. Checked against QEMU 7.2.
//
// Two facts of 7.2 shape the commands. blockdev-snapshot reopens the old top
// read-only, and file-posix reopens a read-write file read-only by opening
// its *file name* again — which after the rename is the new overlay. So the
// overlay's file node states read-only=false and auto-read-only=false
// explicitly: explicit options are kept on reopen, the descriptor stays.
// And blockdev-del works top-down only: hot-unplug deletes the overlays
// (`snap-<vbd>-<n>`, found by name, so nothing needs remembering) between
// the throttle node and the original format node.
import { apiError } from '../../../datamodel/api-error.js';
import type { TaskHandle } from '../api.js';
import type { Disk, Vbd, Vm } from '../../types.js';
import type { QemuContext } from './backend-context.js';
import type { QmpCall, Unplug } from './hotplug.js';
import { diskNames } from './names.js';
import type { QmpClient } from './qmp.js';
import { diskFile } from './vm-config.js';

const call = (execute: string, args: Record<string, unknown> = {}): QmpCall => ({ execute, arguments: args });

export function overlayNode(vbd: string, n: number): string {
  return `snap-${vbd}-${n}`;
}

/** The overlay nodes of a disk among QEMU's named nodes, bottom first. */
export function overlaysOf(nodeNames: readonly string[], vbd: string): string[] {
  const prefix = `snap-${vbd}-`;
  return nodeNames
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
}

/** The commands that put the image at `path` above the disk's current top. */
export function snapshotCalls(vbd: string, overlays: readonly string[], path: string): QmpCall[] {
  const top = overlays.at(-1) ?? diskNames(vbd).format;
  const last = overlays.at(-1);
  const n = last === undefined ? 1 : Number(last.slice(`snap-${vbd}-`.length)) + 1;
  const node = overlayNode(vbd, n);
  return [
    call('blockdev-add', {
      driver: 'qcow2',
      'node-name': node,
      'read-only': false,
      file: { driver: 'file', filename: path, 'read-only': false, 'auto-read-only': false, discard: 'unmap' },
      backing: null,
    }),
    call('blockdev-snapshot', { node: top, overlay: node }),
  ];
}

/** A disk's unplug with its overlays deleted top-down after the throttle node, before the original nodes. */
export function withOverlays(u: Unplug, overlays: readonly string[]): Unplug {
  const [first, ...rest] = u.cleanup;
  if (first === undefined || overlays.length === 0) return u;
  const dels = [...overlays].reverse().map((node) => call('blockdev-del', { 'node-name': node }));
  return { ...u, cleanup: [first, ...dels, ...rest] };
}

async function namedNodes(qmp: QmpClient): Promise<string[]> {
  const nodes = await qmp.execute<{ 'node-name'?: string }[]>('query-named-block-nodes', { flat: true });
  return nodes.flatMap((n) => (n['node-name'] ? [n['node-name']] : []));
}

/** `diskUnplug` of a disk that may have been live-snapshotted. */
export async function unplugWithOverlays(qmp: QmpClient, vbd: string, u: Unplug): Promise<Unplug> {
  return withOverlays(u, overlaysOf(await namedNodes(qmp), vbd));
}

const qemuFailure = (vm: string, e: unknown) =>
  apiError('INTERNAL_ERROR', { message: `QEMU of VM ${vm}: ${e instanceof Error ? e.message : String(e)}` });

/** VbdBackend.snapshot for QEMU. */
export async function snapshotVbd(
  c: QemuContext,
  task: TaskHandle,
  vm: Vm,
  v: Vbd,
  overlay: Disk,
  format: string,
): Promise<void> {
  const name = v.id[1];
  const d = c.live(vm);
  const p = d.vbds[name];
  if (!p) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VBD', id: name });
  if (p.cdrom || p.attached === undefined)
    throw apiError('INVALID_VALUE', { field: 'VBD', value: `${name} is not a disk with an image` });
  if (format !== 'qcow2') throw apiError('INVALID_VALUE', { field: 'format', value: format });
  const path = diskFile(c.vdiDir(), overlay);
  const qmp = c.qmpOf(vm);
  task.cancelPoint();
  if (qmp && p.inQemu) {
    let calls: QmpCall[];
    try {
      calls = snapshotCalls(name, overlaysOf(await namedNodes(qmp), name), path);
    } catch (e) {
      throw qemuFailure(vm.id, e);
    }
    const [add, snap] = calls as [QmpCall, QmpCall];
    try {
      await qmp.execute(add.execute, add.arguments as Record<string, unknown>);
    } catch (e) {
      throw qemuFailure(vm.id, e);
    }
    try {
      await qmp.execute(snap.execute, snap.arguments as Record<string, unknown>);
    } catch (e) {
      // The device still runs on its old image: drop the unused overlay node.
      await qmp.execute('blockdev-del', { 'node-name': add.arguments['node-name'] }).catch(() => undefined);
      throw qemuFailure(vm.id, e);
    }
  }
  // A restore restarts QEMU from the recorded config: it must open the overlay now.
  p.backend = overlay;
  p.attached = path;
  p.format = format;
  if (d.config)
    d.config = {
      ...d.config,
      disks: d.config.disks.map((x) => (x.id === name ? { ...x, path, format: 'qcow2' as const } : x)),
    };
  c.put(d);
}
