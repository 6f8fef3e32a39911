// SMBIOS tables from xapi's VM.bios_strings: the same keys hvmloader reads from
// xenstore under Xen, mapped onto QEMU's -smbios types 0 (BIOS), 1 (system),
// 2 (baseboard), 3 (chassis) and 11 (OEM strings).
import { apiError } from '../../../datamodel/api-error.js';
import type { VmConfig } from './config.js';
import { opts } from './qemu-opts.js';

const FIELDS: Readonly<Record<string, readonly [type: number, field: string]>> = {
  'bios-vendor': [0, 'vendor'],
  'bios-version': [0, 'version'],
  'system-manufacturer': [1, 'manufacturer'],
  'system-product-name': [1, 'product'],
  'system-version': [1, 'version'],
  'system-serial-number': [1, 'serial'],
  'baseboard-manufacturer': [2, 'manufacturer'],
  'baseboard-product-name': [2, 'product'],
  'baseboard-version': [2, 'version'],
  'baseboard-serial-number': [2, 'serial'],
  'baseboard-asset-tag': [2, 'asset'],
  'baseboard-location-in-chassis': [2, 'location'],
  'enclosure-asset-tag': [3, 'asset'],
};

/** xapi's limit on a bios_strings value. */
const MAX_VALUE = 512;

export function smbiosArgs(config: VmConfig): string[] {
  const tables = new Map<number, Record<string, string>>();
  const oem: [number, string][] = [];
  for (const [key, value] of Object.entries(config.biosStrings ?? {})) {
    if (value.length > MAX_VALUE || /[^\x20-\x7e]/.test(value))
      throw apiError('INVALID_VALUE', { field: `bios_strings:${key}`, value });
    const oemIndex = /^oem-([1-9][0-9]{0,2})$/.exec(key)?.[1];
    const field = FIELDS[key];
    if (oemIndex !== undefined) {
      if (value !== '') oem.push([Number(oemIndex), value]);
    } else if (field !== undefined) {
      if (value === '') continue;
      const t = tables.get(field[0]) ?? {};
      t[field[1]] = value;
      tables.set(field[0], t);
    } else if (key !== 'hp-rombios') {
      // hp-rombios only selects an hvmloader ROM variant: nothing to map under QEMU.
      throw apiError('INVALID_VALUE', { field: 'bios_strings', value: key });
    }
  }
  const args: string[] = [];
  for (const type of [...tables.keys()].sort())
    args.push('-smbios', opts(`type=${type}`, tables.get(type) ?? {}));
  if (oem.length > 0) {
    const values = oem.sort((x, y) => x[0] - y[0]).map(([, v]) => opts('', { value: v }));
    args.push('-smbios', ['type=11', ...values].join(','));
  }
  return args;
}
