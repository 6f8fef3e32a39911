// SR.probe, probe_ext and make. A probe asks the SR type's plugin what is at
// the device_config, changing nothing; probe_ext answers probe_result
// records, probe the XML xapi builds from the same results for SMAPIv1-era
// clients. Names come from this pool's record of the SR, if it has one (the
// storage keeps none).
import { apiError } from '../../datamodel/api-error.js';
import type { ProbeResultRecord } from '../../generated/api-types.js';
import { escapeXml } from '../../rpc/record-fields.js';
import type { ProbeFound } from '../../storage/types.js';
import type { CallContext } from '../context.js';

type Smap = Readonly<Record<string, string>>;

async function probeResults(
  ctx: CallContext,
  host: string,
  config: Smap,
  type: string,
): Promise<ProbeResultRecord[]> {
  const { db, storage } = ctx.services;
  db.get('host', host);
  // the storage is looked at from this host (calls are not forwarded to others here)
  if (host !== ctx.services.host) throw apiError('HOST_OFFLINE', { host });
  // xapi picks the driver by the lower-cased type
  const driver = type.toLowerCase();
  const plugin = storage.manager.plugin(driver);
  if (!plugin) throw apiError('SR_UNKNOWN_DRIVER', { driver: type });
  const found: ProbeFound[] = await plugin.probe(config);
  return found.map((f) => {
    const known = f.sr ? db.refByUuid('SR', f.sr.uuid) : undefined;
    const row = known !== undefined ? db.get('SR', known) : undefined;
    return {
      configuration: { ...f.configuration },
      complete: f.complete,
      extra_info: {},
      ...(f.sr
        ? {
            sr: {
              uuid: f.sr.uuid,
              name_label: row?.name_label ?? '',
              name_description: row?.name_description ?? '',
              total_space: f.sr.totalSpace,
              free_space: f.sr.freeSpace,
              clustered: false,
              health: 'healthy' as const,
            },
          }
        : {}),
    };
  });
}

/** xapi's SRlist document of the SRs among probe results (pure). */
export function srListXml(results: readonly ProbeResultRecord[]): string {
  const el = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;
  const srs = results.flatMap((r) => (r.sr ? [r.sr] : []));
  const body = srs
    .map(
      (s) =>
        '<SR>' +
        el('size', String(s.total_space)) +
        el('name_label', s.name_label) +
        el('name_description', s.name_description) +
        (s.uuid !== undefined ? el('UUID', s.uuid) : '') +
        '</SR>',
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<SRlist>${body}</SRlist>\n`;
}

export const srMiscActions = {
  async probe(ctx: CallContext, host: string, config: Smap, type: string, _smConfig: Smap) {
    return srListXml(await probeResults(ctx, host, config, type));
  },
  async probe_ext(ctx: CallContext, host: string, config: Smap, type: string, _smConfig: Smap) {
    return probeResults(ctx, host, config, type);
  },
  async make(): Promise<string> {
    throw apiError('MESSAGE_DEPRECATED', {});
  },
};
