// Networks at first start: the default network that VIFs of new VMs join,
// and for each physical interface a network with its read-only PIF and
// PIF_metrics. Interfaces are refreshed at every start.
import type { Patch } from '../../db/typed.js';
import type { PIFRecord } from '../../generated/api-types.js';
import type { XapiDb } from '../store.js';
import { serverFields } from '../records.js';
import { now } from '../time.js';
import { defaultGateway, readHostInterfaces, type HostInterface } from './interfaces.js';

/** The bridge of the default network; backends realise it as they can. */
export const DEFAULT_BRIDGE = 'xapi-ts0';

function pifFields(i: HostInterface, hostAddress: string, gateway: string): Patch<PIFRecord> {
  return {
    device: i.device,
    MAC: i.mac,
    MTU: i.mtu,
    VLAN: -1,
    physical: true,
    currently_attached: i.carrier,
    ip_configuration_mode: i.ipv4 ? 'DHCP' : 'None',
    IP: i.ipv4?.address ?? '',
    netmask: i.ipv4?.netmask ?? '',
    gateway: i.ipv4 ? gateway : '',
    IPv6: [...i.ipv6],
    management: i.ipv4?.address === hostAddress,
    managed: false,
    disallow_unplug: true,
  };
}

export function ensureNetworks(db: XapiDb, host: string, hostAddress: string): string {
  let dflt = [...db.all('network')].find(([, r]) => r.bridge === DEFAULT_BRIDGE)?.[0];
  if (dflt === undefined) {
    dflt = db.create(
      'network',
      serverFields('network', {
        name_label: 'Default network',
        name_description: 'The network new VMs are connected to',
        bridge: DEFAULT_BRIDGE,
        MTU: 1500,
        managed: true,
        other_config: { automatic: 'true' },
      }),
    );
  }
  const gateway = defaultGateway();
  const pifs = new Map(
    [...db.all('PIF')].filter(([, r]) => r.host === host).map(([ref, r]) => [r.device, ref]),
  );
  for (const i of readHostInterfaces()) {
    const existing = pifs.get(i.device);
    if (existing !== undefined) {
      db.update('PIF', existing, pifFields(i, hostAddress, gateway));
      const metrics = db.get('PIF', existing).metrics;
      if (db.has('PIF_metrics', metrics)) {
        db.update('PIF_metrics', metrics, {
          carrier: i.carrier,
          speed: i.speed,
          duplex: i.duplex,
          last_updated: now(),
        });
      }
      continue;
    }
    const network = db.create(
      'network',
      serverFields('network', {
        name_label: `Pool-wide network associated with ${i.device}`,
        bridge: i.device,
        MTU: i.mtu,
        managed: false,
        other_config: {},
      }),
    );
    const metrics = db.create(
      'PIF_metrics',
      serverFields('PIF_metrics', {
        carrier: i.carrier,
        speed: i.speed,
        duplex: i.duplex,
        last_updated: now(),
      }),
    );
    db.create('PIF', serverFields('PIF', { ...pifFields(i, hostAddress, gateway), network, host, metrics }));
  }
  return dflt;
}
