// One 5-second reading cycle: every collector and every plugin due, then one
// update of each RRD. A failing collector costs only its own data sources
// (unknown for that cycle); the daemon loop logs what comes back.
import type { Collector } from './collectors/collector.js';
import type { PluginRegistry } from './plugin/registry.js';
import type { Reading } from './rrd/types.js';
import type { RrdStore } from './store.js';

export interface CycleReport {
  readonly readings: number;
  readonly failures: readonly { readonly source: string; readonly error: string }[];
}

export async function runCycle(
  now: number,
  collectors: readonly Collector[],
  plugins: PluginRegistry | undefined,
  store: RrdStore,
): Promise<CycleReport> {
  const readings: Reading[] = [];
  const failures: { source: string; error: string }[] = [];
  const results = await Promise.allSettled(collectors.map((c) => c.collect()));
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') readings.push(...r.value);
    else failures.push({ source: collectors[i]?.name ?? '?', error: String(r.reason) });
  });
  if (plugins) {
    const p = await plugins.collect();
    readings.push(...p.readings);
    for (const f of p.failures) failures.push({ source: `plugin ${f.uid}`, error: f.error });
  }
  store.update(now, readings);
  return { readings: readings.length, failures };
}
