// rrdd's hot paths at the scale of a full host: 1,000 VMs × 10 data sources
// updated every 5 s, and /rrd_updates over all of them. The sampling cost is
// CPU time per simulated step (process.cpuUsage; it includes writing the
// simulated readings, a few microseconds) divided by the 5 s period, against
// the budget of 2% of one core. Prints one JSON line.
import { HostCollector } from '../src/rrdd/collectors/host.js';
import { RrdStore } from '../src/rrdd/store.js';
import { PluginV2Reader, PluginV2Writer } from '../src/rrdd/plugin/protocol-v2.js';
import type { DsDescriptor, Reading } from '../src/rrdd/rrd/types.js';
import { buildXport, xportToJson, xportToXml, type UpdatesSource } from '../src/rrdd/rrd/updates.js';
import { daemonPath } from './rrdd-daemon.js';

const VMS = 1000;
const STEP_S = 5;
const WARMUP_STEPS = 200;
const MEASURED_STEPS = 2000; // ~2.8 simulated hours: crosses minute and hour rows
const BUDGET_RATIO = 0.02;

function ds(name: string, type: DsDescriptor['type'], max = Infinity): DsDescriptor {
  return { name, description: name, units: '', type, min: 0, max, default: true, transform: 'identity' };
}

const VM_DS: DsDescriptor[] = [
  ds('cpu0', 'derive', 1),
  ds('cpu1', 'derive', 1),
  ds('memory', 'gauge'),
  ds('memory_internal_free', 'gauge'),
  ds('vbd_xvda_read', 'derive'),
  ds('vbd_xvda_write', 'derive'),
  ds('vbd_xvda_iops_read', 'derive'),
  ds('vbd_xvda_iops_write', 'derive'),
  ds('vif_0_rx', 'derive'),
  ds('vif_0_tx', 'derive'),
];

