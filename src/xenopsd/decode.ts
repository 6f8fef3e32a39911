// Boundary decoding of configurations handed to VM.add / VBD.add / VIF.add /
// PCI.add / import_metadata: absent fields take the original's defaults,
// present ones must have the right type, and anything else is
// FIELD_TYPE_ERROR / INVALID_VALUE before any handler runs.
import { createHash, randomBytes } from 'node:crypto';
import { apiError } from '../datamodel/api-error.js';
import type { BuilderInfo, HvmInfo, Pci, PvInfo, Vbd, Vif, Vm, VmAction } from './types.js';

type Obj = Record<string, unknown>;

function obj(x: unknown, field: string): Obj {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw apiError('FIELD_TYPE_ERROR', { field });
  return x as Obj;
}

function typed<T>(o: Obj, key: string, check: (v: unknown) => boolean, dflt: T, where: string): T {
  const v = o[key];
  if (v === undefined || v === null) return dflt;
  if (!check(v)) throw apiError('FIELD_TYPE_ERROR', { field: `${where}.${key}` });
  return v as T;
}

const isStr = (v: unknown): boolean => typeof v === 'string';
const isNum = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isBool = (v: unknown): boolean => typeof v === 'boolean';
const isMap = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'string');
const isArr = (v: unknown): boolean => Array.isArray(v);

const actions: readonly VmAction[] = ['Coredump', 'Shutdown', 'Start', 'Pause', 'Softreboot'];
const isActions = (v: unknown): boolean =>
  Array.isArray(v) && v.every((a) => actions.includes(a as VmAction));

export const defaultHvmInfo: HvmInfo = {
  hap: true,
  shadow_multiplier: 1,
  timeoffset: '',
  video_mib: 4,
  video: 'Cirrus',
  acpi: true,
  pci_emulations: [],
  pci_passthrough: false,
  boot_order: 'cd',
  qemu_disk_cmdline: false,
  qemu_stubdom: false,
  firmware: 'Bios',
};

export const defaultPvInfo: PvInfo = {
  boot: ['Direct', { kernel: '', cmdline: '' }],
  framebuffer: false,
  vncterm: true,
  pci_passthrough: false,
};

function decodeBuilder(x: unknown): BuilderInfo {
  if (x === undefined || x === null) return ['HVM', defaultHvmInfo];
  if (!Array.isArray(x) || x.length !== 2 || typeof x[0] !== 'string')
    throw apiError('FIELD_TYPE_ERROR', { field: 'vm.ty' });
  const payload = obj(x[1], 'vm.ty');
  switch (x[0]) {
    case 'HVM':
      return ['HVM', { ...defaultHvmInfo, ...payload } as HvmInfo];
    case 'PV':
    case 'PVH':
    case 'PVinPVH':
      return [x[0], { ...defaultPvInfo, ...payload } as PvInfo];
    default:
      throw apiError('INVALID_VALUE', { field: 'vm.ty', value: x[0] });
  }
}

const GiB = 1024 ** 3;

export function decodeVm(x: unknown): Vm {
  const o = obj(x, 'vm');
  const id = typed(o, 'id', isStr, '', 'vm');
  if (id === '') throw apiError('INVALID_VALUE', { field: 'vm.id', value: '' });
  const w = 'vm';
  const staticMax = typed(o, 'memory_static_max', isNum, GiB, w);
  const dynMax = typed(o, 'memory_dynamic_max', isNum, staticMax, w);
  const dynMin = typed(o, 'memory_dynamic_min', isNum, dynMax, w);
  if (!(dynMin >= 0 && dynMin <= dynMax && dynMax <= staticMax)) {
    throw apiError('XENOPS_INVALID_MEMORY', { min: dynMin, max: dynMax });
  }
  const vcpuMax = typed(o, 'vcpu_max', isNum, 1, w);
  const vcpus = typed(o, 'vcpus', isNum, vcpuMax, w);
  if (!Number.isInteger(vcpus) || vcpus < 1 || vcpus > vcpuMax)
    throw apiError('XENOPS_INVALID_VCPUS', { vcpu_max: vcpuMax });
  const sched = o.scheduler_params === undefined ? {} : obj(o.scheduler_params, 'vm.scheduler_params');
  const generation = typed<string | undefined>(o, 'generation_id', isStr, undefined, w);
  return {
    id,
    name: typed(o, 'name', isStr, 'unnamed', w),
    ssidref: typed(o, 'ssidref', isNum, 0, w),
    xsdata: typed(o, 'xsdata', isMap, {}, w),
    platformdata: typed(o, 'platformdata', isMap, {}, w),
    bios_strings: typed(o, 'bios_strings', isMap, {}, w),
    ty: decodeBuilder(o.ty),
    memory_static_max: staticMax,
    memory_dynamic_max: dynMax,
    memory_dynamic_min: dynMin,
    vcpu_max: vcpuMax,
    vcpus,
    scheduler_params: {
      ...(sched.priority === undefined
        ? {}
        : { priority: typed(sched, 'priority', isArr, [256, 0] as const, 'vm.scheduler_params') }),
      affinity: typed(sched, 'affinity', isArr, [], 'vm.scheduler_params'),
    },
    on_crash: typed(o, 'on_crash', isActions, ['Start'], w),
    on_shutdown: typed(o, 'on_shutdown', isActions, ['Shutdown'], w),
    on_reboot: typed(o, 'on_reboot', isActions, ['Start'], w),
    on_softreboot: typed(o, 'on_softreboot', isActions, ['Softreboot'], w),
    pci_msitranslate: typed(o, 'pci_msitranslate', isBool, true, w),
    pci_power_mgmt: typed(o, 'pci_power_mgmt', isBool, false, w),
    has_vendor_device: typed(o, 'has_vendor_device', isBool, false, w),
    ...(generation === undefined ? {} : { generation_id: generation }),
  };
}

