// The XML documents of templates (pure): the disks a template asks for in
// other_config:disks (`<provision><disk device="0" size="…" sr="" bootable="true"
// type="system"/></provision>`), and the recommendations clients read to bound
// memory, vCPUs and device counts.
import { SaxesParser } from 'saxes';
import { ApiError, apiError } from '../../datamodel/api-error.js';
import type { VdiType } from '../../generated/api-types.js';

export interface DiskSpec {
  /** The VBD's userdevice ("0", "1", ...). */
  readonly device: string;
  /** Virtual size in bytes. */
  readonly size: number;
  /** SR uuid; "" means the pool's default SR. */
  readonly sr: string;
  readonly bootable: boolean;
  /** VDI type: system, user, ... */
  readonly type: VdiType;
}

const VDI_TYPES: readonly VdiType[] = ['system', 'user', 'ephemeral', 'suspend', 'crashdump'];

function bad(value: string): never {
  throw apiError('INVALID_VALUE', { field: 'other_config:disks', value });
}

/** The disks of other_config:disks; INVALID_VALUE when the document is not a valid disk list. */
export function parseDisks(xml: string): DiskSpec[] {
  const disks: DiskSpec[] = [];
  const parser = new SaxesParser();
  let depth = 0;
  let rootSeen = false;
  parser.on('opentag', (tag) => {
    depth++;
    if (depth === 1) {
      if (tag.name !== 'provision') bad(`root element <${tag.name}> is not <provision>`);
      rootSeen = true;
      return;
    }
    if (depth !== 2 || tag.name !== 'disk') bad(`unexpected element <${tag.name}>`);
    const a = tag.attributes as Record<string, string>;
    const device = a['device'] ?? '';
    if (!/^\d+$/.test(device)) bad(`disk device "${device}" is not a number`);
    const size = Number(a['size']);
    if (!/^\d+$/.test(a['size'] ?? '') || !Number.isSafeInteger(size)) bad(`disk size "${a['size']}"`);
    const given = a['type'] ?? 'system';
    const type = VDI_TYPES.find((t) => t === given) ?? bad(`disk type "${given}"`);
    const bootable = a['bootable'] ?? 'false';
    if (bootable !== 'true' && bootable !== 'false') bad(`disk bootable "${bootable}"`);
    if (disks.some((d) => d.device === device)) bad(`disk device ${device} appears twice`);
    disks.push({ device, size, sr: a['sr'] ?? '', bootable: bootable === 'true', type });
  });
  parser.on('closetag', () => {
    depth--;
  });
  parser.on('text', (text) => {
    if (text.trim() !== '') bad('text outside the disk elements');
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof ApiError) throw e;
    bad(e instanceof Error ? e.message : String(e));
  }
  if (!rootSeen) bad('no <provision> element');
  return disks;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The other_config:disks document for a list of disks. */
export function disksXml(disks: readonly DiskSpec[]): string {
  const items = disks.map(
    (d) =>
      `<disk device="${esc(d.device)}" size="${d.size}" sr="${esc(d.sr)}" bootable="${d.bootable}" type="${esc(d.type)}"/>`,
  );
  return `<provision>${items.join('')}</provision>`;
}

export interface Recommendations {
  readonly memoryStaticMax: number;
  readonly vcpusMax: number;
  readonly vbds: number;
  readonly vifs: number;
}

/** A recommendations document in xapi's form. */
export function recommendationsXml(r: Recommendations): string {
  return (
    '<restrictions>' +
    `<restriction field="memory-static-max" max="${r.memoryStaticMax}"/>` +
    `<restriction field="vcpus-max" max="${r.vcpusMax}"/>` +
    `<restriction property="number-of-vbds" max="${r.vbds}"/>` +
    `<restriction property="number-of-vifs" max="${r.vifs}"/>` +
    '</restrictions>'
  );
}
