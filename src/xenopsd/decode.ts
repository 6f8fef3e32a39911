// Boundary decoding of configurations handed to VM.add / VBD.add / VIF.add /
// PCI.add / import_metadata: the IDL codecs check types and fill in the
// original's defaults; this adds the semantic checks (ids, memory, vCPUs) and
// turns every failure into FIELD_TYPE_ERROR / INVALID_VALUE before any handler runs.
import { createHash, randomBytes } from 'node:crypto';
import { apiError } from '../datamodel/api-error.js';
import { DecodeError, type Codec } from '../idl/index.js';
import { PciC, VbdC, VifC, VmC, DiskC, type Disk, type Pci, type Vbd, type Vif, type Vm } from './types.js';

function decodeWith<T>(c: Codec<T>, x: unknown, what: string): T {
  try {
    return c.decode(x, what);
  } catch (e) {
    if (e instanceof DecodeError) throw apiError('FIELD_TYPE_ERROR', { field: e.path || what });
    throw e;
  }
}

export function decodeVm(x: unknown): Vm {
  const vm = decodeWith(VmC, x, 'vm');
  if (vm.id === '') throw apiError('INVALID_VALUE', { field: 'vm.id', value: '' });
  // -1 stands for "absent": dynamic max defaults to static max, min to max, vcpus to vcpu_max.
  const dynMax = vm.memory_dynamic_max < 0 ? vm.memory_static_max : vm.memory_dynamic_max;
  const dynMin = vm.memory_dynamic_min < 0 ? dynMax : vm.memory_dynamic_min;
  if (!(dynMin >= 0 && dynMin <= dynMax && dynMax <= vm.memory_static_max)) {
    throw apiError('XENOPS_INVALID_MEMORY', { min: dynMin, max: dynMax });
  }
  const vcpus = vm.vcpus < 0 ? vm.vcpu_max : vm.vcpus;
  if (vcpus < 1 || vcpus > vm.vcpu_max) throw apiError('XENOPS_INVALID_VCPUS', { vcpu_max: vm.vcpu_max });
  return { ...vm, memory_dynamic_max: dynMax, memory_dynamic_min: dynMin, vcpus };
}

function checkId(id: readonly [string, string], kind: string): void {
  if (!id[0] || !id[1]) throw apiError('INVALID_VALUE', { field: `${kind}.id`, value: id.join('.') });
}

export function decodeVbd(x: unknown): Vbd {
  const v = decodeWith(VbdC, x, 'vbd');
  checkId(v.id, 'vbd');
  return v;
}

export function decodePci(x: unknown): Pci {
  const p = decodeWith(PciC, x, 'pci');
  checkId(p.id, 'pci');
  return p;
}

export function decodeVif(x: unknown): Vif {
  const v = decodeWith(VifC, x, 'vif');
  checkId(v.id, 'vif');
  return { ...v, mac: generateMac(v.mac, v.id[0], v.position) };
}

export function decodeDisk(x: unknown, field: string): Disk {
  return decodeWith(DiskC, x, field);
}

/** "random" → a random locally-administered MAC; "" → one derived from the VM and position. */
export function generateMac(mac: string, vm: string, position: number): string {
  if (mac !== '' && mac !== 'random') return mac;
  const bytes = mac === 'random' ? randomBytes(6) : createHash('sha256').update(`${position}:${vm}`).digest();
  const b = [...bytes.subarray(0, 6)];
  b[0] = ((b[0] ?? 0) & 0xfe) | 0x02;
  return b.map((n) => n.toString(16).padStart(2, '0')).join(':');
}