function uuid(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

const readings: Reading[] = Array.from({ length: VMS }, (_, i) => ({
  owner: { kind: 'vm', uuid: uuid(i) },
  descriptors: VM_DS,
  values: new Float64Array(VM_DS.length),
}));

/** What the collectors would report at step `s`: counters rising, gauges wobbling. */
function fill(s: number): void {
  for (let i = 0; i < VMS; i++) {
    const v = (readings[i] as Reading).values;
    v[0] = s * 2.5 * 0.3;
    v[1] = s * 2.5 * 0.1;
    v[2] = 2 ** 31 + ((s * 7919 + i) % 1000) * 4096;
    v[3] = 2 ** 29;
    v[4] = s * 40960 + i;
    v[5] = s * 81920;
    v[6] = s * 10;
    v[7] = s * 20;
    v[8] = s * 15000;
    v[9] = s * 5000;
  }
}

function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

const t0 = 1_700_000_000;
const store = new RrdStore();
let step = 0;
for (; step < WARMUP_STEPS; step++) {
  fill(step);
  store.update(t0 + step * STEP_S, readings);
}
const cpuBefore = cpuUs();
const wallBefore = process.hrtime.bigint();
for (let k = 0; k < MEASURED_STEPS; k++, step++) {
  fill(step);
  store.update(t0 + step * STEP_S, readings);
}
const cpuPerStepMs = (cpuUs() - cpuBefore) / 1000 / MEASURED_STEPS;
const wallPerStepMs = Number(process.hrtime.bigint() - wallBefore) / 1e6 / MEASURED_STEPS;

// The same sources published by plugins, one V2 file per VM (names are keys
// of a file's metadata, so a file holds each name once): decode every file
// and update the RRDs, per step. Encoding is the plugins' own cost.
const writers = readings.map(
  (r) =>
    new PluginV2Writer(
      r.descriptors.map((descriptor) => ({ owner: r.owner, valueType: 'float' as const, descriptor })),
    ),
);
const readers = readings.map(() => new PluginV2Reader());
const PLUGIN_STEPS = 100;
const files: Buffer[][] = [];
const encodeBefore = cpuUs();
for (let k = 0; k < PLUGIN_STEPS; k++) {
  fill(step + k);
  files.push(writers.map((w, i) => w.encode(t0 + (step + k) * STEP_S, (readings[i] as Reading).values)));
}
const pluginEncodeMs = (cpuUs() - encodeBefore) / 1000 / PLUGIN_STEPS;
const pluginBefore = cpuUs();
for (const stepFiles of files) {
  const got: Reading[] = [];
  stepFiles.forEach((file, i) => {
    const r = readers[i]?.read(file);
    if (r?.kind === 'readings') got.push(...r.readings);
  });
  store.update(t0 + step * STEP_S, got);
  step++;
}
const pluginPerStepMs = (cpuUs() - pluginBefore) / 1000 / PLUGIN_STEPS;

// the host collector reading the real /proc and /sys
const host = new HostCollector();
await host.collect();
const hostRuns = 50;
const hostBefore = cpuUs();
for (let k = 0; k < hostRuns; k++) await host.collect();
const hostCollectMs = (cpuUs() - hostBefore) / 1000 / hostRuns;

const sources: UpdatesSource[] = store.owners().flatMap((o) => {
  const rrd = store.get(o);
  return rrd ? [{ kind: o.kind, uuid: o.uuid, rrd }] : [];
});
const last = t0 + (step - 1) * STEP_S;

function p50(f: () => number, runs: number): { ms: number; bytes: number } {
  const times: number[] = [];
  let bytes = 0;
  for (let k = 0; k < runs; k++) {
    const a = process.hrtime.bigint();
    bytes = f();
    times.push(Number(process.hrtime.bigint() - a) / 1e6);
  }
  times.sort((x, y) => x - y);
  return { ms: times[Math.floor(times.length / 2)] ?? NaN, bytes };
}

// Xen Orchestra's poll: AVERAGE, 5 s, since its previous poll a few seconds ago
const recentJson = p50(() => xportToJson(buildXport(sources, last - 10, STEP_S, 'AVERAGE')).length, 30);
const recentXml = p50(() => xportToXml(buildXport(sources, last - 10, STEP_S, 'AVERAGE')).length, 30);
// the whole 10-minute window at 5 s (120 rows; a start 600 s back already needs the 1 min archive)
const windowJson = p50(() => xportToJson(buildXport(sources, last - 595, 0, 'AVERAGE')).length, 7);
const windowXml = p50(() => xportToXml(buildXport(sources, last - 595, 0, 'AVERAGE')).length, 7);

const daemon = await daemonPath(VMS);

const round = (x: number, d = 4): number => Number(x.toFixed(d));
const sampleCoreRatio = cpuPerStepMs / (STEP_S * 1000);
console.log(
  JSON.stringify({
    vms: VMS,
    data_sources: VMS * VM_DS.length,
    simulated_steps: MEASURED_STEPS,
    sample_cpu_ms_per_step: round(cpuPerStepMs),
    sample_wall_ms_per_step: round(wallPerStepMs),
    sample_core_ratio: round(sampleCoreRatio, 6),
    sample_budget_ratio: BUDGET_RATIO,
    sample_vs_budget_ratio: round(sampleCoreRatio / BUDGET_RATIO),
    plugin_read_and_update_cpu_ms_per_step: round(pluginPerStepMs),
    plugin_read_core_ratio: round(pluginPerStepMs / (STEP_S * 1000), 6),
    plugin_encode_cpu_ms_per_step: round(pluginEncodeMs),
    host_collect_cpu_ms: round(hostCollectMs),
    rrd_updates_recent_json_p50_ms: round(recentJson.ms, 2),
    rrd_updates_recent_json_bytes: recentJson.bytes,
    rrd_updates_recent_xml_p50_ms: round(recentXml.ms, 2),
    rrd_updates_10min_json_p50_ms: round(windowJson.ms, 2),
    rrd_updates_10min_json_bytes: windowJson.bytes,
    rrd_updates_10min_xml_p50_ms: round(windowXml.ms, 2),
    daemon_cycle_cpu_ms: round(daemon.cycleCpuMs),
    daemon_cycle_core_ratio: round(daemon.cycleCpuMs / (STEP_S * 1000), 6),
    daemon_vs_budget_ratio: round(daemon.cycleCpuMs / (STEP_S * 1000) / BUDGET_RATIO),
    daemon_rrd_updates_recent_json_p50_ms: round(daemon.recentJsonMs, 2),
    daemon_rrd_updates_recent_json_bytes: daemon.recentJsonBytes,
    daemon_rrd_updates_10min_json_p50_ms: round(daemon.windowJsonMs, 2),
  }),
);
