// host.get_system_status_capabilities: what a status report of this host can
// hold, in the XML xen-bugtool --capabilities prints and XenCenter reads:
// one <capability> per kind of content, with its key, MIME type, whether it
// is ticked by default, its size and time bounds (-1: unknown) and whether it
// may hold personal data. Sizes are measured now, as bugtool does.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { escapeXml } from '../../rpc/record-fields.js';

export interface Capability {
  readonly key: string;
  readonly contentType: string;
  readonly defaultChecked: boolean;
  readonly minSize: number;
  readonly maxSize: number;
  readonly minTime: number;
  readonly maxTime: number;
  readonly pii: 'no' | 'yes' | 'maybe' | 'customized';
}

/** The XML document (pure). */
export function capabilitiesXml(caps: readonly Capability[]): string {
  const attrs = (c: Capability) =>
    [
      ['content-type', c.contentType],
      ['default-checked', c.defaultChecked ? 'yes' : 'no'],
      ['key', c.key],
      ['max-size', String(c.maxSize)],
      ['max-time', String(c.maxTime)],
      ['min-size', String(c.minSize)],
      ['min-time', String(c.minTime)],
      ['pii', c.pii],
    ]
      .map(([k, v]) => `${k}="${escapeXml(v ?? '')}"`)
      .join(' ');
  return (
    '<?xml version="1.0" ?>\n<system-status-capabilities>\n' +
    caps.map((c) => `  <capability ${attrs(c)} />\n`).join('') +
    '</system-status-capabilities>\n'
  );
}

function sizeOf(path: string): number {
  try {
    const st = statSync(path);
    if (!st.isDirectory()) return st.size;
    return readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0);
  } catch {
    return 0;
  }
}

/** The contents this toolstack's state holds, measured. */
export function hostCapabilities(stateDir: string): Capability[] {
  const cap = (key: string, contentType: string, size: number, pii: Capability['pii']): Capability => ({
    key,
    contentType,
    defaultChecked: true,
    minSize: -1,
    maxSize: size,
    minTime: -1,
    maxTime: -1,
    pii,
  });
  return [
    // names, descriptions and tags of every object, written by users
    cap('xapi-database', 'application/vnd.sqlite3', sizeOf(join(stateDir, 'xapi.db')), 'yes'),
    cap('rrd-archives', 'application/gzip', sizeOf(join(stateDir, 'rrd')), 'no'),
    // the kernel log's size is known only once read
    { ...cap('kernel-log', 'text/plain', -1, 'maybe') },
  ];
}
