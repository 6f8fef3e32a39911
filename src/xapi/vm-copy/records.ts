// Which fields a copy of a VM or device takes from its source (pure): the
// constructor fields, less what identifies or places the original, and the
// device positions a VM has left.
import { randomBytes } from 'node:crypto';
import { classByName } from '../../datamodel/index.js';
import type { Patch } from '../../db/typed.js';
import type { VMRecord } from '../../generated/api-types.js';
import { hasField } from '../records.js';
import type { StoredClass } from '../store.js';

/**
 * Keys of other_config that a copy must not take from its source: per-VM ones,
 * and those marking a default template (a clone of one is an ordinary VM,
 * which clients such as Xen Orchestra then let users delete).
 */
const PER_VM_KEYS = ['mac_seed', 'default_template', 'xensource_internal'];

/** The constructor fields (RW and StaticRO) of a row of class `cls`, less `except`. */
export function constructorFieldsOf<T extends object>(
  cls: StoredClass,
  row: T,
  except: readonly Extract<keyof T, string>[] = [],
): Partial<T> {
  const decl = classByName.get(cls);
  if (!decl) throw new Error(`unknown class ${cls}`);
  const out: Partial<T> = {};
  for (const { name, qualifier } of decl.fields) {
    if (qualifier === 'DynamicRO' || !hasField(row, name) || except.includes(name)) continue;
    out[name] = row[name];
  }
  return out;
}

/** The configuration of a VM that its clones, copies and snapshots carry. */
export function vmConfiguration(row: Partial<VMRecord>): Patch<VMRecord> {
  const other: Record<string, string> = { ...row.other_config };
  for (const k of PER_VM_KEYS) delete other[k];
  return {
    ...constructorFieldsOf('VM', row, ['power_state', 'suspend_VDI']),
    other_config: other,
    bios_strings: row.bios_strings ?? {},
  };
}

/** The fields of a VM a revert brings back from its snapshot (its identity stays). */
export function revertedConfiguration(snapshot: Partial<VMRecord>): Patch<VMRecord> {
  const out = vmConfiguration(snapshot);
  for (const k of [
    'name_label',
    'name_description',
    'is_a_template',
    'tags',
    'blocked_operations',
  ] as const) {
    delete out[k];
  }
  return out;
}

/** A random locally administered unicast MAC address, as xapi generates. */
export function randomMac(bytes: Uint8Array = randomBytes(6)): string {
  const b = Array.from(bytes.slice(0, 6));
  b[0] = ((b[0] ?? 0) & 0xfc) | 0x02;
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** A fresh Windows generation id, unless the VM has none. */
export function freshGenerationId(current: unknown): string {
  if (current === '' || current === undefined) return '';
  const n = (): string => BigInt(`0x${randomBytes(8).toString('hex')}`).toString();
  return `${n()}:${n()}`;
}

/** Device positions a VM may use: HVM guests without PV drivers see emulated IDE (4). */
export function vbdDeviceRange(hvm: boolean, pvDrivers: boolean): number {
  if (!hvm) return 255;
  return pvDrivers ? 16 : 4;
}

export const VIF_DEVICES = 7;

/** The positions in [0, count) not taken. */
export function freeDevices(count: number, used: Iterable<string>): string[] {
  const taken = new Set(used);
  const out: string[] = [];
  for (let i = 0; i < count; i++) if (!taken.has(String(i))) out.push(String(i));
  return out;
}

/** Whether a VM boots as an HVM guest. */
export function isHvm(row: Partial<Pick<VMRecord, 'domain_type' | 'HVM_boot_policy'>>): boolean {
  const type = row.domain_type;
  if (type === 'hvm') return true;
  if (type === 'unspecified' || type === undefined) return row.HVM_boot_policy !== '';
  return false;
}
