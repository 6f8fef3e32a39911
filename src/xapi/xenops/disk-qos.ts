// A VBD's qos_algorithm_type and qos_algorithm_params as xenops' disk QoS,
// checked (xapi only warns about what it cannot use; here a value that would
// have no effect is refused when it is set):
//  - "ionice", xapi's own: sched = rt|real-time|best-effort|idle (default
//    best-effort), class = highest|high|normal|low|lowest or 0..7 (default normal);
//  - "throttle": I/O limits, bps/bps_rd/bps_wr (bytes/s), iops/iops_rd/iops_wr
//    (operations/s), non-negative integers, a total excluding its read/write pair;
//  - "": none (parameters are then kept but mean nothing until a type is set).
import { apiError } from '../../datamodel/api-error.js';
import type { Qos } from '../../idl/xenops-types.js';

export const DISK_QOS_ALGORITHMS = ['ionice', 'throttle'] as const;

const CLASSES = { highest: 'Highest', high: 'High', normal: 'Normal', low: 'Low', lowest: 'Lowest' } as const;
const THROTTLE_KEYS = ['bps', 'bps_rd', 'bps_wr', 'iops', 'iops_rd', 'iops_wr'] as const;

const invalid = (key: string, value: string) =>
  apiError('INVALID_VALUE', { field: `qos_algorithm_params:${key}`, value });

function unknownKeys(params: Readonly<Record<string, string>>, known: readonly string[]): void {
  for (const [k, v] of Object.entries(params)) if (!known.includes(k)) throw invalid(k, v);
}

type IoniceClass = 'Highest' | 'High' | 'Normal' | 'Low' | 'Lowest' | readonly ['Other', number];

function ioniceClass(v: string | undefined): IoniceClass {
  if (v === undefined) return 'Normal';
  const named = (CLASSES as Record<string, IoniceClass>)[v];
  if (named) return named;
  if (/^[0-7]$/.test(v)) return ['Other', Number(v)];
  throw invalid('class', v);
}

/** The xenops QoS of a VBD's algorithm and parameters; INVALID_VALUE / VALUE_NOT_SUPPORTED otherwise. */
export function diskQosOf(type: string, params: Readonly<Record<string, string>>): Qos | undefined {
  if (type === '') return undefined;
  if (type === 'ionice') {
    unknownKeys(params, ['sched', 'class']);
    const sched = params['sched'] ?? 'best-effort';
    if (sched === 'idle') {
      if (params['class'] !== undefined) throw invalid('class', params['class']);
      return ['Ionice', 'Idle'] as Qos;
    }
    const cls = ioniceClass(params['class']);
    if (sched === 'rt' || sched === 'real-time') return ['Ionice', ['RealTime', cls]] as Qos;
    if (sched === 'best-effort') return ['Ionice', ['BestEffort', cls]] as Qos;
    throw invalid('sched', sched);
  }
  if (type === 'throttle') {
    unknownKeys(params, THROTTLE_KEYS);
    const limits: Record<string, number> = {};
    for (const k of THROTTLE_KEYS) {
      const v = params[k];
      if (v === undefined) continue;
      if (!/^\d{1,15}$/.test(v)) throw invalid(k, v);
      limits[k] = Number(v);
    }
    for (const total of ['bps', 'iops'] as const)
      if (limits[total] && (limits[`${total}_rd`] || limits[`${total}_wr`]))
        throw invalid(total, params[total] ?? '');
    return ['Throttle', limits] as Qos;
  }
  throw apiError('VALUE_NOT_SUPPORTED', {
    field: 'qos_algorithm_type',
    value: type,
    reason: `the disk QoS algorithms are ${DISK_QOS_ALGORITHMS.join(', ')} (or "" for none)`,
  });
}
