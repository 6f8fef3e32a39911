// Plugin protocol V1 (legacy): a text file
//   DATASOURCES\n<8 hex digits: JSON length>\n<md5 hex of the JSON>\n<JSON>
// where the JSON is {"timestamp": <s>, "data_sources": {"<name>": {...metadata,
// "value": "<number>"}}}. Every read parses everything; kept for old plugins.
import { createHash } from 'node:crypto';
import { buildLayout, type PluginRead } from './protocol-v2.js';
import { parseDatasources, PluginFormatError } from './metadata.js';

const HEAD = 'DATASOURCES\n';

export function encodePluginV1(json: string): Buffer {
  const body = Buffer.from(json, 'utf8');
  const len = body.length.toString(16).padStart(8, '0');
  const md5 = createHash('md5').update(body).digest('hex');
  return Buffer.concat([Buffer.from(`${HEAD}${len}\n${md5}\n`, 'latin1'), body]);
}

export class PluginV1Reader {
  private lastMd5: string | undefined;
  private signature = '';
  private layout: ReturnType<typeof buildLayout> | undefined;

  read(buf: Buffer): PluginRead {
    const head = buf.subarray(0, HEAD.length + 9 + 33).toString('latin1');
    const m = /^DATASOURCES\n([0-9a-fA-F]{8})\n([0-9a-fA-F]{32})\n$/.exec(head);
    if (!m) throw new PluginFormatError('not a V1 plugin file (bad header)');
    const len = parseInt(m[1] ?? '', 16);
    const md5 = (m[2] ?? '').toLowerCase();
    const body = buf.subarray(head.length, head.length + len);
    if (body.length !== len) throw new PluginFormatError('file shorter than its JSON');
    if (md5 === this.lastMd5) return { kind: 'no-update' };
    if (createHash('md5').update(body).digest('hex') !== md5) throw new PluginFormatError('md5 mismatch');
    let doc: unknown;
    try {
      doc = JSON.parse(body.toString('utf8'));
    } catch {
      throw new PluginFormatError('payload is not JSON');
    }
    const top = doc as Record<string, unknown>;
    const timestamp = Number(top['timestamp']);
    if (!Number.isFinite(timestamp)) throw new PluginFormatError('bad timestamp');
    const dss = parseDatasources(doc, 'data_sources');
    const raw = top['data_sources'] as Record<string, Record<string, unknown>>;
    // the same sources as last time keep the same descriptor arrays
    const signature = JSON.stringify(dss);
    if (!this.layout || signature !== this.signature) {
      this.layout = buildLayout(0, dss);
      this.signature = signature;
    }
    const values = dss.map((d) => {
      const v = raw[d.descriptor.name]?.['value'];
      const x = typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN;
      return d.valueType === 'int64' ? Math.trunc(x) : x;
    });
    for (const g of this.layout.groups) g.columns.forEach((i, j) => (g.values[j] = values[i] ?? NaN));
    this.lastMd5 = md5;
    return { kind: 'readings', timestamp, readings: this.layout.readings };
  }
}
