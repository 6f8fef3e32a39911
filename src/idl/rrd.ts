// The rrd interface (after rrd_interface.ml), declared once: what the metrics
// daemon (rrdd) offers xapi and plugins. Numbers that may be NaN or infinite
// (a data source's bounds and latest value) travel as strings: JSON has no
// NaN, and `String(x)` / `Number(s)` round-trip every double.
import { errors as registry } from '../datamodel/errors/index.js';
import { declare, defineInterface, type ErrorDecl } from './interface.js';
import * as t from './types.js';

/** The registry codes rrdd may answer with. */
export const rrdErrorCodes = ['INVALID_VALUE', 'UUID_INVALID'] as const;
type RrdErrorCode = (typeof rrdErrorCodes)[number];

const errorDecls = Object.fromEntries(
  rrdErrorCodes.map((code) => {
    const e = registry[code];
    return [code, { params: Object.fromEntries(e.params.map((p) => [p, t.string])), doc: e.doc }];
  }),
) as Record<RrdErrorCode, ErrorDecl>;

const dbg = t.string;
const ds = t.string;
const vmUuid = t.string;
const srUuid = t.string;
const num = t.named('Number', 'A double as a string: decimal, `NaN`, `Infinity` or `-Infinity`.', t.string);

export const DataSourceC = t.named(
  'Data_source.t',
  'A data source as the XenAPI data_source record shows it, with its latest value.',
  t.record({
    name: t.string,
    description: t.string,
    enabled: t.bool,
    standard: t.bool,
    units: t.string,
    min: num,
    max: num,
    value: num,
  }),
);
export type DataSource = t.TypeOf<typeof DataSourceC>;

export const RenderedC = t.named(
  'Rendered.t',
  'An HTTP answer computed by rrdd: content type, extra headers and body.',
  t.record({ content_type: t.string, headers: t.dict(t.string), body: t.string }),
);

export const VmSummaryC = t.record({
  uuid: t.string,
  memory_actual: num,
  /** vCPU utilisation 0..1 per vCPU, as strings (NaN while unknown). */
  vcpus_utilisation: t.array(num),
  /** Each NIC's latest receive and transmit rates in KiB/s, by device (for VIF_metrics). */
  vifs: t.withDefault(t.array(t.record({ device: t.string, rx_kib_s: num, tx_kib_s: num })), []),
});

export const MetricsSummaryC = t.named(
  'Metrics_summary.t',
  "The latest host memory figures and each resident VM's memory, vCPU and NIC use, for host_metrics, VM_metrics and VIF_metrics.",
  t.record({
    /** Seconds since the epoch of the latest cycle (0 before the first). */
    timestamp: t.float,
    memory_total_kib: num,
    memory_free_kib: num,
    vms: t.array(VmSummaryC),
  }),
);
export type MetricsSummary = t.TypeOf<typeof MetricsSummaryC>;

const http = {
  dbg,
  query: t.string,
  accept: t.withDefault(t.string, ''),
  /** The host's XenAPI uuid, for the legend (rrdd does not keep xapi's database). */
  host_uuid: t.withDefault(t.string, ''),
};
const E = ['INVALID_VALUE', 'UUID_INVALID'] as const;

