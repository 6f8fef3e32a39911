// The host's data sources built from one sample: descriptors (stable while
// the set of CPUs, interfaces and disks is) and values in the same order.
import type { DsDescriptor } from '../rrd/types.js';
import type { HostSample } from './host-parse.js';

function ds(
  name: string,
  type: DsDescriptor['type'],
  units: string,
  description: string,
  extra: Partial<DsDescriptor> = {},
): DsDescriptor {
  return {
    name,
    description,
    units,
    type,
    min: 0,
    max: Infinity,
    default: true,
    transform: 'identity',
    ...extra,
  };
}

const CPU = { max: 1, transform: 'inverse' } as const;
const COUNTER = { wrapBits: 64 } as const;

/** Descriptors for a sample's shape. */
export function hostDescriptors(s: HostSample): DsDescriptor[] {
  const out: DsDescriptor[] = [];
  for (const c of s.cpuIdle)
    out.push(ds(`cpu${c.cpu}`, 'derive', '(fraction)', `Physical cpu usage for cpu ${c.cpu}`, CPU));
  out.push(ds('cpu_avg', 'derive', '(fraction)', 'Average physical cpu usage', CPU));
  out.push(ds('loadavg', 'gauge', '', 'Domain0 loadavg'));
  out.push(ds('memory_total_kib', 'gauge', 'KiB', 'Total amount of memory in use'));
  out.push(ds('memory_free_kib', 'gauge', 'KiB', 'Total amount of free memory'));
  for (const n of s.nics) {
    out.push(
      ds(
        `pif_${n.name}_rx`,
        'derive',
        'B/s',
        `Bytes per second received on physical interface ${n.name}`,
        COUNTER,
      ),
    );
    out.push(
      ds(
        `pif_${n.name}_tx`,
        'derive',
        'B/s',
        `Bytes per second sent on physical interface ${n.name}`,
        COUNTER,
      ),
    );
    out.push(
      ds(`pif_${n.name}_rx_errors`, 'derive', 'err/s', `Receive errors per second on ${n.name}`, {
        ...COUNTER,
        default: false,
      }),
    );
    out.push(
      ds(`pif_${n.name}_tx_errors`, 'derive', 'err/s', `Transmit errors per second on ${n.name}`, {
        ...COUNTER,
        default: false,
      }),
    );
  }
  out.push(
    ds('pif_aggr_rx', 'derive', 'B/s', 'Bytes per second received on all physical interfaces', COUNTER),
  );
  out.push(ds('pif_aggr_tx', 'derive', 'B/s', 'Bytes per second sent on all physical interfaces', COUNTER));
  for (const d of s.disks) {
    out.push(
      ds(`disk_${d.name}_read`, 'derive', 'B/s', `Bytes per second read from disk ${d.name}`, COUNTER),
    );
    out.push(
      ds(`disk_${d.name}_write`, 'derive', 'B/s', `Bytes per second written to disk ${d.name}`, COUNTER),
    );
    out.push(
      ds(
        `disk_${d.name}_iops_read`,
        'derive',
        'requests/s',
        `Read requests per second on ${d.name}`,
        COUNTER,
      ),
    );
    out.push(
      ds(
        `disk_${d.name}_iops_write`,
        'derive',
        'requests/s',
        `Write requests per second on ${d.name}`,
        COUNTER,
      ),
    );
  }
  return out;
}

/** A key that changes exactly when hostDescriptors would. */
export function hostShapeKey(s: HostSample): string {
  return [
    s.cpuIdle.map((c) => c.cpu).join(','),
    s.nics.map((n) => n.name).join(','),
    s.disks.map((d) => d.name).join(','),
  ].join('|');
}

/** Values in hostDescriptors order, written into `out` (sized by the caller). */
export function hostValues(s: HostSample, out: Float64Array): void {
  let k = 0;
  let idle = 0;
  for (const c of s.cpuIdle) {
    out[k++] = c.idleS;
    idle += c.idleS;
  }
  out[k++] = s.cpuIdle.length > 0 ? idle / s.cpuIdle.length : NaN;
  out[k++] = s.loadavg;
  out[k++] = s.memTotalKib;
  out[k++] = s.memFreeKib;
  let rx = 0;
  let tx = 0;
  for (const n of s.nics) {
    out[k++] = n.rxBytes;
    out[k++] = n.txBytes;
    out[k++] = n.rxErrors;
    out[k++] = n.txErrors;
    rx += n.rxBytes;
    tx += n.txBytes;
  }
  out[k++] = rx;
  out[k++] = tx;
  for (const d of s.disks) {
    out[k++] = d.readBytes;
    out[k++] = d.writeBytes;
    out[k++] = d.reads;
    out[k++] = d.writes;
  }
}
