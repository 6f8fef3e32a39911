// VIF_metrics: each VIF has one (VIF.metrics), made with the VIF and removed
// with it; its receive (io_read_kbs) and transmit (io_write_kbs) rates come
// from rrdd's latest vif_<device>_rx/_tx, with the other metrics' slow loop.
import { NULL_REF } from '../../datamodel/build.js';
import { numFromWire, type MetricsSummary } from '../../idl/rrd.js';
import { serverFields } from '../records.js';
import type { XapiDb } from '../store.js';
import { now } from '../time.js';

/** The VIF's metrics record, made (and linked) if it has none. */
export function ensureVifMetrics(db: XapiDb, vif: string): string {
  const m = db.get('VIF', vif).metrics;
  if (m !== NULL_REF && db.has('VIF_metrics', m)) return m;
  const ref = db.create(
    'VIF_metrics',
    serverFields('VIF_metrics', { last_updated: now(), other_config: {} }),
  );
  db.update('VIF', vif, { metrics: ref });
  return ref;
}

export function removeVifMetrics(db: XapiDb, vif: string): void {
  const m = db.find('VIF', vif)?.metrics;
  if (m !== undefined && m !== NULL_REF && db.has('VIF_metrics', m)) db.destroy('VIF_metrics', m);
}

const rate = (s: string): number => {
  const x = numFromWire(s);
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0;
};

/**
 * Copy a VM's NIC rates into its VIFs' metrics (writing only what changed),
 * and drop metrics that no VIF points to any more (a VIF destroyed elsewhere).
 */
export function applyVifRates(db: XapiDb, vms: MetricsSummary['vms']): void {
  for (const v of vms) {
    const vm = db.refByUuid('VM', v.uuid);
    if (vm === undefined) continue;
    const byDevice = new Map(v.vifs.map((x) => [x.device, x]));
    for (const vif of db.get('VM', vm).VIFs) {
      const row = db.find('VIF', vif);
      const r = row ? byDevice.get(row.device) : undefined;
      if (!r) continue;
      const m = ensureVifMetrics(db, vif);
      const read = rate(r.rx_kib_s);
      const write = rate(r.tx_kib_s);
      const cur = db.get('VIF_metrics', m);
      if (cur.io_read_kbs !== read || cur.io_write_kbs !== write)
        db.update('VIF_metrics', m, { io_read_kbs: read, io_write_kbs: write, last_updated: now() });
    }
  }
  if (db.count('VIF_metrics') > db.count('VIF')) {
    const used = new Set([...db.all('VIF')].map(([, r]) => r.metrics));
    for (const [m] of [...db.all('VIF_metrics')]) if (!used.has(m)) db.destroy('VIF_metrics', m);
  }
}