export const Rrd = defineInterface({
  name: 'rrd',
  doc: "The metrics daemon: round-robin databases of the host's and its VMs' data sources, their HTTP documents and the plugin registry.",
  errors: errorDecls,
  methods: {
    'HOST.get_data_sources': declare({
      params: { dbg },
      result: t.array(DataSourceC),
      doc: 'Every data source offered for the host, recorded or not, with the latest value.',
    }),
    'HOST.query_data_source': declare({
      params: { dbg, ds },
      result: num,
      errors: E,
      doc: "The latest 5 s average of one of the host's recorded data sources.",
    }),
    'HOST.add_data_source': declare({
      params: { dbg, ds },
      result: t.unit,
      errors: E,
      doc: 'Start recording a data source of the host that is offered but not recorded.',
    }),
    'HOST.forget_data_source': declare({
      params: { dbg, ds },
      result: t.unit,
      errors: E,
      doc: "Drop a host data source's archives (recorded afresh if still standard).",
    }),
    'VM.get_data_sources': declare({
      params: { dbg, vm_uuid: vmUuid },
      result: t.array(DataSourceC),
      errors: E,
      doc: 'Every data source offered for a VM, recorded or not, with the latest value.',
    }),
    'VM.query_data_source': declare({
      params: { dbg, vm_uuid: vmUuid, ds },
      result: num,
      errors: E,
      doc: "The latest 5 s average of one of a VM's recorded data sources.",
    }),
    'VM.add_data_source': declare({
      params: { dbg, vm_uuid: vmUuid, ds },
      result: t.unit,
      errors: E,
      doc: 'Start recording a data source of a VM that is offered but not recorded.',
    }),
    'VM.forget_data_source': declare({
      params: { dbg, vm_uuid: vmUuid, ds },
      result: t.unit,
      errors: E,
      doc: "Drop a VM data source's archives (recorded afresh if still standard).",
    }),
    'SR.get_data_sources': declare({
      params: { dbg, sr_uuid: srUuid },
      result: t.array(DataSourceC),
      errors: E,
      doc: 'Every data source offered for an SR (by plugins, owner `sr <uuid>`), recorded or not, with the latest value.',
    }),
    'SR.query_data_source': declare({
      params: { dbg, sr_uuid: srUuid, ds },
      result: num,
      errors: E,
      doc: "The latest 5 s average of one of an SR's recorded data sources.",
    }),
    'SR.add_data_source': declare({
      params: { dbg, sr_uuid: srUuid, ds },
      result: t.unit,
      errors: E,
      doc: 'Start recording a data source of an SR that is offered but not recorded.',
    }),
    'SR.forget_data_source': declare({
      params: { dbg, sr_uuid: srUuid, ds },
      result: t.unit,
      errors: E,
      doc: "Drop an SR data source's archives (recorded afresh if still standard).",
    }),
    archive_rrds: declare({
      params: { dbg },
      result: t.unit,
      doc: 'Write every RRD to disk now (each file synced and renamed into place); returns once they are durable.',
    }),
    'VM.started': declare({
      params: { dbg, vm_uuid: vmUuid },
      result: t.unit,
      doc: 'Hint: the VM now runs here; its archived RRD is loaded and it is read from the next cycle.',
    }),
    'VM.stopped': declare({
      params: { dbg, vm_uuid: vmUuid },
      result: t.unit,
      doc: 'Hint: the VM no longer runs here; its RRD is archived to disk and dropped from memory.',
    }),
    get_updates: declare({
      params: http,
      result: RenderedC,
      errors: E,
      doc: '/rrd_updates: the xport for the query string (start, interval, cf, host, vm_uuid, sr_uuid, json) and Accept header.',
    }),
    get_host_rrd: declare({
      params: http,
      result: RenderedC,
      errors: E,
      doc: "/host_rrd: the host's whole RRD (XML dump, or JSON).",
    }),
    get_vm_rrd: declare({
      params: http,
      result: RenderedC,
      errors: E,
      doc: "/vm_rrd?uuid=: a resident VM's whole RRD (XML dump, or JSON).",
    }),
    get_metrics_summary: declare({
      params: { dbg },
      result: MetricsSummaryC,
      doc: 'Host memory and per-VM memory and vCPU use from the latest cycle.',
    }),
    'Plugin.Local.register': declare({
      params: { dbg, uid: t.string, frequency: t.string, protocol: t.string },
      result: t.float,
      errors: ['INVALID_VALUE'],
      doc: 'Read <plugin dir>/<uid> every cycle (frequency Five_Seconds, protocol V1 or V2); returns seconds to the next reading.',
    }),
    'Plugin.Local.deregister': declare({
      params: { dbg, uid: t.string },
      result: t.unit,
      errors: ['INVALID_VALUE'],
      doc: 'Stop reading a plugin (no error if unknown).',
    }),
    'Plugin.Local.next_reading': declare({
      params: { dbg, uid: t.string },
      result: t.float,
      errors: ['INVALID_VALUE'],
      doc: 'Seconds until the next reading cycle.',
    }),
    'Plugin.get_path': declare({
      params: { dbg, uid: t.string },
      result: t.string,
      errors: ['INVALID_VALUE'],
      doc: 'Where a plugin writes its file.',
    }),
    'Plugin.get_header': declare({
      params: { dbg },
      result: t.string,
      doc: 'The header that starts every plugin file (DATASOURCES).',
    }),
  },
});

export type RrdInterface = typeof Rrd;

/** The switch queue of this host's rrdd. */
export const RRD_QUEUE = 'org.xen.xapi.rrd';

export function numToWire(x: number): string {
  return String(x);
}

export function numFromWire(s: string): number {
  return Number(s);
}
