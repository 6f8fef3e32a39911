// perfmon's evaluation, pure: each row of an object's RRD samples is
// consolidated into one value per variable (the data sources its regex
// matches); a value on the bad side of the trigger level counts the trigger
// period down by the RRD step, and when it reaches zero an alarm is due —
// unless one was raised less than the auto-inhibit period ago — and the count
// starts again. A good value resets the count.
import type { Consolidation, VariableConfig } from './config.js';

export interface VariableState {
  /** Seconds of bad values still needed before an alarm. */
  readonly countdownS: number;
  /** When the last alarm was raised, seconds since the epoch. */
  readonly lastAlarmS: number;
}

/** A fresh variable: the whole trigger period to go, and free to alarm at once. */
export function initialState(v: VariableConfig, nowS: number): VariableState {
  return { countdownS: v.triggerPeriodS, lastAlarmS: nowS - v.autoInhibitPeriodS };
}

function consolidate(fn: Consolidation, values: readonly number[]): number {
  switch (fn) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'average':
      // perfmon answers 0 for no input
      return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
    case 'max':
      return values.length === 0 ? -Infinity : Math.max(...values);
    case 'get_percent_sr_usage': {
      // [physical_utilisation, size]; anything else is 0, as in perfmon
      const [used, size] = values;
      if (values.length !== 2 || used === undefined || size === undefined || size === 0) return 0;
      return used / size;
    }
  }
}

/** Samples of one object: data source names and rows of values, oldest row first. */
export interface ObjectSamples {
  readonly names: readonly string[];
  readonly rows: readonly (readonly number[])[];
}

export interface Alarm {
  readonly variable: VariableConfig;
  readonly value: number;
}

/** Feed one value to a variable. */
export function step(
  v: VariableConfig,
  s: VariableState,
  value: number,
  nowS: number,
  rrdStepS: number,
): { state: VariableState; alarm: boolean } {
  const bad = v.sense === 'high' ? value > v.triggerLevel : value < v.triggerLevel;
  if (!bad) return { state: { ...s, countdownS: v.triggerPeriodS }, alarm: false };
  const left = s.countdownS - rrdStepS;
  if (left > 0) return { state: { ...s, countdownS: left }, alarm: false };
  const inhibited = nowS - s.lastAlarmS < v.autoInhibitPeriodS;
  return {
    state: { countdownS: v.triggerPeriodS, lastAlarmS: inhibited ? s.lastAlarmS : nowS },
    alarm: !inhibited,
  };
}

/** Run an object's samples through its variables; states of variables not given start fresh. */
export function evaluate(
  variables: readonly VariableConfig[],
  states: ReadonlyMap<string, VariableState>,
  samples: ObjectSamples,
  nowS: number,
  rrdStepS: number,
): { states: Map<string, VariableState>; alarms: Alarm[] } {
  const out = new Map<string, VariableState>();
  const alarms: Alarm[] = [];
  for (const v of variables) {
    let s = states.get(v.name) ?? initialState(v, nowS);
    const columns = samples.names.flatMap((n, i) => (v.rrdRegex.test(n) ? [i] : []));
    for (const row of samples.rows) {
      // a missing value reads as 0, as perfmon's
      const value = consolidate(
        v.consolidation,
        columns.map((i) => row[i] ?? 0),
      );
      const r = step(v, s, value, nowS, rrdStepS);
      s = r.state;
      if (r.alarm) alarms.push({ variable: v, value });
    }
    out.set(v.name, s);
  }
  return { states: out, alarms };
}

/** Python's "%f". */
function pyFixed(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return x.toFixed(6);
}

/** The body perfmon gives an ALARM: the value, then the variable's configuration. */
export function alarmBody(a: Alarm): string {
  return `value: ${pyFixed(a.value)}\nconfig:\n${a.variable.xml}`;
}
