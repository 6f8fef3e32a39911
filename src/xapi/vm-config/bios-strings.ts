// VM.set_bios_strings (pure): the generic BIOS strings xapi gives a VM, with
// the keys a client may override checked and applied.
import { apiError } from '../../datamodel/api-error.js';

type Smap = Readonly<Record<string, string>>;

/** The keys a client may set. */
export const SETTABLE_BIOS_KEYS: readonly string[] = [
  'bios-vendor',
  'bios-version',
  'system-manufacturer',
  'system-product-name',
  'system-version',
  'system-serial-number',
  'baseboard-manufacturer',
  'baseboard-product-name',
  'baseboard-version',
  'baseboard-serial-number',
  'baseboard-asset-tag',
  'baseboard-location-in-chassis',
  'enclosure-asset-tag',
];

/** xapi's generic strings, OEM type-11 strings included. */
export const GENERIC_BIOS_STRINGS: Smap = {
  'bios-vendor': 'Xen',
  'bios-version': '',
  'system-manufacturer': 'Xen',
  'system-product-name': 'HVM domU',
  'system-version': '',
  'system-serial-number': '',
  'baseboard-manufacturer': '',
  'baseboard-product-name': '',
  'baseboard-version': '',
  'baseboard-serial-number': '',
  'baseboard-asset-tag': '',
  'baseboard-location-in-chassis': '',
  'enclosure-asset-tag': '',
  'hp-rombios': '',
  'oem-1': 'Xen',
  'oem-2': 'MS_VM_CERT/SHA1/bdbeb6e0a816d43fa6d3fe8aaef04c2bad9d3e3d',
};

const LIMIT = 512;

/** The generic strings with `value` applied, or INVALID_VALUE [key, reason] for a bad entry. */
export function biosStringsFor(value: Smap): Smap {
  for (const [k, v] of Object.entries(value)) {
    if (!SETTABLE_BIOS_KEYS.includes(k)) throw apiError('INVALID_VALUE', { field: k, value: 'Unknown key' });
    if (v.length === 0) throw apiError('INVALID_VALUE', { field: k, value: 'Value provided is empty' });
    if (v.length > LIMIT)
      throw apiError('INVALID_VALUE', { field: k, value: `${v} has length more than ${LIMIT} characters` });
    if (/[^\x20-\x7e]/.test(v))
      throw apiError('INVALID_VALUE', { field: k, value: `${v} has non-printable ASCII characters` });
  }
  return { ...GENERIC_BIOS_STRINGS, ...value };
}
