// Disk QoS under QEMU, decided purely: xenops' Throttle QoS becomes the limits of
// the disk's throttle group (on the command line, at hotplug, and changed live with
// qom-set: hotplug.ts's diskSetQos); ionice is refused, since QEMU has no per-disk I/O priority (Xen gives
// each disk its own backend process to ionice; here every disk of a VM shares
// QEMU's threads, so the priority could not be that disk's alone).
import { apiError } from '../../../datamodel/api-error.js';
import type { Qos } from '../../types.js';
import type { DiskConfig, IoLimits } from './config.js';
import type { VbdRecord } from './domains.js';

/** The throttle limits of a disk's QoS (undefined: none); VALUE_NOT_SUPPORTED for ionice. */
export function ioLimitsOf(qos: Qos | undefined): IoLimits | undefined {
  if (qos === undefined) return undefined;
  if (qos[0] === 'Ionice')
    throw apiError('VALUE_NOT_SUPPORTED', {
      field: 'VBD.qos_algorithm_type',
      value: 'ionice',
      reason:
        'QEMU has no per-disk I/O priority (all disks of a VM share its I/O threads); use qos_algorithm_type "throttle"',
    });
  const l = qos[1];
  const out: Record<string, number> = {};
  const set = (k: keyof IoLimits, v: number | undefined) => {
    if (v !== undefined && v > 0) out[k] = v;
  };
  set('bpsTotal', l.bps);
  set('bpsRead', l.bps_rd);
  set('bpsWrite', l.bps_wr);
  set('iopsTotal', l.iops);
  set('iopsRead', l.iops_rd);
  set('iopsWrite', l.iops_wr);
  return out;
}

/** A saved command line's disks with the QoS their VBDs have now (it may have changed live since). */
export function withRecordedQos(
  disks: readonly DiskConfig[],
  vbds: Readonly<Record<string, Pick<VbdRecord, 'qos'>>>,
): DiskConfig[] {
  return disks.map((k) => {
    if (k.kind !== 'disk') return k;
    const { qos: _saved, ...rest } = k;
    const limits = ioLimitsOf(vbds[k.id]?.qos);
    return limits ? { ...rest, qos: limits } : rest;
  });
}
