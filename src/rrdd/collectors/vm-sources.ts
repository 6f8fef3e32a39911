// VM data sources from a VM manager's statistics (xenopsd's HOST.vm_stats),
// whatever the backend: per-vCPU CPU, memory, guest-reported free memory,
// per-VBD and per-VIF byte counters. Pure: counters in, one Reading out.
import type { VmStats } from '../../idl/xenops-types.js';
import type { DsDescriptor, Owner, Reading } from '../rrd/types.js';

function d(
  name: string,
  description: string,
  units: string,
  type: DsDescriptor['type'],
  max = Infinity,
): DsDescriptor {
  return {
    name,
    description,
    units,
    type,
    min: 0,
    max,
    default: true,
    transform: 'identity',
    ...(type === 'derive' ? { wrapBits: 64 } : {}),
  };
}

function iops(v: VmStats['vbds'][number]): boolean {
  return v.read_reqs !== undefined && v.write_reqs !== undefined;
}

/** A key that changes whenever the set of data sources does. */
export function vmShapeKey(s: VmStats): string {
  return [
    s.vcpu_time_ns.length,
    s.memory_internal_free > 0 ? 'f' : '',
    s.vbds.map((v) => `${v.name}${iops(v) ? '+' : ''}`).join(','),
    s.vifs.map((v) => v.name).join(','),
  ].join('|');
}

export function vmDescriptors(s: VmStats): DsDescriptor[] {
  const out: DsDescriptor[] = [];
  s.vcpu_time_ns.forEach((_, i) => out.push(d(`cpu${i}`, `CPU${i} usage`, '(fraction)', 'derive', 1)));
  out.push(d('memory', 'Memory currently allocated to VM', 'B', 'gauge'));
  if (s.memory_internal_free > 0) {
    out.push(d('memory_internal_free', 'Memory used as reported by the guest agent', 'KiB', 'gauge'));
  }
  for (const v of s.vbds) {
    out.push(d(`vbd_${v.name}_read`, `Reads from device ${v.name} in B/s`, 'B/s', 'derive'));
    out.push(d(`vbd_${v.name}_write`, `Writes to device ${v.name} in B/s`, 'B/s', 'derive'));
    if (iops(v)) {
      out.push(
        d(`vbd_${v.name}_iops_read`, `Read requests per second on device ${v.name}`, 'requests/s', 'derive'),
      );
      out.push(
        d(
          `vbd_${v.name}_iops_write`,
          `Write requests per second on device ${v.name}`,
          'requests/s',
          'derive',
        ),
      );
    }
  }
  for (const v of s.vifs) {
    out.push(
      d(`vif_${v.name}_rx`, `Bytes per second received on virtual interface ${v.name}`, 'B/s', 'derive'),
    );
    out.push(
      d(`vif_${v.name}_tx`, `Bytes per second transmitted on virtual interface ${v.name}`, 'B/s', 'derive'),
    );
  }
  return out;
}

/** Write the values in descriptor order (the shape must match `vmDescriptors`). */
export function vmValues(s: VmStats, out: Float64Array): void {
  let k = 0;
  for (const ns of s.vcpu_time_ns) out[k++] = ns / 1e9;
  out[k++] = s.memory_actual;
  if (s.memory_internal_free > 0) out[k++] = s.memory_internal_free / 1024;
  for (const v of s.vbds) {
    out[k++] = v.read_bytes;
    out[k++] = v.write_bytes;
    if (iops(v)) {
      out[k++] = v.read_reqs ?? NaN;
      out[k++] = v.write_reqs ?? NaN;
    }
  }
  for (const v of s.vifs) {
    out[k++] = v.rx_bytes;
    out[k++] = v.tx_bytes;
  }
}

interface VmShape {
  key: string;
  domid: number;
  descriptors: DsDescriptor[];
  values: Float64Array;
}

/**
 * Turns each cycle's statistics into readings, reusing each VM's descriptor
 * array while its shape stays the same. A new domid (the VM rebooted or
 * was restarted) marks the counters as restarted from zero.
 */
export class VmReadings {
  private readonly shapes = new Map<string, VmShape>();

  readings(stats: readonly VmStats[]): Reading[] {
    const out: Reading[] = [];
    const seen = new Set<string>();
    for (const s of stats) {
      seen.add(s.vm);
      const key = vmShapeKey(s);
      let sh = this.shapes.get(s.vm);
      let reset = false;
      if (!sh || sh.key !== key) {
        const descriptors = vmDescriptors(s);
        const fresh = { key, domid: s.domid, descriptors, values: new Float64Array(descriptors.length) };
        reset = sh !== undefined && sh.domid !== s.domid;
        sh = fresh;
        this.shapes.set(s.vm, sh);
      } else if (sh.domid !== s.domid) {
        reset = true;
        sh.domid = s.domid;
      }
      vmValues(s, sh.values);
      const owner: Owner = { kind: 'vm', uuid: s.vm };
      out.push({
        owner,
        descriptors: sh.descriptors,
        values: sh.values,
        ...(reset ? { countersReset: true } : {}),
      });
    }
    for (const uuid of this.shapes.keys()) if (!seen.has(uuid)) this.shapes.delete(uuid);
    return out;
  }
}