function deviceId(o: Obj, kind: string): readonly [string, string] {
  const id = o.id;
  if (
    !Array.isArray(id) ||
    id.length !== 2 ||
    typeof id[0] !== 'string' ||
    typeof id[1] !== 'string' ||
    !id[0] ||
    !id[1]
  ) {
    throw apiError('FIELD_TYPE_ERROR', { field: `${kind}.id` });
  }
  return [id[0], id[1]];
}

const isDisk = (v: unknown): boolean =>
  Array.isArray(v) && v.length === 2 && (v[0] === 'Local' || v[0] === 'VDI') && typeof v[1] === 'string';

export function decodeVbd(x: unknown): Vbd {
  const o = obj(x, 'vbd');
  const w = 'vbd';
  const ty = typed(o, 'ty', (v) => v === 'CDROM' || v === 'Disk' || v === 'Floppy', 'Disk' as Vbd['ty'], w);
  const backend = typed<Vbd['backend']>(o, 'backend', isDisk, undefined, w);
  const position = typed<Vbd['position']>(o, 'position', isArr, undefined, w);
  return {
    id: deviceId(o, w),
    ...(position === undefined ? {} : { position }),
    mode: typed(o, 'mode', (v) => v === 'ReadOnly' || v === 'ReadWrite', 'ReadWrite' as Vbd['mode'], w),
    ...(backend === undefined ? {} : { backend }),
    ty,
    unpluggable: typed(o, 'unpluggable', isBool, true, w),
    extra_backend_keys: typed(o, 'extra_backend_keys', isMap, {}, w),
    extra_private_keys: typed(o, 'extra_private_keys', isMap, {}, w),
    ...(o.qos === undefined ? {} : { qos: typed(o, 'qos', isArr, ['Ionice', 'Idle'] as const, w) }),
    persistent: typed(o, 'persistent', isBool, true, w),
    can_attach_early: typed(o, 'can_attach_early', isBool, false, w),
  };
}

/** "random" → a random locally-administered MAC; "" → one derived from the VM and position. */
export function generateMac(mac: string, vm: string, position: number): string {
  if (mac !== '' && mac !== 'random') return mac;
  const bytes = mac === 'random' ? randomBytes(6) : createHash('sha256').update(`${position}:${vm}`).digest();
  const b = [...bytes.subarray(0, 6)];
  b[0] = ((b[0] ?? 0) & 0xfe) | 0x02;
  return b.map((n) => n.toString(16).padStart(2, '0')).join(':');
}

export function decodeVif(x: unknown): Vif {
  const o = obj(x, 'vif');
  const w = 'vif';
  const id = deviceId(o, w);
  const position = typed(o, 'position', isNum, 0, w);
  const vlan = typed<number | undefined>(o, 'vlan', isNum, undefined, w);
  const rate = typed<Vif['rate']>(o, 'rate', isArr, undefined, w);
  return {
    id,
    position,
    mac: generateMac(typed(o, 'mac', isStr, '', w), id[0], position),
    carrier: typed(o, 'carrier', isBool, true, w),
    mtu: typed(o, 'mtu', isNum, 1500, w),
    ...(rate === undefined ? {} : { rate }),
    backend: typed(o, 'backend', isArr, ['Local', 'xenbr0'] as const, w),
    other_config: typed(o, 'other_config', isMap, {}, w),
    locking_mode: typed(
      o,
      'locking_mode',
      (v) => v === 'Unlocked' || v === 'Disabled' || isArr(v),
      'Unlocked',
      w,
    ),
    extra_private_keys: typed(o, 'extra_private_keys', isMap, {}, w),
    ipv4_configuration: typed(o, 'ipv4_configuration', (v) => isStr(v) || isArr(v), 'Unspecified4', w),
    ipv6_configuration: typed(o, 'ipv6_configuration', (v) => isStr(v) || isArr(v), 'Unspecified6', w),
    ...(vlan === undefined ? {} : { vlan }),
    trunks: typed(o, 'trunks', isArr, [], w),
  };
}

export function decodePci(x: unknown): Pci {
  const o = obj(x, 'pci');
  const a = obj(o.address, 'pci.address');
  const n = (k: string): number => typed(a, k, isNum, 0, 'pci.address');
  return {
    id: deviceId(o, 'pci'),
    position: typed(o, 'position', isNum, 0, 'pci'),
    address: { domain: n('domain'), bus: n('bus'), dev: n('dev'), fn: n('fn') },
    ...(o.msitranslate === undefined ? {} : { msitranslate: typed(o, 'msitranslate', isBool, true, 'pci') }),
    ...(o.power_mgmt === undefined ? {} : { power_mgmt: typed(o, 'power_mgmt', isBool, false, 'pci') }),
  };
}

export function decodeDisk(x: unknown, field: string): readonly ['Local' | 'VDI', string] {
  if (!isDisk(x)) throw apiError('FIELD_TYPE_ERROR', { field });
  return x as readonly ['Local' | 'VDI', string];
}
