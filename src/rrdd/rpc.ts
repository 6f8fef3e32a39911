// The rrd interface bound to an Rrdd: handlers for the IDL dispatcher (served
// on the switch queue and on the daemon's socket), registry errors answered
// as the interface's declared errors (src/idl/registry-errors.ts).
import { apiError } from '../datamodel/api-error.js';
import type { Implementation } from '../idl/index.js';
import { answeringRegistryErrors } from '../idl/registry-errors.js';
import { numToWire, Rrd, type DataSource, type RrdInterface } from '../idl/rrd.js';
import type { DsWithValue, Rrdd } from './daemon.js';
import { pickRrd, renderRrd, renderRrdUpdates, type Rendered } from './render.js';

function wire(d: DsWithValue): DataSource {
  return {
    name: d.name,
    description: d.description,
    enabled: d.enabled,
    standard: d.standard,
    units: d.units,
    min: numToWire(d.min),
    max: numToWire(d.max),
    value: numToWire(d.value),
  };
}

function rendered(r: Rendered) {
  return { content_type: r.contentType, headers: { ...r.headers }, body: r.body };
}

export function rrdImplementation(r: Rrdd): Implementation<RrdInterface> {
  const host = r.hostOwner();
  const impl: Implementation<RrdInterface> = {
    'HOST.get_data_sources': () => r.dataSources(host).map(wire),
    'HOST.query_data_source': (p) => numToWire(r.query(host, p.ds)),
    'HOST.add_data_source': (p) => (r.store.addDs(host, p.ds), null),
    'HOST.forget_data_source': (p) => (r.store.forgetDs(host, p.ds), null),
    'VM.get_data_sources': (p) =>
      r.residentVms().includes(p.vm_uuid) ? r.dataSources(r.vmOwner(p.vm_uuid)).map(wire) : [],
    'VM.query_data_source': (p) => numToWire(r.query(r.vmOwner(p.vm_uuid), p.ds)),
    'VM.add_data_source': (p) => (r.store.addDs(r.vmOwner(p.vm_uuid), p.ds), null),
    'VM.forget_data_source': (p) => (r.store.forgetDs(r.vmOwner(p.vm_uuid), p.ds), null),
    'SR.get_data_sources': (p) => r.dataSources(r.srOwner(p.sr_uuid)).map(wire),
    'SR.query_data_source': (p) => numToWire(r.query(r.srOwner(p.sr_uuid), p.ds)),
    'SR.add_data_source': (p) => (r.store.addDs(r.srOwner(p.sr_uuid), p.ds), null),
    'SR.forget_data_source': (p) => (r.store.forgetDs(r.srOwner(p.sr_uuid), p.ds), null),
    archive_rrds: async () => (await r.archiveNow(), null),
    'VM.started': async (p) => (await r.vmStarted(p.vm_uuid), null),
    'VM.stopped': async (p) => (await r.vmStopped(p.vm_uuid), null),
    get_updates: (p) =>
      rendered(renderRrdUpdates(new URLSearchParams(p.query), p.accept || undefined, r.rrdSet(p.host_uuid))),
    get_host_rrd: (p) => {
      const rrd = r.store.get(host);
      if (!rrd) throw apiError('UUID_INVALID', { type: 'host', uuid: p.host_uuid });
      return rendered(renderRrd(rrd, new URLSearchParams(p.query), p.accept || undefined));
    },
    get_vm_rrd: (p) => {
      const params = new URLSearchParams(p.query);
      const rrd = pickRrd('vm', params, r.rrdSet(p.host_uuid).vms);
      return rendered(renderRrd(rrd, params, p.accept || undefined));
    },
    get_metrics_summary: () => r.summary(),
    'Plugin.Local.register': (p) => r.plugins.register(p.uid, p.frequency, p.protocol),
    'Plugin.Local.deregister': (p) => (r.plugins.deregister(p.uid), null),
    'Plugin.Local.next_reading': (p) => r.plugins.nextReading(p.uid),
    'Plugin.get_path': (p) => r.plugins.getPath(p.uid),
    'Plugin.get_header': () => r.plugins.getHeader(),
  };
  return answeringRegistryErrors(Rrd, impl);
}
